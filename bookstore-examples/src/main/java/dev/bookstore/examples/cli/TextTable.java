package dev.bookstore.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small plain-text table: a header and rows of cells, printed with every column as wide as its widest cell;
 * the columns named as numeric are right-aligned, the others left-aligned.
 */
final class TextTable {
    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * A table with these column titles; a title starting with {@code >} (dropped when printed) marks a
     * right-aligned column.
     */
    TextTable(String... titles) {
        header = new String[titles.length];
        rightAligned = new boolean[titles.length];
        for (int i = 0; i < titles.length; i++) {
            rightAligned[i] = titles[i].startsWith(">");
            header[i] = rightAligned[i] ? titles[i].substring(1) : titles[i];
        }
    }

    /** Adds a row; missing trailing cells are blank. */
    TextTable row(String... cells) {
        if (cells.length > header.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.length + " columns");
        }
        String[] row = Arrays.copyOf(cells, header.length);
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] == null ? "" : row[i];
        }
        rows.add(row);
        return this;
    }

    /** Prints the header and the rows, two spaces between columns, no trailing blanks. */
    void print(PrintWriter out) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        line(out, header, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
        out.flush();
    }

    private void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(rightAligned[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.println(sb.toString().stripTrailing());
    }
}
