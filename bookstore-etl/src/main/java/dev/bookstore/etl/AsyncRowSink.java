package dev.bookstore.etl;

import dev.bookstore.model.WarehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands rows to a {@link RowWriter} running on a thread of its own, so that reading and validating (this thread)
 * overlap with the database's bulk load (the writer thread, which alone uses the connection until
 * {@link #finish()}). Rows travel in batches through a bounded queue: memory stays bounded, and a slow database
 * slows the reader down. A failure of the writer is rethrown to the reader at its next hand-off (or by
 * {@link #finish()}); a failure of the reader stops the writer ({@link #close()}).
 */
final class AsyncRowSink implements RowSink, AutoCloseable {
    private static final int BATCH = 4_096;
    private static final List<Runnable> END = List.of();

    private final RowWriter out;
    private final BlockingQueue<List<Runnable>> queue = new ArrayBlockingQueue<>(4);
    private final Thread writer;
    private List<Runnable> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private volatile boolean cancelled;
    private boolean ended;

    AsyncRowSink(RowWriter out, String name) {
        this.out = out;
        this.writer = new Thread(this::drain, "bookstore-ingest-writer-" + name);
        writer.setDaemon(true);
        writer.start();
    }

    private void drain() {
        try {
            while (true) {
                List<Runnable> next = queue.take();
                if (next == END) {
                    if (failure == null && !cancelled) {
                        try {
                            out.finish();
                        } catch (RuntimeException | Error e) {
                            failure = e; // END is taken: no further batch will come, so do not wait for one
                        }
                    }
                    return;
                }
                if (failure == null && !cancelled) {
                    for (Runnable r : next) {
                        r.run();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
            drainToEnd();
        }
    }

    /** After a failure: keep taking (and dropping) batches so that the reader never blocks, until the end. */
    private void drainToEnd() {
        try {
            while (queue.take() != END) {
                // dropped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void row(Object[] data, String sourceName, long line, String warnings) {
        add(() -> out.row(data, sourceName, line, warnings));
    }

    @Override
    public void quarantine(String sourceName, long line, String rawText, List<Violation> violations, String loadId) {
        add(() -> out.quarantine(sourceName, line, rawText, violations, loadId));
    }

    private void add(Runnable r) {
        batch.add(r);
        if (batch.size() >= BATCH) {
            handOff(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void handOff(List<Runnable> b) {
        rethrow();
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while loading", e);
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new WarehouseException("the bulk load failed: " + t, t);
        }
    }

    /** Writes everything handed over and waits for the writer; the connection is this thread's again after. */
    void finish() {
        if (!batch.isEmpty()) {
            handOff(batch);
            batch = new ArrayList<>(0);
        }
        end();
        rethrow();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while loading", e);
        }
    }

    /** Stops the writer when the reader failed (rows not written are dropped with the transaction). */
    @Override
    public void close() {
        if (!ended) {
            cancelled = true;
            queue.clear();
            end();
        }
    }
}
