package dev.bookstore.model.generator;

import static dev.bookstore.model.generator.Catalog.*;

import dev.bookstore.model.OrderStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a deterministic synthetic bookstore data set (orders, customers, products,
 * clickstream) with planted, documented ground truth; the same options always yield
 * byte-identical files.
 *
 * <pre>{@code
 * GeneratorOptions opts = GeneratorOptions.defaults().withCustomers(1000).withSeed(7).withProblems(true);
 * Manifest manifest = Generator.generate(opts, Path.of("out"));
 * }</pre>
 *
 * <p>Files written into the directory (UTF-8, '\n' line endings, RFC 4180 quoting only where
 * needed):
 *
 * <ul>
 *   <li>{@value #ORDERS_FILE}: one row per order line, orders numbered in time order, lines of an
 *       order consecutive;
 *   <li>{@value #CUSTOMERS_FILE}: customers numbered in registration order;
 *   <li>{@value #PRODUCTS_FILE}: the catalogue;
 *   <li>{@value #EVENTS_FILE}: one JSON object per line, ordered by timestamp over the whole file
 *       (ties in generation order); keys {@code event, user_id, session_id, timestamp}, then
 *       {@code page} / {@code query} / {@code product_id} where applicable, then {@code channel,
 *       device};
 *   <li>{@value Manifest#FILE_NAME}: the {@link Manifest}.
 * </ul>
 */
public final class Generator {

    /** Order lines file name. */
    public static final String ORDERS_FILE = "raw_orders.csv";

    /** Customers file name. */
    public static final String CUSTOMERS_FILE = "raw_customers.csv";

    /** Products file name. */
    public static final String PRODUCTS_FILE = "raw_products.csv";

    /** Clickstream file name. */
    public static final String EVENTS_FILE = "clickstream_events.jsonl";

    static final String NAME = "bookstore-analytics-generator";

    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private Generator() {}

    /**
     * Writes the data set and its manifest into {@code dir} (created if missing; existing files of
     * the same names are replaced).
     *
     * <pre>{@code
     * Manifest m = Generator.generate(GeneratorOptions.defaults().withSeed(7), Path.of("out"));
     * }</pre>
     *
     * @param options what to generate
     * @param dir output directory
     * @return the manifest, also written as {@code dir/manifest.json}
     * @throws IOException if writing fails
     */
    public static Manifest generate(GeneratorOptions options, Path dir) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dir, "dir");
        long t0 = System.nanoTime(); // only for the log line, never for data
        Files.createDirectories(dir);
        World world = new World(options);
        // The clickstream only reads the (immutable) world and uses its own random streams, so it is
        // written on a second thread; the output does not depend on scheduling.
        FutureTask<EventsWriter.Result> eventsTask =
                new FutureTask<>(() -> EventsWriter.write(world, dir.resolve(EVENTS_FILE)));
        Thread eventsThread = new Thread(eventsTask, "bookstore-generator-events");
        eventsThread.setDaemon(true);
        eventsThread.start();
        long productRows;
        long customerRows;
        OrderBook book;
        OrdersWriter.Result orders;
        try {
            productRows = CatalogWriter.writeProducts(world, dir.resolve(PRODUCTS_FILE));
            customerRows = CatalogWriter.writeCustomers(world, dir.resolve(CUSTOMERS_FILE));
            book = OrderBook.generate(world);
            orders = OrdersWriter.write(world, book, dir.resolve(ORDERS_FILE));
        } catch (IOException | RuntimeException | Error e) {
            eventsTask.cancel(true);
            awaitQuietly(eventsThread);
            throw e;
        }
        EventsWriter.Result events = await(eventsTask);

        Map<String, Long> files = new LinkedHashMap<>();
        files.put(ORDERS_FILE, orders.rows);
        files.put(CUSTOMERS_FILE, customerRows);
        files.put(PRODUCTS_FILE, productRows);
        files.put(EVENTS_FILE, events.lines);
        Manifest manifest =
                new Manifest(
                        Manifest.FORMAT_VERSION, NAME, options, files, truth(world, book, orders, events));
        manifest.write(dir);
        LOG.debug(
                "generated {} order rows, {} events into {} in {} ms",
                orders.rows,
                events.lines,
                dir,
                (System.nanoTime() - t0) / 1_000_000);
        return manifest;
    }

    private static <T> T await(FutureTask<T> task) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the file before honouring the interrupt
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ truth

    private static Manifest.Truth truth(
            World w, OrderBook b, OrdersWriter.Result o, EventsWriter.Result e) {
        GeneratorOptions opt = w.options;
        Manifest.Window window =
                new Manifest.Window(
                        opt.start(), LocalDate.ofEpochDay(w.endDay), opt.months(), TIME_ZONE);

        long[] p = o.problemCounts;
        Manifest.Problems problems =
                new Manifest.Problems(
                        p[OrdersWriter.DUPLICATE],
                        p[OrdersWriter.MISSING_STATE],
                        p[OrdersWriter.DAY_FIRST],
                        o.ambiguousDayFirst,
                        p[OrdersWriter.NEGATIVE_PRICE],
                        p[OrdersWriter.UNKNOWN_PRODUCT],
                        p[OrdersWriter.FUTURE_DATE],
                        e.malformed);
        long problemLines = 0;
        for (int k = OrdersWriter.MISSING_STATE; k < p.length; k++) {
            problemLines += p[k];
        }

        return new Manifest.Truth(
                window,
                orders(w, b, o, problemLines),
                seasonality(opt),
                customers(w),
                products(w),
                coPurchasePairs(w),
                channels(e),
                fulfilment(b),
                clickstream(e),
                search(),
                problems);
    }

    private static Manifest.Orders orders(
            World w, OrderBook b, OrdersWriter.Result o, long problemLines) {
        // calendar months touched by the window, in order
        List<String> keys = new ArrayList<>();
        int[] slotOfDay = new int[w.days];
        double[] expectedSum = new double[w.days];
        for (int d = 0; d < w.days; d++) {
            String key = monthKey(w.startDay + d);
            if (keys.isEmpty() || !keys.get(keys.size() - 1).equals(key)) {
                keys.add(key);
            }
            slotOfDay[d] = keys.size() - 1;
            expectedSum[keys.size() - 1] += w.expectedOrders[d];
        }
        long[] count = new long[keys.size()];
        long[] pence = new long[keys.size()];
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < b.orders; i++) {
            int slot = slotOfDay[b.orderDay[i] - w.startDay];
            count[slot]++;
            for (int l = b.lineStart[i]; l < b.lineStart[i + 1]; l++) {
                pence[slot] += (long) b.lineQuantity[l] * w.pricePence[b.lineProduct[l]];
            }
            first = Math.min(first, b.orderDay[i]);
            last = Math.max(last, b.orderDay[i]);
        }
        Map<String, Long> ordersByMonth = new LinkedHashMap<>();
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        Map<String, Double> expected = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            ordersByMonth.put(keys.get(k), count[k]);
            revenue.put(keys.get(k), BigDecimal.valueOf(pence[k], 2));
            expected.put(keys.get(k), StrictMath.rint(expectedSum[k] * 10) / 10);
        }
        return new Manifest.Orders(
                b.orders,
                b.lines,
                o.rows,
                b.lines - problemLines,
                b.orders == 0 ? null : LocalDate.ofEpochDay(first),
                b.orders == 0 ? null : LocalDate.ofEpochDay(last),
                distribution(LINES_PER_ORDER, 1),
                distribution(QUANTITY, 1),
                shares(PAYMENT_METHODS, PAYMENT_WEIGHTS),
                ORDER_CHANNEL_IS_ACQUISITION,
                SHIP_TO_HOME_CITY,
                PREFERRED_CATEGORY_PROBABILITY,
                ordersByMonth,
                revenue,
                expected);
    }

    private static Manifest.Seasonality seasonality(GeneratorOptions opt) {
        Map<String, Double> weekday = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekday.put(d.name(), WEEKDAY_MULTIPLIERS[d.ordinal()]);
        }
        Map<String, Double> month = new LinkedHashMap<>();
        for (Month m : Month.values()) {
            month.put(m.name(), MONTH_MULTIPLIERS[m.ordinal()]);
        }
        Sampler hours = new Sampler(HOUR_WEIGHTS);
        List<Double> hourShares = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hourShares.add(Sampler.round6(hours.probability(h)));
        }
        return new Manifest.Seasonality(
                opt.ordersPerMonth(), opt.yearlyGrowth(), weekday, month, hourShares);
    }

    private static Manifest.Customers customers(World w) {
        long[] classCounts = new long[CLASSES.length];
        long before = 0;
        for (int i = 0; i < w.customerCount; i++) {
            classCounts[w.customerClass[i]]++;
            if (w.registrationDay[i] < w.startDay) {
                before++;
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> orderWeights = new LinkedHashMap<>();
        Map<String, Double> sessionWeights = new LinkedHashMap<>();
        for (int k = 0; k < CLASSES.length; k++) {
            counts.put(CLASSES[k], classCounts[k]);
            orderWeights.put(CLASSES[k], CLASS_ORDER_WEIGHTS[k]);
            sessionWeights.put(CLASSES[k], CLASS_SESSION_WEIGHTS[k]);
        }
        Map<String, Double> cities = new LinkedHashMap<>();
        Sampler citySampler = new Sampler(CITY_WEIGHTS);
        for (int i = 0; i < CITIES.length; i++) {
            cities.put(CITIES[i], Sampler.round6(citySampler.probability(i)));
        }
        return new Manifest.Customers(
                w.customerCount,
                before,
                w.customerCount - before,
                shares(CLASSES, CLASS_SHARES),
                counts,
                orderWeights,
                sessionWeights,
                CHURN_RULE,
                shares(CHANNELS, CHANNEL_WEIGHTS),
                cities,
                SECOND_CATEGORY_PROBABILITY);
    }

    private static Manifest.Products products(World w) {
        Map<String, Manifest.Category> categories = new LinkedHashMap<>();
        Sampler shares = new Sampler(CATEGORY_WEIGHTS);
        for (int c = 0; c < CATEGORIES.length; c++) {
            categories.put(
                    CATEGORIES[c],
                    new Manifest.Category(
                            Sampler.round6(shares.probability(c)),
                            w.productsPerCategory[c],
                            BigDecimal.valueOf(PRICE_MIN[c], 2),
                            BigDecimal.valueOf(PRICE_MAX[c], 2),
                            List.of(SUBCATEGORIES[c])));
        }
        List<String> top = new ArrayList<>();
        for (int r = 0; r < Math.min(10, w.productCount); r++) {
            top.add(World.productId(w.productByRank[r]));
        }
        List<String> low = new ArrayList<>();
        for (int i : w.lowStock) {
            low.add(World.productId(i));
        }
        return new Manifest.Products(
                w.productCount, categories, POPULARITY_ZIPF, top, LOW_STOCK_THRESHOLD, low);
    }

    private static List<Manifest.CoPurchasePair> coPurchasePairs(World w) {
        List<Manifest.CoPurchasePair> pairs = new ArrayList<>();
        for (int i = 0; i < w.pairA.length; i++) {
            pairs.add(
                    new Manifest.CoPurchasePair(
                            World.productId(w.pairA[i]), World.productId(w.pairB[i]), w.pairProbability[i]));
        }
        return pairs;
    }

    private static Map<String, Manifest.Channel> channels(EventsWriter.Result e) {
        Sampler acq = new Sampler(CHANNEL_WEIGHTS);
        Map<String, Manifest.Channel> channels = new LinkedHashMap<>();
        for (int c = 0; c < CHANNELS.length; c++) {
            Map<String, Double> steps = new LinkedHashMap<>();
            double conversion = 1;
            for (int s = 0; s < FUNNEL_STEPS.length; s++) {
                steps.put(FUNNEL_STEPS[s], FUNNEL_RATES[c][s]);
                conversion *= FUNNEL_RATES[c][s];
            }
            channels.put(
                    CHANNELS[c],
                    new Manifest.Channel(
                            Sampler.round6(acq.probability(c)),
                            Sampler.round6(conversion),
                            steps,
                            e.sessionsByChannel[c],
                            e.purchasingByChannel[c]));
        }
        return channels;
    }

    private static Manifest.Fulfilment fulfilment(OrderBook b) {
        Map<String, Long> statusCounts = new LinkedHashMap<>();
        for (OrderStatus s : STATUSES) {
            statusCounts.put(s.code(), 0L);
        }
        for (int i = 0; i < b.orders; i++) {
            statusCounts.merge(STATUS_CODES[b.status[i]], 1L, Long::sum);
        }
        String rule =
                "cancelled with probability "
                        + CANCEL_PROBABILITY
                        + " (no dates); otherwise shipped = order date + ship delay and delivered = shipped +"
                        + " delivery delay; status is pending if shipped >= window end (no dates), shipped if"
                        + " delivered >= window end (shipped_date only), else returned with probability "
                        + RETURN_PROBABILITY
                        + " or delivered (both dates)";
        return new Manifest.Fulfilment(
                distribution(SHIP_DELAY, 0),
                distribution(DELIVERY_DELAY, 1),
                CANCEL_PROBABILITY,
                RETURN_PROBABILITY,
                rule,
                statusCounts);
    }

    private static Manifest.Clickstream clickstream(EventsWriter.Result e) {
        Map<String, Long> byType = new LinkedHashMap<>();
        for (int t = 0; t < EVENT_TYPES.length; t++) {
            byType.put(EVENT_TYPES[t].code(), e.byType[t]);
        }
        return new Manifest.Clickstream(
                e.lines,
                e.sessions,
                SESSION_GAP_MINUTES,
                EventsWriter.ORDERING,
                byType,
                shares(DEVICES, DEVICE_WEIGHTS),
                SESSION_CHANNEL_IS_ACQUISITION,
                e.firstTs == Long.MAX_VALUE ? null : Fmt.instant(e.firstTs),
                e.lastTs == Long.MIN_VALUE ? null : Fmt.instant(e.lastTs));
    }

    private static Manifest.Search search() {
        Sampler terms = new Sampler(Sampler.zipfWeights(SEARCH_TERMS.length, SEARCH_ZIPF));
        List<Manifest.TermFrequency> top = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            top.add(new Manifest.TermFrequency(SEARCH_TERMS[i], Sampler.round6(terms.probability(i))));
        }
        return new Manifest.Search(SEARCH_ZIPF, SEARCH_TERMS.length, top);
    }

    // ------------------------------------------------------------------ helpers

    private static String monthKey(int epochDay) {
        long[] ymd = new long[3];
        Fmt.civil(epochDay, ymd);
        return String.format(java.util.Locale.ROOT, "%04d-%02d", ymd[0], ymd[1]);
    }

    private static Map<String, Double> shares(String[] names, double[] weights) {
        Sampler s = new Sampler(weights);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], Sampler.round6(s.probability(i)));
        }
        return m;
    }

    private static Map<String, Double> distribution(double[] probabilities, int firstValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            m.put(Integer.toString(firstValue + i), probabilities[i]);
        }
        return m;
    }
}
