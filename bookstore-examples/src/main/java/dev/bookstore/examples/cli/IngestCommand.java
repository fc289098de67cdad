package dev.bookstore.examples.cli;

import dev.bookstore.etl.DatePolicy;
import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.IngestReport;
import dev.bookstore.etl.SourceKind;
import dev.bookstore.etl.SourceReport;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore ingest}: validates and loads files into the raw layer, printing what became of every row. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Validate and load source files into the warehouse's raw layer. Every row read is loaded, "
                + "rejected (kept in a quarantine table with its reasons) or counted as a duplicate.",
            "Files already loaded (same SHA-256) are skipped. Customers and products are reference data: a row "
                + "whose id is loaded already replaces it when a value changed (counted as updated).",
            "After fixing a rule's configuration (say --date-policy), --replay-quarantine KIND validates that "
                + "kind's quarantined rows again and loads those that now pass."})
final class IngestCommand implements Callable<Integer> {
    enum FileFormat { BOOKSTORE, ONLINE_RETAIL }

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--orders", paramLabel = "FILE", description = "Order lines (raw_orders.csv, or Online Retail).")
    private Path orders;

    @Option(names = "--customers", paramLabel = "FILE", description = "Customers (raw_customers.csv).")
    private Path customers;

    @Option(names = "--products", paramLabel = "FILE", description = "Products (raw_products.csv).")
    private Path products;

    @Option(names = "--events", paramLabel = "FILE", description = "Clickstream events (JSON Lines).")
    private Path events;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "bookstore",
            converter = FormatConverter.class,
            description = "bookstore (default) or online-retail (the UCI Online Retail CSV, given as --orders).")
    private FileFormat format;

    @Option(names = "--date-policy", paramLabel = "POLICY", defaultValue = "day-first",
            converter = PolicyConverter.class,
            description = "How to read dd/mm/yyyy-style dates: day-first (default), month-first, reject-ambiguous.")
    private DatePolicy datePolicy;

    @Option(names = "--replay-quarantine", paramLabel = "KIND", split = ",", converter = KindConverter.class,
            description = "Validate the quarantined rows of KIND (orders, customers, products, events; "
                    + "comma-separated) again with this run's options and load those that now pass.")
    private java.util.List<SourceKind> replay = java.util.List.of();

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() {
        if (orders == null && customers == null && products == null && events == null && replay.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing input: give at least one of --orders, "
                    + "--customers, --products, --events, --replay-quarantine");
        }
        if (format == FileFormat.ONLINE_RETAIL && (orders == null || customers != null || products != null
                || events != null || !replay.isEmpty())) {
            throw new ParameterException(spec.commandLine(),
                    "--format online-retail takes exactly one file, given as --orders");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = BookstoreCli.of(spec).stderrIsTerminal();
        try (Warehouse wh = warehouse.connectOrCreate()) {
            Ingest ingest = Ingest.into(wh).options(IngestOptions.defaults().withDatePolicy(datePolicy));
            if (format == FileFormat.ONLINE_RETAIL) {
                ingest = ingest.onlineRetail(orders);
            } else {
                ingest = customers == null ? ingest : ingest.customers(customers);
                ingest = products == null ? ingest : ingest.products(products);
                ingest = orders == null ? ingest : ingest.orders(orders);
                ingest = events == null ? ingest : ingest.events(events);
            }
            for (SourceKind kind : replay) {
                ingest = ingest.replayQuarantine(kind);
            }
            long[] rows = new long[1];
            SourceKind[] current = new SourceKind[1];
            Ingest run = ingest.progress((source, read) -> {
                current[0] = source;
                rows[0] = read;
            });
            IngestReport report = Progress.during(err, terminal, "loading",
                    () -> current[0] == null ? "starting" : current[0].code() + " " + Units.count(rows[0])
                            + " rows read", run::run);
            if (json) {
                out.println(report.toJson());
            } else {
                print(report, out);
            }
        }
        out.flush();
        return 0;
    }

    /** One row per source (read, loaded, updated, rejected, duplicates), then the rules that rejected rows. */
    static void print(IngestReport report, PrintWriter out) {
        TextTable table = new TextTable("source", "file", ">read", ">loaded", ">updated", ">rejected", ">duplicates",
                ">time", ">rows/s");
        for (SourceReport s : report.sources()) {
            if (s.skipped()) {
                table.row(s.source().code(), s.file(), "", "loaded before", "", "", "", Units.duration(s.time()), "");
            } else {
                table.row(s.source().code(), s.file(), Units.count(s.read()), Units.count(s.loaded()),
                        Units.count(s.updated()), Units.count(s.rejected()), Units.count(s.duplicates()), Units.duration(s.time()),
                        Units.rate(s.rowsPerSecond()));
            }
        }
        table.print(out);
        for (SourceReport s : report.sources()) {
            if (!s.rejectionsByRule().isEmpty()) {
                out.println("rejected " + s.source().code() + ": " + s.rejectionsByRule());
            }
            if (!s.warningsByRule().isEmpty()) {
                out.println("warnings " + s.source().code() + ": " + s.warningsByRule());
            }
        }
        for (SourceReport s : report.sources()) {
            long unknown = s.rejectionsByRule().getOrDefault("unknown_product", 0L);
            if (unknown > 0) {
                out.println(Units.count(unknown) + " " + s.source().code() + " rows of " + s.file() + " name a "
                        + "product the warehouse does not hold: if the products were not loaded yet, load them "
                        + "(ingest --products FILE), then ingest " + s.file() + " again (it is read again, not "
                        + "skipped) or replay the quarantine (ingest --replay-quarantine " + s.source().code() + ")");
            }
        }
        out.println("load " + report.loadId());
    }

    /** Parses {@code bookstore} / {@code online-retail} (any case), listing them otherwise. */
    static final class FormatConverter extends LowerCaseEnum<FileFormat> {
        FormatConverter() {
            super(FileFormat.class);
        }
    }

    /** Parses a source kind's code: {@code orders}, {@code customers}, {@code products}, {@code events}. */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<SourceKind> {
        @Override
        public SourceKind convert(String value) {
            for (SourceKind k : SourceKind.values()) {
                if (k.code().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a source kind; use one of "
                    + "orders, customers, products, events");
        }
    }

    /** Parses {@code day-first} / {@code month-first} / {@code reject-ambiguous} (any case), listing them otherwise. */
    static final class PolicyConverter extends LowerCaseEnum<DatePolicy> {
        PolicyConverter() {
            super(DatePolicy.class);
        }
    }
}
