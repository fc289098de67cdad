package dev.bookstore.ml;

import java.util.Arrays;

/**
 * A compressed-row sparse matrix of counts (rows: customers or items; columns: items or customers), the rows'
 * columns ascending. Immutable once built.
 */
final class Sparse {
    final int rows;
    final int columns;
    /** Row r holds entries {@code start[r] .. start[r + 1] - 1}. */
    final int[] start;
    final int[] column;
    final int[] value;

    Sparse(int rows, int columns, int[] start, int[] column, int[] value) {
        this.rows = rows;
        this.columns = columns;
        this.start = start;
        this.column = column;
        this.value = value;
    }

    int entries() {
        return column.length;
    }

    int length(int r) {
        return start[r + 1] - start[r];
    }

    /** The transpose (columns become rows), its rows' columns ascending. */
    Sparse transpose() {
        int[] count = new int[columns + 1];
        for (int c : column) {
            count[c + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            count[c + 1] += count[c];
        }
        int[] s = count.clone();
        int[] col = new int[column.length];
        int[] val = new int[column.length];
        int[] next = Arrays.copyOf(count, columns);
        for (int r = 0; r < rows; r++) {
            for (int e = start[r]; e < start[r + 1]; e++) {
                int p = next[column[e]]++;
                col[p] = r;
                val[p] = value[e];
            }
        }
        return new Sparse(columns, rows, s, col, val);
    }

    /** One row: its columns (ascending) and values. */
    record Row(int[] items, int[] counts) {
        static Row of(int[] items, int[] counts) {
            Integer[] order = new Integer[items.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(items[x], items[y]));
            int[] it = new int[items.length];
            int[] ct = new int[items.length];
            for (int i = 0; i < order.length; i++) {
                it[i] = items[order[i]];
                ct[i] = counts[order[i]];
            }
            return new Row(it, ct);
        }
    }

    /** Collects (row, column, value) triplets in any order; a repeated cell adds up. */
    static final class Builder {
        private final int rows;
        private final int columns;
        private long[] keys = new long[1024];
        private int[] values = new int[1024];
        private int size;

        Builder(int rows, int columns) {
            this.rows = rows;
            this.columns = columns;
        }

        void add(int row, int column, int value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = ((long) row << 32) | column;
            values[size++] = value;
        }

        Sparse build() {
            // sort the keys with their values: pack the triplet index into a second sort by key
            long[] k = Arrays.copyOf(keys, size);
            int[] order = sortedOrder(k);
            int[] start = new int[rows + 1];
            int[] col = new int[size];
            int[] val = new int[size];
            int n = 0;
            long previous = -1;
            for (int idx : order) {
                long key = keys[idx];
                if (key == previous) {
                    val[n - 1] += values[idx];
                    continue;
                }
                previous = key;
                int r = (int) (key >>> 32);
                col[n] = (int) key;
                val[n] = values[idx];
                start[r + 1]++;
                n++;
            }
            for (int r = 0; r < rows; r++) {
                start[r + 1] += start[r];
            }
            return new Sparse(rows, columns, start, Arrays.copyOf(col, n), Arrays.copyOf(val, n));
        }

        private int[] sortedOrder(long[] k) {
            Integer[] boxed = new Integer[k.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (x, y) -> Long.compare(k[x], k[y]));
            int[] out = new int[boxed.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = boxed[i];
            }
            return out;
        }
    }
}
