package dev.bookstore.benchmarks;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.TransformOptions;
import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Funnel;
import dev.bookstore.metrics.FunnelDimension;
import dev.bookstore.metrics.GeoLevel;
import dev.bookstore.metrics.Granularity;
import dev.bookstore.metrics.LowStockRule;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.sql.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The end-to-end metrics benchmark: every question of {@link Metrics} timed on a warehouse (SQL pushed down, cache
 * off), against the same question computed in plain Java over the same rows held in memory
 * ({@link InMemoryMetrics}), in the same run; plus the time of a cached answer. Prints a Markdown table.
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar dev.bookstore.benchmarks.MetricsBenchmark \
 *     --db jdbc:duckdb:/tmp/bench/metrics.duckdb --data /tmp/bench/data --events 10000000 --orders-per-month 37000
 * </pre>
 *
 * <p>With {@code --data}, the data set is generated there (unless it is) and loaded and transformed into the
 * warehouse (unless its marts exist); {@code --build-only true} stops there. {@code --analyze true} refreshes
 * planner statistics first (PostgreSQL, MariaDB): the transform does not do it yet. {@code --runs N} timed calls
 * after one warm-up (median; default 5); {@code --java false} skips the in-memory baseline and its cross-checks,
 * {@code --cache false} the cached-answer columns, {@code --only TEXT} runs the cases whose name contains TEXT;
 * {@code --namespace} selects the warehouse's namespace (a server shared with tests). The SQL process CPU column
 * is this JVM's CPU time (DuckDB's native threads included; a server's work is not in it).
 */
