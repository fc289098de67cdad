package dev.bookstore.model.sql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary file a spooling bulk writer appends rows to and the database then loads ({@link SpoolingCopyWriter},
 * {@link LoadDataWriter}): opened on the first row, closed for loading, deleted after each load and on close.
 */
final class SpoolFile {
    private final String suffix;
    private Path file;
    private BufferedWriter out;
    private long chars;
    private long rows;

    SpoolFile(String suffix) {
        this.suffix = suffix;
    }

    /** Appends one row's text, opening a new file when none is open. */
    void append(CharSequence row) throws IOException {
        if (out == null) {
            file = Files.createTempFile("bookstore-bulk-", suffix);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            chars = 0;
            rows = 0;
        }
        out.append(row);
        chars += row.length();
        rows++;
    }

    /** Whether rows were appended since the last load. */
    boolean isOpen() {
        return out != null;
    }

    /** Characters appended to the open file. */
    long chars() {
        return chars;
    }

    /** Rows appended to the open file. */
    long rows() {
        return rows;
    }

    /** Closes the open file for writing and returns it, to be loaded; {@link #delete()} it afterwards. */
    Path closeForLoading() throws IOException {
        out.close();
        out = null;
        return file;
    }

    /** The current file, for messages ({@code null} before the first row). */
    Path path() {
        return file;
    }

    /** Closes (quietly) and deletes the file, if any; a file that cannot be deleted now is deleted on exit. */
    void delete() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted next
            }
            out = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
            file = null;
        }
    }
}
