package dev.bookstore.model.generator;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a generated data set: format version, the options used, the row count of every file
 * and the planted ground truth (seasonality, customer classes, funnels, co-purchase pairs,
 * problem counts, ...); written as {@code manifest.json} next to the data files.
 *
 * <p>All maps keep a fixed, documented key order, so the JSON is deterministic. Example:
 *
 * <pre>{@code
 * Manifest m = Manifest.read(Path.of("out"));
 * long lines = m.files().get("raw_orders.csv");           // data rows, header excluded
 * long dupes = m.truth().problems().duplicateOrderLines();
 * double emailConversion = m.truth().channels().get("email").conversionRate();
 * }</pre>
 *
 * @param formatVersion version of the file formats and of this manifest ({@value #FORMAT_VERSION})
 * @param generator name of the generator that wrote the data set
 * @param options the options the data set was generated with
 * @param files per data file name: data rows (CSV lines excluding the header; JSONL lines)
 * @param truth the planted ground truth
 */
public record Manifest(
        int formatVersion,
        String generator,
        GeneratorOptions options,
        Map<String, Long> files,
        Truth truth) {

    /** The current format version. */
    public static final int FORMAT_VERSION = 1;

    /** File name of the manifest inside the output directory. */
    public static final String FILE_NAME = "manifest.json";

    /**
     * Copies the map into an immutable, order-preserving map.
     *
     * @param formatVersion version of the file formats and of this manifest ({@value #FORMAT_VERSION})
     * @param generator name of the generator that wrote the data set
     * @param options the options the data set was generated with
     * @param files per data file name: data rows (CSV lines excluding the header; JSONL lines)
     * @param truth the planted ground truth
     */
    public Manifest {
        files = frozen(files);
    }

    /**
     * Reads {@code manifest.json} from a generated data directory.
     *
     * <pre>{@code
     * Manifest m = Manifest.read(Path.of("out"));
     * }</pre>
     *
     * @param dir the directory given to {@link Generator#generate}
     * @return the manifest
     * @throws IOException if the file cannot be read or parsed
     */
    public static Manifest read(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(FILE_NAME))) {
            return MAPPER.readValue(in, Manifest.class);
        }
    }

    /** Writes this manifest as pretty-printed JSON ('\n' line endings, trailing newline). */
    void write(Path dir) throws IOException {
        String json = WRITER.writeValueAsString(this) + "\n";
        Files.writeString(dir.resolve(FILE_NAME), json, StandardCharsets.UTF_8);
    }

    private static final ObjectMapper MAPPER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer =
                new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
        WRITER = MAPPER.writer(printer);
    }

    static <K, V> Map<K, V> frozen(Map<K, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static <T> List<T> frozen(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /**
     * The planted ground truth of a data set, grouped by topic.
     *
     * <pre>{@code
     * Manifest.Truth t = manifest.truth();
     * long clean = t.orders().cleanOrderLines();
     * }</pre>
     *
     * @param window the data window
     * @param orders order volumes and line-level facts
     * @param seasonality planted weekly, yearly and intraday patterns
     * @param customers customer classes and churn rule
     * @param products catalogue facts (categories, popularity, low stock)
     * @param coPurchasePairs planted "bought together" pairs
     * @param channels per marketing channel (in the fixed channel order): funnel and sessions
     * @param fulfilment shipping/delivery delays and status rule
     * @param clickstream event and session facts
     * @param search search-term distribution
     * @param problems exact counts of planted data-quality problems (all 0 when disabled)
     */
    public record Truth(
            Window window,
            Orders orders,
            Seasonality seasonality,
            Customers customers,
            Products products,
            List<CoPurchasePair> coPurchasePairs,
            Map<String, Channel> channels,
            Fulfilment fulfilment,
            Clickstream clickstream,
            Search search,
            Problems problems) {

        /**
         * Copies collections into immutable, order-preserving ones.
         *
         * @param window the data window
         * @param orders order volumes and line-level facts
         * @param seasonality planted weekly, yearly and intraday patterns
         * @param customers customer classes and churn rule
         * @param products catalogue facts (categories, popularity, low stock)
         * @param coPurchasePairs planted "bought together" pairs
         * @param channels per marketing channel (in the fixed channel order): funnel and sessions
         * @param fulfilment shipping/delivery delays and status rule
         * @param clickstream event and session facts
         * @param search search-term distribution
         * @param problems exact counts of planted data-quality problems (all 0 when disabled)
         */
        public Truth {
            coPurchasePairs = frozen(coPurchasePairs);
            channels = frozen(channels);
        }
    }

    /**
     * The data window {@code [start, endExclusive)}; local dates are Europe/London.
     *
     * <pre>{@code
     * LocalDate last = manifest.truth().window().endExclusive().minusDays(1);
     * }</pre>
     *
     * @param start first day
     * @param endExclusive first day after the window
     * @param months window length in months
     * @param timeZone zone of local dates and hours ({@code Europe/London})
     */
    public record Window(
            @IsoDate LocalDate start, @IsoDate LocalDate endExclusive, int months, String timeZone) {}

    /**
     * Order facts; the "generated" figures describe the true data before problems were planted.
     *
     * <pre>{@code
     * long distinctValidLines = manifest.truth().orders().cleanOrderLines();
     * }</pre>
     *
     * @param distinctOrders number of distinct order ids
     * @param generatedLines distinct order lines generated (before duplicates were appended)
     * @param fileRows data rows in raw_orders.csv (generated lines + duplicate copies)
     * @param cleanOrderLines distinct lines carrying no problem (generated lines minus problem lines)
     * @param firstOrderDate earliest true order date
     * @param lastOrderDate latest true order date
     * @param linesPerOrder planted P(k base lines), before co-purchase additions
     * @param quantity planted P(quantity = k)
     * @param paymentMethods planted payment method shares
     * @param orderChannelIsAcquisitionChannel P(order channel = customer's acquisition channel),
     *     otherwise drawn from the acquisition shares
     * @param shipToHomeCity P(shipping city = customer's city), otherwise a weighted random city
     * @param preferredCategoryProbability P(a drawn product comes from a preferred category)
     * @param ordersByMonth true orders per calendar month ({@code yyyy-MM}) of order date
     * @param revenueByMonth true revenue (sum of quantity x unit price over all lines and statuses)
     *     per calendar month of order date
     * @param expectedOrdersByMonth planted expectation of orders per calendar month
     */
    public record Orders(
            long distinctOrders,
            long generatedLines,
            long fileRows,
            long cleanOrderLines,
            @IsoDate LocalDate firstOrderDate,
            @IsoDate LocalDate lastOrderDate,
            Map<String, Double> linesPerOrder,
            Map<String, Double> quantity,
            Map<String, Double> paymentMethods,
            double orderChannelIsAcquisitionChannel,
            double shipToHomeCity,
            double preferredCategoryProbability,
            Map<String, Long> ordersByMonth,
            Map<String, BigDecimal> revenueByMonth,
            Map<String, Double> expectedOrdersByMonth) {

        /**
         * Copies maps into immutable, order-preserving ones.
         *
         * @param distinctOrders number of distinct order ids
         * @param generatedLines distinct order lines generated (before duplicates were appended)
         * @param fileRows data rows in raw_orders.csv (generated lines + duplicate copies)
         * @param cleanOrderLines distinct lines carrying no problem (generated lines minus problem lines)
         * @param firstOrderDate earliest true order date
         * @param lastOrderDate latest true order date
         * @param linesPerOrder planted P(k base lines), before co-purchase additions
         * @param quantity planted P(quantity = k)
         * @param paymentMethods planted payment method shares
         * @param orderChannelIsAcquisitionChannel P(order channel = customer's acquisition channel),
         *     otherwise drawn from the acquisition shares
         * @param shipToHomeCity P(shipping city = customer's city), otherwise a weighted random city
         * @param preferredCategoryProbability P(a drawn product comes from a preferred category)
         * @param ordersByMonth true orders per calendar month ({@code yyyy-MM}) of order date
         * @param revenueByMonth true revenue (sum of quantity x unit price over all lines and statuses)
         *     per calendar month of order date
         * @param expectedOrdersByMonth planted expectation of orders per calendar month
         */
        public Orders {
            linesPerOrder = frozen(linesPerOrder);
            quantity = frozen(quantity);
            paymentMethods = frozen(paymentMethods);
            ordersByMonth = frozen(ordersByMonth);
            revenueByMonth = frozen(revenueByMonth);
            expectedOrdersByMonth = frozen(expectedOrdersByMonth);
        }
    }

    /**
     * Planted seasonality: expected orders on a day of window-month m (0-based) = ordersPerMonth x
     * (1 + yearlyGrowth)^(m/12) x monthMultiplier[calendar month of the day] x weekdayMultiplier[day]
     * / (sum of weekday multipliers over the days of window-month m); local hours follow hourShares.
     *
     * <pre>{@code
     * double dec = manifest.truth().seasonality().monthMultipliers().get("DECEMBER");
     * }</pre>
     *
     * @param baseOrdersPerMonth orders in the first month before seasonality
     * @param yearlyGrowth growth per year, compounded monthly
     * @param weekdayMultipliers MONDAY..SUNDAY multipliers (sum 7)
     * @param monthMultipliers JANUARY..DECEMBER multipliers (sum 12)
     * @param hourShares share of orders and session starts per Europe/London hour 0..23
     */
    public record Seasonality(
            int baseOrdersPerMonth,
            double yearlyGrowth,
            Map<String, Double> weekdayMultipliers,
            Map<String, Double> monthMultipliers,
            List<Double> hourShares) {

        /**
         * Copies collections into immutable, order-preserving ones.
         *
         * @param baseOrdersPerMonth orders in the first month before seasonality
         * @param yearlyGrowth growth per year, compounded monthly
         * @param weekdayMultipliers MONDAY..SUNDAY multipliers (sum 7)
         * @param monthMultipliers JANUARY..DECEMBER multipliers (sum 12)
         * @param hourShares share of orders and session starts per Europe/London hour 0..23
         */
        public Seasonality {
            weekdayMultipliers = frozen(weekdayMultipliers);
            monthMultipliers = frozen(monthMultipliers);
            hourShares = frozen(hourShares);
        }
    }

    /**
     * Customer population facts: classes (loyal, occasional, churning), their exact counts and the
     * rule that drives their behaviour.
     *
     * <pre>{@code
     * long churners = manifest.truth().customers().classCounts().get("churning");
     * }</pre>
     *
     * @param total number of customers
     * @param registeredBeforeStart customers whose registration date is before the window
     * @param registeredDuringWindow customers registered inside the window
     * @param classShares planted probability of each class
     * @param classCounts exact number of customers per class
     * @param classOrderWeights relative order intensity per class
     * @param classSessionWeights relative session intensity per class
     * @param churnRule how churning customers behave
     * @param acquisitionChannels planted acquisition channel shares
     * @param cityShares planted home-city shares
     * @param secondCategoryProbability P(a customer prefers two categories rather than one)
     */
    public record Customers(
            long total,
            long registeredBeforeStart,
            long registeredDuringWindow,
            Map<String, Double> classShares,
            Map<String, Long> classCounts,
            Map<String, Double> classOrderWeights,
            Map<String, Double> classSessionWeights,
            String churnRule,
            Map<String, Double> acquisitionChannels,
            Map<String, Double> cityShares,
            double secondCategoryProbability) {

        /**
         * Copies maps into immutable, order-preserving ones.
         *
         * @param total number of customers
         * @param registeredBeforeStart customers whose registration date is before the window
         * @param registeredDuringWindow customers registered inside the window
         * @param classShares planted probability of each class
         * @param classCounts exact number of customers per class
         * @param classOrderWeights relative order intensity per class
         * @param classSessionWeights relative session intensity per class
         * @param churnRule how churning customers behave
         * @param acquisitionChannels planted acquisition channel shares
         * @param cityShares planted home-city shares
         * @param secondCategoryProbability P(a customer prefers two categories rather than one)
         */
        public Customers {
            classShares = frozen(classShares);
            classCounts = frozen(classCounts);
            classOrderWeights = frozen(classOrderWeights);
            classSessionWeights = frozen(classSessionWeights);
            acquisitionChannels = frozen(acquisitionChannels);
            cityShares = frozen(cityShares);
        }
    }

    /**
     * Catalogue facts: categories, planted Zipf popularity and the low-stock products.
     *
     * <pre>{@code
     * List<String> low = manifest.truth().products().lowStockProductIds();
     * }</pre>
     *
     * @param total number of products
     * @param categories per category (fixed order)
     * @param popularityZipfExponent exponent s of the planted popularity weight 1/rank^s
     * @param mostPopular product ids of planted popularity ranks 1..10
     * @param lowStockThreshold stock below this is "low"
     * @param lowStockProductIds exactly the products with stock below the threshold, ascending
     */
    public record Products(
            long total,
            Map<String, Category> categories,
            double popularityZipfExponent,
            List<String> mostPopular,
            int lowStockThreshold,
            List<String> lowStockProductIds) {

        /**
         * Copies collections into immutable, order-preserving ones.
         *
         * @param total number of products
         * @param categories per category (fixed order)
         * @param popularityZipfExponent exponent s of the planted popularity weight 1/rank^s
         * @param mostPopular product ids of planted popularity ranks 1..10
         * @param lowStockThreshold stock below this is "low"
         * @param lowStockProductIds exactly the products with stock below the threshold, ascending
         */
        public Products {
            categories = frozen(categories);
            mostPopular = frozen(mostPopular);
            lowStockProductIds = frozen(lowStockProductIds);
        }
    }

    /**
     * One product category: planted share, price range, subcategories and product count.
     *
     * <pre>{@code
     * BigDecimal max = manifest.truth().products().categories().get("Fiction").maxPrice();
     * }</pre>
     *
     * @param share planted share of products
     * @param products number of products in the category
     * @param minPrice lowest possible price
     * @param maxPrice highest possible price
     * @param subcategories subcategory names
     */
    public record Category(
            double share,
            long products,
            BigDecimal minPrice,
            BigDecimal maxPrice,
            List<String> subcategories) {

        /**
         * Copies the list into an immutable one.
         *
         * @param share planted share of products
         * @param products number of products in the category
         * @param minPrice lowest possible price
         * @param maxPrice highest possible price
         * @param subcategories subcategory names
         */
        public Category {
            subcategories = frozen(subcategories);
        }
    }

    /**
     * A planted "bought together" rule: whenever productA is put in an order, productB is added to
     * the same order with the given probability (if not already there).
     *
     * <pre>{@code
     * Manifest.CoPurchasePair pair = manifest.truth().coPurchasePairs().get(0);
     * }</pre>
     *
     * @param productA the trigger product
     * @param productB the product added with it
     * @param probability planted probability
     */
    public record CoPurchasePair(String productA, String productB, double probability) {}

    /**
     * Planted funnel of one marketing channel, with the generated session counts.
     *
     * <pre>{@code
     * double rate = manifest.truth().channels().get("social").conversionRate();
     * }</pre>
     *
     * @param acquisitionShare planted share of customers acquired through the channel
     * @param conversionRate P(session has a purchase) = product of the step rates
     * @param stepRates conditional rates: session_to_product_view, product_view_to_add_to_cart,
     *     add_to_cart_to_checkout, checkout_to_purchase
     * @param sessions sessions generated through the channel
     * @param purchasingSessions of those, sessions containing a purchase event
     */
    public record Channel(
            double acquisitionShare,
            double conversionRate,
            Map<String, Double> stepRates,
            long sessions,
            long purchasingSessions) {

        /**
         * Copies the map into an immutable, order-preserving one.
         *
         * @param acquisitionShare planted share of customers acquired through the channel
         * @param conversionRate P(session has a purchase) = product of the step rates
         * @param stepRates conditional rates: session_to_product_view, product_view_to_add_to_cart,
         *     add_to_cart_to_checkout, checkout_to_purchase
         * @param sessions sessions generated through the channel
         * @param purchasingSessions of those, sessions containing a purchase event
         */
        public Channel {
            stepRates = frozen(stepRates);
        }
    }

    /**
     * Planted fulfilment: shipped = order date + ship delay, delivered = shipped + delivery delay;
     * status follows {@link #statusRule()}.
     *
     * <pre>{@code
     * double sameDay = manifest.truth().fulfilment().shipDelayDays().get("0");
     * }</pre>
     *
     * @param shipDelayDays P(ship delay = d days)
     * @param deliveryDelayDays P(delivery delay = d days after shipping)
     * @param cancelProbability P(order cancelled)
     * @param returnProbability P(delivered order returned)
     * @param statusRule how the status is derived
     * @param statusCounts true number of orders per status
     */
    public record Fulfilment(
            Map<String, Double> shipDelayDays,
            Map<String, Double> deliveryDelayDays,
            double cancelProbability,
            double returnProbability,
            String statusRule,
            Map<String, Long> statusCounts) {

        /**
         * Copies maps into immutable, order-preserving ones.
         *
         * @param shipDelayDays P(ship delay = d days)
         * @param deliveryDelayDays P(delivery delay = d days after shipping)
         * @param cancelProbability P(order cancelled)
         * @param returnProbability P(delivered order returned)
         * @param statusRule how the status is derived
         * @param statusCounts true number of orders per status
         */
        public Fulfilment {
            shipDelayDays = frozen(shipDelayDays);
            deliveryDelayDays = frozen(deliveryDelayDays);
            statusCounts = frozen(statusCounts);
        }
    }

    /**
     * Clickstream facts as generated (before any line was corrupted).
     *
     * <pre>{@code
     * long sessions = manifest.truth().clickstream().sessions();
     * }</pre>
     *
     * @param events event lines in the file
     * @param sessions number of sessions
     * @param sessionGapMinutes a user's sessions are separated by more than this; events inside a
     *     session are less than this apart
     * @param ordering how lines are ordered in the file
     * @param eventsByType generated events per type
     * @param deviceShares planted device shares
     * @param sessionChannelIsAcquisitionChannel P(session channel = user's acquisition channel)
     * @param firstTimestamp earliest event timestamp
     * @param lastTimestamp latest event timestamp
     */
    public record Clickstream(
            long events,
            long sessions,
            int sessionGapMinutes,
            String ordering,
            Map<String, Long> eventsByType,
            Map<String, Double> deviceShares,
            double sessionChannelIsAcquisitionChannel,
            String firstTimestamp,
            String lastTimestamp) {

        /**
         * Copies maps into immutable, order-preserving ones.
         *
         * @param events event lines in the file
         * @param sessions number of sessions
         * @param sessionGapMinutes a user's sessions are separated by more than this; events inside a
         *     session are less than this apart
         * @param ordering how lines are ordered in the file
         * @param eventsByType generated events per type
         * @param deviceShares planted device shares
         * @param sessionChannelIsAcquisitionChannel P(session channel = user's acquisition channel)
         * @param firstTimestamp earliest event timestamp
         * @param lastTimestamp latest event timestamp
         */
        public Clickstream {
            eventsByType = frozen(eventsByType);
            deviceShares = frozen(deviceShares);
        }
    }

    /**
     * Planted search-term distribution: term of rank r has probability (1/r^s) / H over a fixed
     * vocabulary.
     *
     * <pre>{@code
     * String top = manifest.truth().search().topTerms().get(0).term();
     * }</pre>
     *
     * @param zipfExponent s
     * @param vocabularySize number of distinct terms
     * @param topTerms the ten most likely terms with their planted probabilities
     */
    public record Search(double zipfExponent, int vocabularySize, List<TermFrequency> topTerms) {

        /**
         * Copies the list into an immutable one.
         *
         * @param zipfExponent s
         * @param vocabularySize number of distinct terms
         * @param topTerms the ten most likely terms with their planted probabilities
         */
        public Search {
            topTerms = frozen(topTerms);
        }
    }

    /**
     * A search term and its planted probability.
     *
     * <pre>{@code
     * double p = manifest.truth().search().topTerms().get(0).probability();
     * }</pre>
     *
     * @param term the query text
     * @param probability planted probability of a search event using it
     */
    public record TermFrequency(String term, double probability) {}

    /**
     * Exact counts of planted data-quality problems; each problem line is distinct and no problem
     * touches a duplicated line or its original. All zero when problems are disabled.
     *
     * <pre>{@code
     * long bad = manifest.truth().problems().malformedJsonLines();
     * }</pre>
     *
     * @param duplicateOrderLines extra byte-identical copies appended right after their original
     * @param missingShippingState order lines with an empty shipping_state
     * @param dayFirstDates order lines whose order_date is written dd/MM/yyyy
     * @param ambiguousDayFirstDates of those, lines whose day is at most 12 (true reading: day first)
     * @param negativePrices order lines with a negated unit_price
     * @param unknownProducts order lines whose product_id is not in raw_products.csv
     * @param futureDates order lines whose dates were moved 1-3 years past the window end
     * @param malformedJsonLines clickstream lines that are not valid JSON
     */
    public record Problems(
            long duplicateOrderLines,
            long missingShippingState,
            long dayFirstDates,
            long ambiguousDayFirstDates,
            long negativePrices,
            long unknownProducts,
            long futureDates,
            long malformedJsonLines) {}
}
