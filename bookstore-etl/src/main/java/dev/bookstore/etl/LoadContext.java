package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What every source load of one run shares.
 *
 * @param warehouse the target
 * @param options the run's options
 * @param loadId the run's id, written to every row
 * @param now the options' clock's instant at the start of the run
 * @param today the business day of {@code now} in the reporting zone
 */
record LoadContext(Warehouse warehouse, IngestOptions options, String loadId, Instant now, LocalDate today) {
    static LoadContext start(Warehouse wh, IngestOptions options, String loadId) {
        Instant now = options.clock().instant();
        return new LoadContext(wh, options, loadId, now, wh.calendar().businessDay(now));
    }

    ZoneId zone() {
        return warehouse.calendar().zone();
    }
}
