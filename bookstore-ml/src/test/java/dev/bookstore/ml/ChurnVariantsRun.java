package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the runner behind the churn figures in benchmarks/RESULTS.md (issue 18). Enabled with
 * {@code -Dbookstore.churn.variants=DIR}; generates the default data set and a 22-month one with seed 7 under DIR
 * (once), loads each into a DuckDB file and prints, for the three procedures deployed at T = end − horizon, the
 * evaluation (on (T − h, T]) and the back-test (on (T, T + h], the realised AUC as {@code bookstore monitor}
 * computes it, plus PR-AUC, Brier, ECE and lift of the same scores).
 *
 * <pre>
 * ./mvnw -B -q -o -pl bookstore-ml -am test -Dtest=ChurnVariantsRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbookstore.churn.variants=/tmp/churn-variants [-Dbookstore.churn.sets=default,seed7-22m]
 * </pre>
 */
@EnabledIfSystemProperty(named = "bookstore.churn.variants", matches = ".+")
class ChurnVariantsRun {
    private static final int H = 90;

    @Test
    void run() throws Exception {
        Path root = Path.of(System.getProperty("bookstore.churn.variants"));
        String sets = System.getProperty("bookstore.churn.sets", "default,seed7-22m");
        for (String set : sets.split(",")) {
            GeneratorOptions g = switch (set) {
                case "default" -> GeneratorOptions.defaults();
                case "seed7-22m" -> GeneratorOptions.defaults().withSeed(7).withMonths(22);
                default -> throw new IllegalArgumentException(set);
            };
            Path dir = root.resolve(set);
            Path db = root.resolve(set + ".duckdb");
            if (!Files.exists(db)) {
                Files.createDirectories(dir);
                Generator.generate(g, dir);
                try (Warehouse wh = Warehouse.connect("jdbc:duckdb:" + db)) {
                    // an ingest clock after the data's end: the future-date rule must not reject the last months
                    wh.init();
                    dev.bookstore.etl.Ingest.into(wh).customers(dir.resolve("raw_customers.csv"))
                            .products(dir.resolve("raw_products.csv")).orders(dir.resolve("raw_orders.csv"))
                            .events(dir.resolve("clickstream_events.jsonl"))
                            .options(dev.bookstore.etl.IngestOptions.defaults().withClock(java.time.Clock.fixed(
                                    java.time.Instant.parse("2027-06-01T00:00:00Z"), java.time.ZoneOffset.UTC)))
                            .run();
                    dev.bookstore.etl.Transform.on(wh).options(MlTestData.TRANSFORM.withSnapshotDay(
                            LocalDate.of(2027, 1, 15))).run();
                }
            }
            LocalDate end = g.start().plusMonths(g.months()).minusDays(1);
            try (Warehouse wh = Warehouse.connect("jdbc:duckdb:" + db)) {
                report(wh, set, end);
            }
        }
    }

