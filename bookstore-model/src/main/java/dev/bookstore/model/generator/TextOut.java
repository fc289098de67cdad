package dev.bookstore.model.generator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A UTF-8 text file written line by line ('\n' endings) through large buffers; counts lines. */
final class TextOut implements Closeable {

    private final Writer out;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private long lines;

    TextOut(Path file) throws IOException {
        out =
                new OutputStreamWriter(
                        new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), StandardCharsets.UTF_8);
    }

    /** Writes the builder's content followed by '\n'. */
    void line(CharSequence sb) throws IOException {
        int len = sb.length();
        if (len + 1 > buf.length - pos) {
            flushBuffer();
            if (len + 1 > buf.length) {
                out.append(sb).append('\n');
                lines++;
                return;
            }
        }
        if (sb instanceof StringBuilder b) {
            b.getChars(0, len, buf, pos);
        } else {
            sb.toString().getChars(0, len, buf, pos);
        }
        pos += len;
        buf[pos++] = '\n';
        lines++;
    }

    /** Number of lines written so far (including any header). */
    long lines() {
        return lines;
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
