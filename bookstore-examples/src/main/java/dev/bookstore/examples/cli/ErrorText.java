package dev.bookstore.examples.cli;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.NotReadyException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one-line text of a failure for the user. {@link BookstoreException} messages are user-facing already;
 * file-system errors are phrased as "what: path"; anything else is named by its type.
 */
final class ErrorText {
    private ErrorText() {
    }

    /** The library's hint for a warehouse that is not built yet, in Java terms. */
    private static final String JAVA_HINT = "run Warehouse.init(), then build the marts with Transform";

    /** One line saying what went wrong and where. */
    static String of(Throwable e) {
        String text = oneLine(describe(e));
        return e instanceof NotReadyException ? text.replace(JAVA_HINT,
                "load and build it first: `bookstore run --db URL --data DIR` or `bookstore quickstart`") : text;
    }

    /** {@code text} with its line breaks (and the blanks around them) folded into single spaces. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String describe(Throwable e) {
        if (e instanceof BookstoreException || e instanceof IllegalArgumentException) {
            return messageOrType(e);
        }
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? e.getClass().getSimpleName() : f.getReason());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String messageOrType(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
