package dev.bookstore.ml;

/**
 * A bounded min-heap of (score, item) packed into longs — the allocation-free top-k selection of the serving path.
 * A key orders by score, then by the lower item index; {@link #key}, {@link #score} and {@link #item} pack and
 * unpack it. Not thread-safe: one per thread.
 */
final class TopK {
    private final long[] heap;
    private int size;
    private int capacity;

    TopK(int maxCapacity) {
        heap = new long[maxCapacity];
    }

    /** Empties the heap and sets how many keys it keeps. */
    void reset(int keep) {
        size = 0;
        capacity = Math.min(keep, heap.length);
    }

    int size() {
        return size;
    }

    void offer(long key) {
        if (size < capacity) {
            int i = size++;
            heap[i] = key;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= key) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = key;
        } else if (capacity > 0 && key > heap[0]) {
            siftDown(key);
        }
    }

    /** The smallest key kept (the bar a new key must pass once full); {@code Long.MIN_VALUE} when not full. */
    long bar() {
        return size < capacity ? Long.MIN_VALUE : heap[0];
    }

    private void siftDown(long key) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right] < heap[child]) {
                child = right;
            }
            if (key <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = key;
    }

    /** Sorts the kept keys best first into {@code out[0 .. size-1]} and empties the heap; returns the count. */
    int drainBestFirst(long[] out) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            out[i] = heap[0];
            long last = heap[--size];
            if (size > 0) {
                siftDown(last);
            }
        }
        return n;
    }

    static long key(float score, int item) {
        int bits = Float.floatToIntBits(score);
        int sortable = bits ^ ((bits >> 31) & 0x7FFFFFFF);
        return ((long) sortable << 32) | (0xFFFFFFFFL & (Integer.MAX_VALUE - item));
    }

    static int item(long key) {
        return Integer.MAX_VALUE - (int) key;
    }

    static float score(long key) {
        int sortable = (int) (key >> 32);
        int bits = sortable ^ ((sortable >> 31) & 0x7FFFFFFF);
        return Float.intBitsToFloat(bits);
    }
}
