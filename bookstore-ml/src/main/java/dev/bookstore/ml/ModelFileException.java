package dev.bookstore.ml;

import dev.bookstore.model.WarehouseException;

/**
 * A model file that cannot be used: not a model file, an unknown format version, truncated, or modified after it
 * was written. The message is one line naming the file and what is wrong.
 *
 * <pre>{@code
 * try { ModelFile.read(path); } catch (ModelFileException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class ModelFileException extends WarehouseException {
    private static final long serialVersionUID = 1L;

    ModelFileException(String message) {
        super(message);
    }

    ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
