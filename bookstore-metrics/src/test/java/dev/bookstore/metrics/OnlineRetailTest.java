package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the real Online Retail sample ({@code ../shared/data/online-retail-sample.csv}), revenue and order count equal
 * a computation straight from the CSV by the shared definitions. Skipped when the file is absent (a fresh clone has
 * no {@code ../shared}).
 */
@ExtendWith(Warehouses.class)
class OnlineRetailTest {
    static final DateRange ALL = DateRange.of(LocalDate.of(2010, 1, 1), LocalDate.of(2011, 12, 31));

    private static Path sample() {
        Path shared = Path.of(System.getProperty("bookstore.shared", "../shared"));
        Path file = shared.resolve("data").resolve("online-retail-sample.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no Online Retail sample at " + file);
        return file;
    }

    /** Gross, net and orders from the CSV, by the definitions; exact repeats of a row count once, as ingest keeps. */
    record Expected(BigDecimal gross, BigDecimal net, long orders) {
        static Expected of(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                Set<List<String>> seen = new HashSet<>();
                Set<String> orders = new HashSet<>();
                BigDecimal gross = BigDecimal.ZERO;
                BigDecimal cancelled = BigDecimal.ZERO;
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = dev.bookstore.model.testing.CsvRows.split(line);
                    // InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                    if (!seen.add(List.of(f[0], f[1], f[3], f[4], f[5], f[6], f[7]))) {
                        continue;
                    }
                    int q = Integer.parseInt(f[3].strip());
                    BigDecimal p = new BigDecimal(f[5].strip());
                    boolean cancellation = f[0].strip().startsWith("C");
                    if (q > 0 && p.signum() > 0 && !cancellation) {
                        gross = gross.add(p.multiply(BigDecimal.valueOf(q)));
                        orders.add(f[0].strip());
                    } else if (q < 0 && p.signum() > 0) {
                        cancelled = cancelled.add(p.multiply(BigDecimal.valueOf(-q)));
                    }
                }
                return new Expected(gross.setScale(2), gross.subtract(cancelled).setScale(2), orders.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @EachDatabase
    void revenueAndOrdersEqualAComputationFromTheFile(DatabaseKind kind) {
        Path file = sample();
        Warehouse wh = Warehouses.build(kind, "online-retail", w -> {
            Ingest.into(w).onlineRetail(file).options(Warehouses.INGEST).run();
            TestData.transform(w);
        });
        Expected expected = Expected.of(file);
        SalesSummary sales = Metrics.on(wh).sales(ALL);
        assertEquals(expected.gross(), sales.grossRevenue(), "gross revenue");
        assertEquals(expected.orders(), sales.orders(), "orders");
        assertEquals(expected.net(), sales.netRevenue(), "net revenue");
        assertEquals(expected.gross(), Metrics.on(wh).revenue(ALL, Granularity.MONTH).stream()
                .map(RevenuePoint::grossRevenue).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
