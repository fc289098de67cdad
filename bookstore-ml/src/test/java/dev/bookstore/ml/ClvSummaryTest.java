package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.testing.CsvRows;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RFM summary computed in SQL on every database, and from a transactions CSV file, equals a plain-Java
 * computation from the generated raw files (an oracle that shares no code with either path).
 */
class ClvSummaryTest {
    private static final LocalDate CALIBRATION_END = LocalDate.of(2025, 4, 30);
    private static final LocalDate HOLDOUT_END = LocalDate.of(2025, 6, 30);
    private static Path small;

    /** 400 customers over 6 months, seed 7: small enough to load into every database. */
    static synchronized Path small() throws IOException {
        if (small == null) {
            Path d = Files.createTempDirectory("bookstore-clv-small");
            Generator.generate(GeneratorOptions.defaults().withCustomers(400).withProducts(60).withMonths(6)
                    .withEvents(4_000).withOrdersPerMonth(300).withSeed(7).withStart(LocalDate.of(2025, 1, 1)), d);
            try (var files = Files.list(d)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            d.toFile().deleteOnExit();
            small = d;
        }
        return small;
    }

    @EachDatabase
    void sqlSummaryMatchesAPlainJavaComputationFromTheFiles(Warehouse wh) throws IOException {
        MlTestData.load(wh, small());
        RfmSummary s = Clv.summary(wh, CALIBRATION_END, HOLDOUT_END);
        assertEquals(Optional.of(CALIBRATION_END), s.calibrationEnd());
        assertEquals(Optional.of(HOLDOUT_END), s.holdoutEnd());
        same(oracle(small(), CALIBRATION_END, HOLDOUT_END), s);
        // without a holdout: the same calibration columns, no holdout counts
        RfmSummary plain = Clv.summary(wh, CALIBRATION_END);
        assertEquals(s.size(), plain.size());
        for (int i = 0; i < s.size(); i++) {
            RfmSummary.Customer a = s.customers().get(i);
            RfmSummary.Customer b = plain.customers().get(i);
            assertEquals(new RfmSummary.Customer(a.customerId(), a.frequency(), a.recency(), a.age(), a.monetary(),
                    0, 0), b);
        }
    }

    @Test
    void csvSummaryMatchesTheOracleAndMergesSameDayPurchases(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("transactions.csv");
        List<String> lines = new ArrayList<>(List.of("when,amount,who"));
        DateTimeFormatter compact = DateTimeFormatter.ofPattern("yyyyMMdd");
        for (Order o : orders(small())) {
            lines.add(o.day.format(compact) + "," + o.amount.toPlainString() + "," + o.customer);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        RfmSummary s = Clv.summary(file, new TransactionColumns("who", "when", "amount", "yyyyMMdd"),
                CALIBRATION_END, Optional.of(HOLDOUT_END));
        same(oracle(small(), CALIBRATION_END, HOLDOUT_END), s);
    }

    @Test
    void aSmallFileByHand(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("t.csv");
        Files.writeString(file, String.join("\n", "customer,date,amount",
                "a,2025-01-01,10", "a,2025-01-01,5", "a,2025-01-15,20", "a,2025-01-29T10:00:00,40",
                "b,2025-01-20,7", "a,2025-02-05,3", "c,2025-02-02,9", ""));
        RfmSummary s = Clv.summary(file, TransactionColumns.iso("customer", "date", "amount"),
                LocalDate.of(2025, 1, 31), Optional.of(LocalDate.of(2025, 2, 28)));
        // a: first day 1 Jan (15 merged), repeats 15 and 29 Jan (mean 30); holdout 5 Feb; c first buys after the end
        assertEquals(List.of(new RfmSummary.Customer("a", 2, 4.0, 30 / 7.0, 30, 1, 3),
                new RfmSummary.Customer("b", 0, 0, 11 / 7.0, 0, 0, 0)), s.customers());
    }

    @Test
    void badInputNamesTheFileLineAndColumn(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("bad.csv");
        TransactionColumns cols = TransactionColumns.iso("customer", "date", "amount");
        LocalDate end = LocalDate.of(2025, 1, 31);
        Files.writeString(file, "customer,date,amount\na,2025-01-01,10\na,01/02/2025,5\n");
        assertEquals(file + " line 3, column date: cannot parse '01/02/2025' as a date with the pattern yyyy-MM-dd",
                assertThrows(BookstoreException.class, () -> Clv.summary(file, cols, end, Optional.empty()))
                        .getMessage());
        Files.writeString(file, "customer,date,amount\na,2025-02-31,10\n");
        assertEquals(file + " line 2, column date: cannot parse '2025-02-31' as a date with the pattern yyyy-MM-dd",
                assertThrows(BookstoreException.class, () -> Clv.summary(file, cols, end, Optional.empty()))
                        .getMessage());
        Files.writeString(file, "customer,date,amount\na,2025-01-01,10\na,2025-01-02,ten\n");
        assertEquals(file + " line 3, column amount: cannot parse 'ten' as an amount (expected a number like 12.50)",
                assertThrows(BookstoreException.class, () -> Clv.summary(file, cols, end, Optional.empty()))
                        .getMessage());
        Files.writeString(file, "customer,day,amount\na,2025-01-01,10\n");
        assertEquals(file + " line 1: no date column 'date'; the header has customer, day, amount",
                assertThrows(BookstoreException.class, () -> Clv.summary(file, cols, end, Optional.empty()))
                        .getMessage());
        Files.writeString(file, "customer,date,amount\na,2025-01-01\n");
        assertEquals(file + " line 2, column amount: missing (the line has 2 fields)",
                assertThrows(BookstoreException.class, () -> Clv.summary(file, cols, end, Optional.empty()))
                        .getMessage());
        assertEquals("transactions file " + tmp.resolve("nope.csv") + " does not exist",
                assertThrows(BookstoreException.class, () -> Clv.summary(tmp.resolve("nope.csv"), cols, end,
                        Optional.empty())).getMessage());
    }

    private static void same(Map<String, RfmSummary.Customer> expected, RfmSummary actual) {
        assertEquals(new ArrayList<>(expected.keySet()), actual.customers().stream()
                .map(RfmSummary.Customer::customerId).toList(), "population: customers who bought by the end");
        int repeaters = 0;
        int holdout = 0;
        for (RfmSummary.Customer c : actual.customers()) {
            RfmSummary.Customer o = expected.get(c.customerId());
            String who = c.customerId();
            assertEquals(o.frequency(), c.frequency(), who + " frequency");
            assertEquals(o.recency(), c.recency(), 1e-9, who + " recency");
            assertEquals(o.age(), c.age(), 1e-9, who + " T");
            assertEquals(o.monetary(), c.monetary(), 1e-6, who + " monetary");
            assertEquals(o.holdoutPurchases(), c.holdoutPurchases(), who + " holdout purchases");
            assertEquals(o.holdoutSpend(), c.holdoutSpend(), 1e-6, who + " holdout spend");
            repeaters += c.frequency() > 0 ? 1 : 0;
            holdout += c.holdoutPurchases() > 0 ? 1 : 0;
        }
        assertTrue(actual.size() > 100 && repeaters > 30 && holdout > 30,
                actual.size() + " customers, " + repeaters + " repeat buyers, " + holdout + " holdout buyers");
    }

    record Order(String customer, LocalDate day, BigDecimal amount) {
    }

    /** Valid sale lines of registered customers' orders, one per order (order lines summed), from the raw file. */
    static List<Order> orders(Path dir) throws IOException {
        Map<String, Order> orders = new HashMap<>();
        for (String[] f : CsvRows.read(dir.resolve("raw_orders.csv"))) {
            int qty = Integer.parseInt(f[4]);
            BigDecimal price = new BigDecimal(f[5]);
            if (f[1].isBlank() || qty <= 0 || price.signum() <= 0 || f[7].equals("cancelled")) {
                continue;
            }
            Order line = new Order(f[1], LocalDate.parse(f[2]), price.multiply(BigDecimal.valueOf(qty)));
            orders.merge(f[0], line, (a, b) -> new Order(a.customer, a.day, a.amount.add(b.amount)));
        }
        return new ArrayList<>(orders.values());
    }

    /** Per customer, the summary by the definitions: days merged, repeat days after the first, weeks = days / 7. */
    static Map<String, RfmSummary.Customer> oracle(Path dir, LocalDate end, LocalDate holdoutEnd) throws IOException {
        Map<String, TreeMap<LocalDate, BigDecimal>> days = new TreeMap<>();
        for (Order o : orders(dir)) {
            if (!o.day.isAfter(holdoutEnd)) {
                days.computeIfAbsent(o.customer, k -> new TreeMap<>()).merge(o.day, o.amount, BigDecimal::add);
            }
        }
        Map<String, RfmSummary.Customer> out = new TreeMap<>();
        days.forEach((id, d) -> {
            LocalDate first = d.firstKey();
            if (first.isAfter(end)) {
                return;
            }
            List<LocalDate> calibration = d.keySet().stream().filter(x -> !x.isAfter(end)).toList();
            int x = calibration.size() - 1;
            BigDecimal repeat = d.entrySet().stream().filter(e -> e.getKey().isAfter(first) && !e.getKey().isAfter(end))
                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            var holdout = d.entrySet().stream().filter(e -> e.getKey().isAfter(end)).toList();
            out.put(id, new RfmSummary.Customer(id, x,
                    ChronoUnit.DAYS.between(first, calibration.get(x)) / 7.0, ChronoUnit.DAYS.between(first, end) / 7.0,
                    x == 0 ? 0 : repeat.doubleValue() / x, holdout.size(),
                    holdout.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue()));
        });
        return out;
    }
}
