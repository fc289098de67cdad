package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.ClickstreamEvent;
import dev.bookstore.model.Customer;
import dev.bookstore.model.OrderLine;
import dev.bookstore.model.Product;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.sql.WarehouseLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads raw files, query results and records into a warehouse's raw layer, validating every row: each row read
 * is loaded, rejected (written with its reasons to the source's quarantine table, e.g. {@code raw.orders_quarantine})
 * or counted as a duplicate, and the returned {@link IngestReport} accounts for all of them.
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(warehouse)
 *         .customers(Path.of("raw_customers.csv"))
 *         .products(Path.of("raw_products.csv"))
 *         .orders(Path.of("raw_orders.csv"))
 *         .events(Path.of("clickstream_events.jsonl"))
 *         .options(IngestOptions.defaults().withDatePolicy(DatePolicy.DAY_FIRST))
 *         .progress((source, rows) -> System.err.printf("%s %,d%n", source.code(), rows))
 *         .run();
 * IngestReport retail = Ingest.into(warehouse).onlineRetail(Path.of("online-retail.csv")).run();
 * IngestReport shop = Ingest.into(warehouse)
 *         .orders(JdbcSource.of(shopDataSource, "SELECT * FROM order_lines").incrementalBy("updated_at"))
 *         .run();
 * IngestReport replayed = Ingest.into(warehouse)
 *         .options(IngestOptions.defaults().withDatePolicy(DatePolicy.MONTH_FIRST))
 *         .replayQuarantine(SourceKind.ORDERS)
 *         .run();
 * }</pre>
 *
 * <p>Formats: the generator's CSV files (UTF-8, header line, RFC 4180 quoting; a byte-order mark and CRLF line
 * ends are accepted; a header missing a required column refuses the file with a one-line message naming the
 * file and the column; extra columns are ignored and listed in {@link SourceReport#ignoredColumns()}; a file
 * without a header line is refused as empty; bytes that are not UTF-8 refuse the file), the UCI Online Retail CSV
 * ({@link #onlineRetail(Path)}) and JSON Lines for events (an empty file has 0 rows; blank lines are skipped).
 * Values are stripped of surrounding white space and an empty value is missing; a value holding a NUL character
 * is rejected ({@code invalid_character}). Files are streamed.
 *
 * <p>Duplicates are found by the database, not in memory, so memory stays flat whatever the input's size: valid
 * rows are bulk-loaded into a scratch table and moved into the raw table with one set-based insert that keeps only
 * rows whose natural key is neither in the warehouse nor earlier in the load. Natural keys: {@code customer_id};
 * {@code product_id}; ({@code order_id, product_id}) for order lines in the generator's format; the whole row for
 * Online Retail lines; every stored field for events. So loading a file again adds nothing, and appending rows to
 * a file and loading it again adds only the new rows (a file whose whole content was loaded before is not even
 * read, see {@link IngestOptions#skipLoadedFiles()}). A file counts as loaded only for the rows that loaded: an
 * orders file loaded before its products (its lines rejected as {@code unknown_product}) is read again, not
 * skipped, once products have been loaded since; its earlier quarantined rows are replaced by the new reading.
 * Give reference data in the same run to avoid that: customers and products always load before orders, whatever
 * the order of the builder calls.
 *
 * <p>Sources are loaded in a fixed order (customers, products, orders, events; a kind's quarantine replay after
 * its input), each in its own transaction: when one fails, its rows are rolled back, the sources before it stay
 * loaded, and {@link #run()} throws a {@link BookstoreException} whose one-line message names the source and the
 * file. Runs are serialised by a warehouse lock.
 *
 * <p>Instances are immutable: every method returns a new one. {@link #run()} may be called once or many times.
 */
public final class Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private final Warehouse warehouse;
    private final Map<SourceKind, Source> files;
    private final Set<SourceKind> replays;
    private final IngestOptions options;
    private final ProgressListener listener;

    private Ingest(Warehouse warehouse, Map<SourceKind, Source> files, Set<SourceKind> replays,
                   IngestOptions options, ProgressListener listener) {
        this.warehouse = warehouse;
        this.files = files;
        this.replays = replays;
        this.options = options;
        this.listener = listener;
    }

    /** An ingest into {@code warehouse} (initialised by {@link #run()} if needed) with default options. */
    public static Ingest into(Warehouse warehouse) {
        Objects.requireNonNull(warehouse, "warehouse");
        return new Ingest(warehouse, Map.of(), Set.of(), IngestOptions.defaults(), ProgressListener.NONE);
    }

    /** Also loads customers from {@code file} ({@code raw_customers.csv} format). */
    public Ingest customers(Path file) {
        return with(SourceKind.CUSTOMERS, file);
    }

    /** Also loads the catalogue from {@code file} ({@code raw_products.csv} format). */
    public Ingest products(Path file) {
        return with(SourceKind.PRODUCTS, file);
    }

    /** Also loads order lines from {@code file} ({@code raw_orders.csv} format). */
    public Ingest orders(Path file) {
        return with(SourceKind.ORDERS, file);
    }

    /** Also loads clickstream events from {@code file} ({@code clickstream_events.jsonl} format). */
    public Ingest events(Path file) {
        return with(SourceKind.EVENTS, file);
    }

    /**
     * Also loads the generator's files found in {@code dir}: {@code raw_customers.csv}, {@code raw_products.csv},
     * {@code raw_orders.csv} and {@code clickstream_events.jsonl} ({@link Generator#CUSTOMERS_FILE} ...), those
     * present; like the four calls {@link #customers(Path)}, {@link #products(Path)}, {@link #orders(Path)},
     * {@link #events(Path)} (so reference data loads first: customers, products, then orders, events).
     *
     * <pre>{@code
     * IngestReport report = Ingest.into(wh).directory(Path.of("incoming")).run();
     * }</pre>
     *
     * @throws BookstoreException when {@code dir} holds none of the four files (naming the folder and the files)
     */
    public Ingest directory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Ingest ingest = this;
        boolean any = false;
        for (SourceKind kind : List.of(SourceKind.CUSTOMERS, SourceKind.PRODUCTS, SourceKind.ORDERS,
                SourceKind.EVENTS)) {
            Path file = dir.resolve(fileName(kind));
            if (Files.isRegularFile(file)) {
                ingest = ingest.with(kind, file);
                any = true;
            }
        }
        if (!any) {
            throw new InputException("no input files in " + dir + ": expected at least one of "
                    + Generator.CUSTOMERS_FILE + ", " + Generator.PRODUCTS_FILE + ", " + Generator.ORDERS_FILE
                    + ", " + Generator.EVENTS_FILE);
        }
        return ingest;
    }

    private static String fileName(SourceKind kind) {
        return switch (kind) {
            case CUSTOMERS -> Generator.CUSTOMERS_FILE;
            case PRODUCTS -> Generator.PRODUCTS_FILE;
            case ORDERS -> Generator.ORDERS_FILE;
            case EVENTS -> Generator.EVENTS_FILE;
        };
    }

    /**
     * Also loads order lines from {@code file} in the UCI "Online Retail" format
     * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}), instead of
     * any other orders source given: invoices become orders, stock codes products (derived into
     * {@code raw.products}, reported as a second source), {@code C} invoices cancellations, blank customers
     * guests, prices of 0 or less loaded with the warning {@code non_positive_price}, and only an exact repeat of
     * a row is a duplicate.
     *
     * <pre>{@code
     * SourceReport lines = Ingest.into(wh).onlineRetail(Path.of("online-retail.csv")).run()
     *         .source(SourceKind.ORDERS).orElseThrow();
     * }</pre>
     */
    public Ingest onlineRetail(Path file) {
        Objects.requireNonNull(file, "onlineRetail");
        return with(SourceKind.ORDERS, new Source.File(file, Format.ONLINE_RETAIL));
    }

    /**
     * Also loads order lines from a query against another database, incrementally when the source has a
     * watermark column (see {@link JdbcSource}); instead of any other orders source given.
     */
    public Ingest orders(JdbcSource source) {
        return with(SourceKind.ORDERS, new Source.Jdbc(Objects.requireNonNull(source, "orders")));
    }

    /** Also loads customers from a query against another database (see {@link JdbcSource}). */
    public Ingest customers(JdbcSource source) {
        return with(SourceKind.CUSTOMERS, new Source.Jdbc(Objects.requireNonNull(source, "customers")));
    }

    /** Also loads the catalogue from a query against another database (see {@link JdbcSource}). */
    public Ingest products(JdbcSource source) {
        return with(SourceKind.PRODUCTS, new Source.Jdbc(Objects.requireNonNull(source, "products")));
    }

    /**
     * Also validates the rows quarantined for {@code kind} again, with this ingest's options (after a fix of the
     * rules' configuration, say another {@link DatePolicy}), after {@code kind}'s input if one is given: rows
     * that now pass are moved into the raw table (duplicates counted as usual), rows that still fail stay in
     * quarantine under their original load and line, with the reasons of this validation. Each row is parsed
     * again in the format it was read in. The report names the quarantine table as the source, e.g.
     * {@code orders_quarantine}; {@code read} is the number of rows replayed.
     *
     * <pre>{@code
     * SourceReport r = Ingest.into(wh).options(IngestOptions.defaults().withDatePolicy(DatePolicy.MONTH_FIRST))
     *         .replayQuarantine(SourceKind.ORDERS).run().sources().get(0);
     * }</pre>
     */
    public Ingest replayQuarantine(SourceKind kind) {
        Objects.requireNonNull(kind, "kind");
        Set<SourceKind> copy = EnumSet.noneOf(SourceKind.class);
        copy.addAll(replays);
        copy.add(kind);
        return new Ingest(warehouse, files, Collections.unmodifiableSet(copy), options, listener);
    }

    /**
     * Also loads the caller's customers, validated like file rows ({@code source_line} is the position, 1-based).
     * Nothing is recorded in the load log, so loading the same records again counts them as duplicates.
     */
    public Ingest customers(Iterable<Customer> records) {
        Objects.requireNonNull(records, "customers");
        return with(SourceKind.CUSTOMERS, new Source.Records<>("Iterable<Customer>", records, CustomersPlan::fields));
    }

    /** Also loads the caller's products, validated like file rows (see {@link #customers(Iterable)}). */
    public Ingest products(Iterable<Product> records) {
        Objects.requireNonNull(records, "products");
        return with(SourceKind.PRODUCTS, new Source.Records<>("Iterable<Product>", records, ProductsPlan::fields));
    }

    /**
     * Also loads the caller's order lines, validated like file rows (see {@link #customers(Iterable)}); the
     * stream is consumed by the first {@link #run()}.
     */
    public Ingest orderLines(Stream<OrderLine> lines) {
        Objects.requireNonNull(lines, "orderLines");
        Iterable<OrderLine> once = lines::iterator;
        return with(SourceKind.ORDERS, new Source.Records<>("Stream<OrderLine>", once, OrdersPlan::fields));
    }

    /**
     * Also loads the caller's clickstream events, validated like file lines (see {@link #customers(Iterable)});
     * the stream is consumed by the first {@link #run()}.
     */
    public Ingest events(Stream<? extends ClickstreamEvent> events) {
        Objects.requireNonNull(events, "events");
        Iterable<ClickstreamEvent> once = () -> events.map(ClickstreamEvent.class::cast).iterator();
        return with(SourceKind.EVENTS, new Source.Records<>("Stream<ClickstreamEvent>", once, EventsPlan::fields));
    }

    /** Uses {@code ingestOptions} instead of the defaults. */
    public Ingest options(IngestOptions ingestOptions) {
        Objects.requireNonNull(ingestOptions, "options");
        return new Ingest(warehouse, files, replays, ingestOptions, listener);
    }

    /** Reports progress to {@code progressListener}. */
    public Ingest progress(ProgressListener progressListener) {
        Objects.requireNonNull(progressListener, "progress");
        return new Ingest(warehouse, files, replays, options, progressListener);
    }

    private Ingest with(SourceKind kind, Path file) {
        Objects.requireNonNull(file, kind.code());
        return with(kind, new Source.File(file, Format.defaultFor(kind)));
    }

    private Ingest with(SourceKind kind, Source source) {
        Map<SourceKind, Source> copy = new EnumMap<>(SourceKind.class);
        copy.putAll(files);
        copy.put(kind, source);
        return new Ingest(warehouse, Collections.unmodifiableMap(copy), replays, options, listener);
    }

    /**
     * Loads every source given, in the order customers, products, orders, events (each kind's quarantine replay
     * after its input).
     *
     * @throws InvalidArgumentException when no source was given, a file is missing or unreadable (naming it), or a
     *                            load fails (the failing source is rolled back; earlier ones stay loaded)
     */
    public IngestReport run() {
        if (files.isEmpty() && replays.isEmpty()) {
            throw new InvalidArgumentException("nothing to ingest: give at least one of customers(..), products(..), "
                    + "orders(..), onlineRetail(..), events(..) or replayQuarantine(..)");
        }
        files.forEach((kind, source) -> {
            if (!(source instanceof Source.File f)) {
                return;
            }
            Path file = f.path();
            if (!Files.isRegularFile(file)) {
                throw new InputException("the " + kind.code() + " file " + file + " does not exist or is not a file");
            }
            if (file.getFileName().toString().length() > 300) {
                throw new InputException("the " + kind.code() + " file name " + file.getFileName()
                        + " is longer than 300 characters");
            }
        });
        long t0 = System.nanoTime();
        warehouse.init();
        LoadContext ctx = LoadContext.start(warehouse, options, UUID.randomUUID().toString());
        List<SourceReport> reports = new ArrayList<>();
        WarehouseLock lock = warehouse.lock("ingest", LOCK_WAIT);
        try {
            for (SourceKind kind : SourceKind.values()) {
                Source source = files.get(kind);
                if (source != null) {
                    reports.addAll(load(ctx, kind, source));
                }
                if (replays.contains(kind)) {
                    reports.addAll(SourceLoad.replay(ctx, kind, listener));
                }
            }
            reports.forEach(r -> LOG.debug("{} {}: read {}, loaded {}, rejected {}, duplicates {}", r.source().code(),
                    r.file(), r.read(), r.loaded(), r.rejected(), r.duplicates()));
        } finally {
            lock.close();
        }
        return new IngestReport(ctx.loadId(), reports, Duration.ofNanos(System.nanoTime() - t0));
    }

    private List<SourceReport> load(LoadContext ctx, SourceKind kind, Source source) {
        if (source instanceof Source.File f) {
            return SourceLoad.file(ctx, f.format().plan(kind, ctx), f.path(), listener);
        }
        Plan<?> plan = Format.defaultFor(kind).plan(kind, ctx);
        if (source instanceof Source.Jdbc j) {
            return SourceLoad.jdbc(ctx, plan, j.source(), listener);
        }
        return SourceLoad.objects(ctx, plan, (Source.Records<?>) source, listener);
    }
}