    private static void report(Warehouse wh, String set, LocalDate end) {
        LocalDate t = end.minusDays(H);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n== %s: data to %s; deployed at T = %s; evaluation window (%s, %s],"
                + " back-test window (%s, %s]%n", set, end, t, t.minusDays(H), t, t, end));
        Features f = Features.of(wh);
        FeatureTable now = f.asOf(t);
        int[] y = ChurnModel.labels(now, f.buyersAfter(t, H), "back-test");
        int r = now.schema().indexOf("recency_days");
        double[] recency = Evaluation.score(now.rowsUnsafe(), x -> x[r] / (x[r] + H));
        List<String[]> rows = new ArrayList<>();
        rows.add(row("recency heuristic", "-", Evaluation.metrics("recency", recency, y),
                Evaluation.reliability(recency, y), Double.NaN, 0));
        for (String variant : List.of("a single snapshot", "b stacked", "c stacked + refit")) {
            ChurnOptions o = switch (variant.charAt(0)) {
                case 'a' -> ChurnOptions.singleSnapshot();
                case 'b' -> ChurnOptions.defaults().withRefit(false);
                default -> ChurnOptions.defaults();
            };
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long t0 = System.nanoTime();
            long cpu0 = os.getProcessCpuTime();
            ChurnModel m = ChurnModel.train(wh, t, o);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out.append(String.format(Locale.ROOT, "%s: train %.1f s wall, %.1f s CPU (process)%n", variant,
                    ms / 1000.0, (os.getProcessCpuTime() - cpu0) / 1e9));
            ChurnEvaluation e = m.evaluation().orElseThrow();
            out.append(e.report()).append('\n');
            double[] p = m.probabilities(now.rowsUnsafe());
            double realised = ModelHealth.check(wh, m, end).realisedAuc().orElse(Double.NaN);
            rows.add(row(variant + " (eval)", e.deployed().window(), e.calibrated(), e.calibratedReliability(),
                    e.logistic().auc(), ms));
            rows.add(row(variant + " (back-test)", e.deployed().window(), Evaluation.metrics(variant, p, y),
                    Evaluation.reliability(p, y), realised, ms));
        }
        out.append(String.format(Locale.ROOT, "%-32s %-36s %7s %7s %7s %7s %7s %9s %8s%n", "variant", "written model",
                "AUC", "PR-AUC", "Brier", "ECE", "lift@10", "logit/mon", "train"));
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-32s %-36s %7s %7s %7s %7s %7s %9s %8s%n", (Object[]) row));
        }
        out.append(seasonAblation(wh, t));
        System.out.print(out);
    }

    /**
     * Season features measured, not assumed: the evaluation step's stacked rows with and without two columns that
     * carry the season of the outcome window (sine and cosine of the snapshot's day of the year; constant within a
     * snapshot), the same forest, scored raw on the evaluation snapshot.
     */
    private static String seasonAblation(Warehouse wh, LocalDate asOf) {
        ChurnOptions o = ChurnOptions.defaults();
        ChurnPlan plan = ChurnPlan.of(asOf, o, ChurnPlan.historyStart(wh));
        Snapshots data = new Snapshots(Features.of(wh), H);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "season ablation (evaluation step %s, evaluated on %s, raw forest scores):%n",
                plan.evaluation().train(), plan.evaluationAsOf()));
        for (boolean season : new boolean[] {false, true}) {
            List<double[]> x = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (LocalDate d : plan.evaluation().train()) {
                Snapshots.Snapshot s = data.get(d, "training");
                for (int i = 0; i < s.size(); i++) {
                    x.add(season ? withSeason(s.features().rowsUnsafe()[i], d) : s.features().rowsUnsafe()[i]);
                    y.add(s.labels()[i]);
                }
            }
            List<String> columns = new ArrayList<>(Features.SCHEMA.columns());
            if (season) {
                columns.add("season_sin");
                columns.add("season_cos");
            }
            FeatureSchema schema = new FeatureSchema(season ? "season" : "plain", columns);
            double[][] xs = x.toArray(double[][]::new);
            int[] ys = y.stream().mapToInt(Integer::intValue).toArray();
            smile.classification.RandomForest forest = ChurnModel.fitForest(xs, ys, schema, o);
            Scorer scorer = ForestCompiler.compile(forest, schema);
            Snapshots.Snapshot test = data.get(plan.evaluationAsOf(), "evaluation");
            double[][] tx = test.features().rowsUnsafe();
            double[] p = new double[tx.length];
            for (int i = 0; i < tx.length; i++) {
                p[i] = scorer.score(season ? withSeason(tx[i], plan.evaluationAsOf()) : tx[i]);
            }
            ChurnEvaluation.ModelMetrics m = Evaluation.metrics(season ? "with season" : "without", p, test.labels());
            b.append(String.format(Locale.ROOT, "  %-14s AUC %.4f  PR-AUC %.4f  Brier %.4f  ECE %.4f  lift@10 %.2f%n",
                    m.model(), m.auc(), m.prAuc(), m.brier(),
                    ChurnEvaluation.ece(Evaluation.reliability(p, test.labels())), m.topDecileLift()));
        }
        for (LocalDate d : plan.deployment().orElseThrow().train()) {
            Snapshots.Snapshot s = data.get(d, "training");
            b.append(String.format(Locale.ROOT, "  snapshot %s: %d customers, churn %.1f%%%n", d, s.size(),
                    100.0 * java.util.Arrays.stream(s.labels()).sum() / s.size()));
        }
        return b.toString();
    }

    private static double[] withSeason(double[] x, LocalDate day) {
        double[] out = java.util.Arrays.copyOf(x, x.length + 2);
        double angle = 2 * Math.PI * (day.getDayOfYear() - 1) / day.lengthOfYear();
        out[x.length] = Math.sin(angle);
        out[x.length + 1] = Math.cos(angle);
        return out;
    }

    private static String[] row(String name, String window, ChurnEvaluation.ModelMetrics m,
                                List<ChurnEvaluation.ReliabilityBin> bins, double extra, long ms) {
        return new String[] {name, window, f4(m.auc()), f4(m.prAuc()), f4(m.brier()), f4(ChurnEvaluation.ece(bins)),
                String.format(Locale.ROOT, "%.2f", m.topDecileLift()), Double.isNaN(extra) ? "-" : f4(extra),
                ms == 0 ? "-" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0)};
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
