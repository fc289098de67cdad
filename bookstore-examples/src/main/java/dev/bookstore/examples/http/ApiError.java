package dev.bookstore.examples.http;

import java.util.List;

/**
 * A request the service refuses, by kind; {@link Failures} turns each kind into its status and JSON body. Thrown by
 * the route layer (parameters, bodies, look-ups), never by the library.
 */
abstract sealed class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiError(String message) {
        super(message, null, false, false);
    }

    /** The HTTP status of this kind. */
    abstract int status();

    /** A parameter or body field with a bad value (400): names it and says what is valid. */
    static final class BadRequest extends ApiError {
        private static final long serialVersionUID = 1L;
        final String parameter;
        final String valid;

        BadRequest(String parameter, String message, String valid) {
            super(message);
            this.parameter = parameter;
            this.valid = valid;
        }

        @Override
        int status() {
            return 400;
        }
    }

    /** An id that names nothing in the warehouse (404). */
    static final class NotFound extends ApiError {
        private static final long serialVersionUID = 1L;
        final String parameter;

        NotFound(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        @Override
        int status() {
            return 404;
        }
    }

    /** A model that is not trained or not built yet (503): says what to train. */
    static final class NotReady extends ApiError {
        private static final long serialVersionUID = 1L;
        final String model;
        final String train;

        NotReady(String model, String message, String train) {
            super(message);
            this.model = model;
            this.train = train;
        }

        @Override
        int status() {
            return 503;
        }
    }

    /** A request body over the route's limit (413). */
    static final class TooLarge extends ApiError {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        @Override
        int status() {
            return 413;
        }
    }

    /** Parameters the route does not know (400), listing the ones it does. */
    static BadRequest unknownParameters(List<String> unknown, List<String> known) {
        return new BadRequest(unknown.get(0), "unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                + String.join(", ", unknown), known.isEmpty() ? "this route takes no parameters"
                : "one of " + String.join(", ", known));
    }
}
