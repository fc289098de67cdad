package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.WarehouseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A running {@link KafkaStream}, on a thread of its own: {@link #stop()} asks it to finish the batch in flight and
 * leave its consumer group; {@link #await()} waits for that and returns the report. Thread-safe.
 *
 * <pre>{@code
 * try (StreamRun run = KafkaStream.from(Map.of("bootstrap.servers", "127.0.0.1:19092")).events("clickstream")
 *         .into(wh).start()) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(run::stop));
 *     StreamReport report = run.await();
 * }
 * }</pre>
 */
public final class StreamRun implements AutoCloseable {
    private final KafkaLoop loop;
    private final CompletableFuture<StreamReport> done = new CompletableFuture<>();
    private final Thread thread;

    StreamRun(KafkaLoop loop) {
        this.loop = loop;
        this.thread = new Thread(() -> {
            try {
                done.complete(loop.run());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "bookstore-stream-" + loop.group());
        thread.start();
    }

    /** Asks the stream to stop after the batch in flight is committed; returns at once. */
    public void stop() {
        loop.stop();
    }

    /** Whether the stream is still running. */
    public boolean isRunning() {
        return !done.isDone();
    }

    /** The report so far (committed batches only). */
    public StreamReport progress() {
        return loop.report();
    }

    /**
     * Waits until the stream stops (by {@link #stop()}, or when idle for {@link StreamOptions#stopWhenIdle()}).
     *
     * @throws BookstoreException the failure that stopped the stream (e.g. the database failing for longer than
     *                            {@link StreamOptions#databaseRetry()}); the batches before it stay committed
     */
    public StreamReport await() {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while waiting for the stream to stop", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new WarehouseException("the stream failed: " + cause, cause);
        }
    }

    /** {@link #stop()} then {@link #await()}. */
    @Override
    public void close() {
        stop();
        await();
    }
}
