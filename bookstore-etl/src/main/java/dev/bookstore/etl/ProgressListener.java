package dev.bookstore.etl;

/**
 * Told how far a load has got, for progress displays; called on the loading thread every
 * {@link IngestOptions#progressEvery()} rows and once when a source is finished. The library itself never
 * prints. An exception thrown by the listener aborts the load of the current source, which is rolled back.
 *
 * <pre>{@code
 * Ingest.into(wh).orders(file)
 *         .progress((source, rows) -> System.err.printf("%s: %,d rows%n", source.code(), rows))
 *         .run();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every call. */
    ProgressListener NONE = (source, rowsRead) -> { };

    /**
     * Reports progress.
     *
     * @param source the source being loaded
     * @param rowsRead input rows read from it so far (loaded, rejected or duplicate)
     */
    void progress(SourceKind source, long rowsRead);
}
