package dev.bookstore.examples.cli;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.IngestReport;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** The load step of {@code quickstart}: the generated files into the warehouse's raw layer, with progress. */
final class WarehouseLoad {
    private static final long PROGRESS_EVERY = 10_000;

    private WarehouseLoad() {
    }

    /**
     * Ingests the four files of {@code data} into {@code wh}; files whose content was loaded before are skipped.
     * "Now", for the rule rejecting future dates, is the end of the data set's window, so that a synthetic
     * window reaching past today loads as it would have on its last day (and only the planted future dates are
     * rejected).
     */
    /** "Now" at the end of a generated data set's window, for the rule rejecting future dates. */
    static Clock endOfWindow(Manifest manifest) {
        Manifest.Window window = manifest.truth().window();
        ZoneId zone = ZoneId.of(window.timeZone());
        return Clock.fixed(window.endExclusive().atStartOfDay(zone).toInstant(), zone);
    }

    static IngestReport run(Warehouse wh, DataSet.Generated data, PrintWriter err, boolean terminal) {
        Path dir = data.dir();
        Clock endOfWindow = endOfWindow(data.manifest());
        AtomicReference<String> status = new AtomicReference<>("starting");
        Ingest ingest = Ingest.into(wh).directory(dir)
                .options(IngestOptions.defaults().withClock(endOfWindow).withProgressEvery(PROGRESS_EVERY))
                .progress((source, rows) -> status.set(source.code() + " " + Units.count(rows) + " rows read"));
        return Progress.during(err, terminal, "loading", status::get, ingest::run);
    }
}