public final class MetricsBenchmark {
    private MetricsBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = opt.getOrDefault("db", "jdbc:duckdb:/tmp/bookstore-metrics-bench.duckdb");
        int runs = Integer.parseInt(opt.getOrDefault("runs", "5"));
        WarehouseConfig config = WarehouseConfig.defaults().withNamespace(opt.getOrDefault("namespace", ""));
        try (Warehouse wh = Warehouse.connect(url, config)) {
            if (opt.containsKey("data")) {
                build(wh, Path.of(opt.get("data")), opt);
            }
            if (Boolean.parseBoolean(opt.getOrDefault("analyze", "false"))) {
                analyze(wh);
            }
            if (!Boolean.parseBoolean(opt.getOrDefault("build-only", "false"))) {
                run(wh, runs, opt);
            }
        }
    }

    private static void build(Warehouse wh, Path dir, Map<String, String> opt) throws Exception {
        if (!Files.exists(dir.resolve("manifest.json"))) {
            GeneratorOptions g = GeneratorOptions.defaults()
                    .withCustomers(Integer.parseInt(opt.getOrDefault("customers", "200000")))
                    .withProducts(Integer.parseInt(opt.getOrDefault("products", "5000")))
                    .withEvents(Integer.parseInt(opt.getOrDefault("events", "10000000")))
                    .withOrdersPerMonth(Integer.parseInt(opt.getOrDefault("orders-per-month", "37000")))
                    .withMonths(12).withSeed(42);
            long t0 = System.nanoTime();
            System.out.println("generate: " + Generator.generate(g, dir).files() + " in " + secs(t0));
        }
        if (wh.schemaVersion() > 0 && hasMarts(wh)) {
            System.out.println("marts exist: not loading again");
            return;
        }
        long t0 = System.nanoTime();
        Ingest.into(wh).directory(dir).options(IngestOptions.defaults().withProgressEvery(1_000_000)).run();
        System.out.println("ingest: " + secs(t0));
        t0 = System.nanoTime();
        var report = Transform.on(wh).options(TransformOptions.defaults().withPiiSalt("benchmark-salt")).run();
        System.out.println("transform: " + secs(t0) + ", succeeded " + report.succeeded());
    }

    private static boolean hasMarts(Warehouse wh) {
        try {
            wh.withConnection(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM "
                        + wh.table(Layer.MARTS, "fct_orders").sql())) {
                    return rs.next();
                }
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void analyze(Warehouse wh) {
        List<String> tables = List.of("marts:fct_events", "marts:fct_orders", "marts:fct_order_lines",
                "marts:fct_daily_revenue", "marts:fct_daily_engagement", "marts:fct_sessions", "marts:dim_products",
                "marts:dim_customers");
        long t0 = System.nanoTime();
        wh.withConnection(c -> {
            for (String t : tables) {
                String[] p = t.split(":");
                String name = wh.table(Layer.valueOf(p[0].toUpperCase(Locale.ROOT)), p[1]).sql();
                try (var s = c.createStatement()) {
                    s.execute(wh.dialect().name().equals("mariadb") ? "ANALYZE TABLE " + name : "ANALYZE " + name);
                }
            }
            return null;
        });
        System.out.println("analyze: " + secs(t0));
    }

    private record Case(String name, java.util.function.Function<Metrics, Object> question, Supplier<Object> java) {
    }

    private static void run(Warehouse wh, int runs, Map<String, String> opt) {
        DateRange year = DateRange.of(LocalDate.parse(opt.getOrDefault("from", "2025-01-01")),
                LocalDate.parse(opt.getOrDefault("to", "2025-12-31")));
        LocalDate asOf = year.to();
        int from = (int) year.from().toEpochDay();
        int to = (int) year.to().toEpochDay();
        int end = (int) asOf.toEpochDay();
        DateRange december = DateRange.of(asOf.withDayOfMonth(1), asOf);
        int decemberFrom = (int) december.from().toEpochDay();
        Metrics sql = Metrics.on(wh, MetricsOptions.defaults().withoutCache());
        Metrics cached = Metrics.on(wh);
        Metrics trusting = Metrics.on(wh, MetricsOptions.defaults().withVersionCheckEvery(Duration.ofSeconds(10)));
        boolean withJava = Boolean.parseBoolean(opt.getOrDefault("java", "true"));
        boolean withCache = Boolean.parseBoolean(opt.getOrDefault("cache", "true"));
        String only = opt.getOrDefault("only", "");
        long t0 = System.nanoTime();
        InMemoryMetrics java = withJava ? InMemoryMetrics.load(wh) : null;
        if (withJava) {
            System.out.printf(Locale.ROOT, "in-memory load: %,d order lines, %,d orders, %,d events, %,d sessions "
                    + "in %s%n", java.lineCount, java.orderCount, java.eventCount, java.sessionCount, secs(t0));
        }
        Funnel funnel = Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.CHECKOUT,
                EventType.PURCHASE).within(Duration.ofDays(1));
        List<Case> cases = List.of(
                new Case("revenue by day", m -> m.revenue(year, Granularity.DAY),
                        () -> java.revenueByPeriod(from, to, InMemoryMetrics::day)),
                new Case("revenue by week", m -> m.revenue(year, Granularity.WEEK),
                        () -> java.revenueByPeriod(from, to, InMemoryMetrics::week)),
                new Case("revenue by month", m -> m.revenue(year, Granularity.MONTH),
                        () -> java.revenueByMonth(from, to)),
                new Case("revenue by quarter", m -> m.revenue(year, Granularity.QUARTER),
                        () -> java.revenueByPeriod(from, to, InMemoryMetrics::quarter)),
                new Case("sales summary + AOV", m -> m.sales(year), () -> java.sales(from, to)),
                new Case("bestsellers top 10 by revenue", m -> m.bestsellers(year, 10, BestsellerRanking.REVENUE),
                        () -> java.bestsellers(from, to, 10)),
                new Case("bestsellers top 10 by units", m -> m.bestsellers(year, 10, BestsellerRanking.UNITS),
                        () -> java.bestsellers(from, to, 10, true)),
                new Case("revenue by category", m -> m.revenueByCategory(year), () -> java.categories(from, to)),
                new Case("revenue by subcategory", m -> m.revenueBySubcategory(year),
                        () -> java.subcategories(from, to)),
                new Case("new vs returning", m -> m.newVsReturning(year), () -> java.newVsReturning(from, to)),
                new Case("DAU (calendar)", m -> m.activeCustomers(year, Granularity.DAY),
                        () -> java.activeByPeriod(from, to, InMemoryMetrics::day)),
                new Case("WAU (calendar)", m -> m.activeCustomers(year, Granularity.WEEK),
                        () -> java.activeByPeriod(from, to, InMemoryMetrics::week)),
                new Case("MAU (calendar)", m -> m.activeCustomers(year, Granularity.MONTH),
                        () -> java.monthlyActive(from, to)),
                new Case("rolling 7-day active", m -> m.rollingActiveCustomers(year, 7),
                        () -> java.rollingActive(from, to, 7)),
                new Case("rolling 28-day active", m -> m.rollingActiveCustomers(year, 28),
                        () -> java.rollingActive(from, to, 28)),
                new Case("rolling 30-day active", m -> m.rollingActiveCustomers(year, 30),
                        () -> java.rollingActive(from, to, 30)),
                new Case("stickiness", m -> m.stickiness(year), () -> java.stickiness(from, to)),
                new Case("lapsed 60 days", m -> m.lapsedCustomers(asOf, 60), () -> java.lapsed(end, 60)),
                new Case("lifetime values", m -> m.lifetimeValues(asOf), () -> java.lifetimeValues(end)),
                new Case("cohort LTV", m -> m.cohortLifetimeValue(year), () -> java.cohorts(from, to)),
                new Case("retention cohorts", m -> m.retention(year), () -> java.cohorts(from, to)),
                new Case("RFM", m -> m.rfm(asOf), () -> java.rfm(end)),
                new Case("channels", m -> m.channels(year), () -> java.channels(from, to)),
                new Case("conversion", m -> m.conversion(year), () -> java.conversion(from, to)),
                new Case("top search terms", m -> m.topSearchTerms(year, 10), () -> java.searchTerms(from, to, 10)),
                new Case("view → purchase", m -> m.viewToPurchase(year, 10), () -> java.viewToPurchase(from, to)),
                new Case("funnel 4 steps, 1 day", m -> m.funnel(funnel, year),
                        () -> java.funnel(from, to, 86_400)),
                new Case("funnel, December only", m -> m.funnel(funnel, december),
                        () -> java.funnel(decemberFrom, to, 86_400)),
                new Case("funnel strict", m -> m.funnel(funnel.strict(), year),
                        () -> java.strictFunnel(from, to, 86_400)),
                new Case("funnel by channel", m -> m.funnel(funnel.by(FunnelDimension.CHANNEL), year),
                        () -> java.funnelByChannel(from, to, 86_400)),
                new Case("funnel by category", m -> m.funnel(funnel.by(FunnelDimension.CATEGORY), year),
                        () -> java.funnelByCategory(from, to, 86_400)),
                new Case("sessions", m -> m.sessions(year), () -> java.sessions(from, to)),
                new Case("low stock", m -> m.lowStock(asOf, LowStockRule.defaults()),
                        () -> java.lowStock(end, 10, 28, 14)),
                new Case("fulfilment times", m -> m.fulfilment(year), () -> java.fulfilment(from, to)),
                new Case("geography (city)", m -> m.geography(year, GeoLevel.CITY),
                        () -> java.geography(from, to)),
                new Case("geography (country)", m -> m.geography(year, GeoLevel.COUNTRY),
                        () -> java.geographyByCountry(from, to)),
                new Case("peak times", m -> m.peakTimes(year), () -> java.peakTimes(from, to)));

        if (withJava && only.isEmpty()) {
            checks(sql, java, year, asOf, funnel, from, to, end);
        }

        System.out.println();
        System.out.println("| metric | " + wh.dialect().name() + " SQL (ms) | SQL process CPU (ms) | Java in memory (ms) "
                + "| SQL ÷ Java | cache hit, version read (ms) | cache hit, version trusted 10 s (µs) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double total = 0;
        for (Case c : cases) {
            if (!only.isEmpty() && !c.name().contains(only)) {
                continue;
            }
            double[] s;
            try {
                s = median(() -> c.question().apply(sql), runs);
            } catch (RuntimeException e) {
                // e.g. a statement_timeout set in the URL (PostgreSQL: options=-c statement_timeout=...)
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                System.out.printf(Locale.ROOT, "| %s | failed: %s | | | | | |%n", c.name(),
                        why.substring(0, Math.min(80, why.length())));
                continue;
            }
            double j = withJava ? median(c.java(), runs)[0] : Double.NaN;
            double h = withCache ? median(() -> c.question().apply(cached), runs)[0] : Double.NaN;
            double t = withCache ? median(() -> c.question().apply(trusting), runs)[0] : Double.NaN;
            total += s[0];
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.1f | %.1f | %.2f | %.1f |%n", c.name(), s[0], s[1],
                    j, s[0] / j, h, t * 1000);
        }
        System.out.printf(Locale.ROOT, "%ntotal SQL time of one pass over every metric: %,.0f ms%n", total);
    }

    private static void checks(Metrics sql, InMemoryMetrics java, DateRange year, LocalDate asOf, Funnel funnel,
                               int from, int to, int end) {
        agree("sales: orders", sql.sales(year).orders(), java.sales(from, to)[0]);
        agree("sales: gross pence", sql.sales(year).grossRevenue().movePointRight(2).longValueExact(),
                java.sales(from, to)[2]);
        agree("conversion: sessions", sql.conversion(year).sessions(), java.conversion(from, to)[0]);
        agree("funnel: purchasers", sql.funnel(funnel, year).steps().get(3).count(), java.funnel(from, to, 86_400)[3]);
        agree("strict funnel: purchasers", sql.funnel(funnel.strict(), year).steps().get(3).count(),
                java.strictFunnel(from, to, 86_400)[3]);
        agree("funnel by channel: groups", sql.funnel(funnel.by(FunnelDimension.CHANNEL), year).groups().stream()
                .mapToLong(g -> g.steps().get(0).count()).sum(), Arrays.stream(java.funnelByChannel(from, to, 86_400))
                .skip(1).mapToLong(r -> r[0]).sum());
        agree("funnel by category: buys", sql.funnel(funnel.by(FunnelDimension.CATEGORY), year).groups().stream()
                .mapToLong(g -> g.steps().get(3).count()).sum(), Arrays.stream(java.funnelByCategory(from, to,
                86_400)).skip(1).mapToLong(r -> r[3]).sum());
        agree("weeks with orders", sql.revenue(year, Granularity.WEEK).size(),
                java.revenueByPeriod(from, to, InMemoryMetrics::week).size());
        agree("WAU, first week", sql.activeCustomers(year, Granularity.WEEK).get(0).customers(),
                java.activeByPeriod(from, to, InMemoryMetrics::week).entrySet().stream()
                        .min(Map.Entry.comparingByKey()).orElseThrow().getValue());
        agree("subcategories", sql.revenueBySubcategory(year).size(),
                Arrays.stream(java.subcategories(from, to)).filter(r -> r[0] > 0).count());
        agree("countries with orders", sql.geography(year, GeoLevel.COUNTRY).stream().filter(g -> g.orders() > 0)
                .count(), Arrays.stream(java.geographyByCountry(from, to)).filter(r -> r[0] > 0).count());
        agree("lapsed", (long) sql.lapsedCustomers(asOf, 60).size(), java.lapsed(end, 60));
        agree("low stock", (long) sql.lowStock(asOf, LowStockRule.defaults()).size(), java.lowStock(end, 10, 28, 14));
        agree("view → purchase pairs", sql.viewToPurchase(year, 1).viewSessions(), java.viewToPurchase(from, to)[0]);
    }

    private static void agree(String what, long sql, long java) {
        System.out.printf(Locale.ROOT, "check %-24s SQL %,d  Java %,d  %s%n", what, sql, java,
                sql == java ? "agree" : "DIFFER");
    }

    /**
     * Milliseconds: one warm-up, then the median of {@code runs} timed calls, wall clock and this process's CPU time
     * (all its threads, DuckDB's native ones included; not a server's).
     */
    private static double[] median(Supplier<Object> call, int runs) {
        call.get();
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            Object r = call.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (OS.getProcessCpuTime() - c0) / 1e6;
            if (r == null) {
                throw new IllegalStateException("no result");
            }
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        return new double[] {ms[runs / 2], cpu[runs / 2]};
    }

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static String secs(long t0) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }
}
