package dev.bookstore.examples.cli;

import dev.bookstore.ml.Segmentation;
import dev.bookstore.ml.Segments;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore segments}: k-means segments on standardised RFM, named by what they are, with profiles. */
@Command(name = "segments",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Segment customers by recency, frequency and monetary value (k-means, k by silhouette).")
final class SegmentsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--as-of", paramLabel = "DATE", description = AsOfDay.HELP)
    private LocalDate asOf;

    @Option(names = "--k-min", defaultValue = "3", description = "Smallest k to try (default ${DEFAULT-VALUE}).")
    private int kMin;

    @Option(names = "--k-max", defaultValue = "6", description = "Largest k to try (default ${DEFAULT-VALUE}).")
    private int kMax;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            AsOfDay day = AsOfDay.of(wh, java.util.Optional.ofNullable(asOf));
            out.println(day.line());
            Segmentation s = Segments.of(wh).kRange(kMin, kMax).seed(seed).asOf(day.day());
            out.printf(Locale.ROOT, "%d segments as of %s (silhouette %.3f)%n", s.k(), s.asOf(), s.silhouette());
            TextTable table = new TextTable("segment", ">customers", ">recency (days)", ">orders", ">revenue",
                    ">revenue share");
            for (Segmentation.SegmentProfile p : s.segments()) {
                table.row(p.name(), Units.count(p.size()), String.format(Locale.ROOT, "%.1f", p.meanRecencyDays()),
                        String.format(Locale.ROOT, "%.2f", p.meanFrequency()),
                        String.format(Locale.ROOT, "%.2f", p.meanMonetary()),
                        String.format(Locale.ROOT, "%.1f %%", 100 * p.revenueShare()));
            }
            table.print(out);
        }
        out.flush();
        return 0;
    }
}
