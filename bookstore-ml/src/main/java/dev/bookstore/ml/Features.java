package dev.bookstore.ml;

import dev.bookstore.model.NotFoundException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlMacro;
import dev.bookstore.model.sql.SqlResources;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.Query;

/**
 * Front door for customer features: computes the {@link FeatureSchema#CUSTOMER_V2} vectors as of a day with SQL
 * pushed down to the marts (fct_orders, fct_order_lines, fct_sessions, dim_customers). Point-in-time correct: only
 * orders, order lines and sessions dated on or before the as-of day are read. The population is every registered customer with at least
 * one order on or before that day. Thread-safe; holds no connection.
 *
 * <pre>{@code
 * FeatureTable t = Features.of(wh).asOf(LocalDate.parse("2025-09-30"));
 * double[] x = Features.of(wh).customer("CUST_1523", LocalDate.now());
 * }</pre>
 */
public final class Features {
    /** Value of {@code mean_days_between_orders} for a customer with a single order. */
    public static final double NO_GAP = -1.0;

    /** The schema of the vectors this class computes. */
    public static final FeatureSchema SCHEMA = FeatureSchema.CUSTOMER_V2;

    /** {@code {{and_customer(COLUMN)}}} in the features SQL for the whole table: nothing. */
    private static final SqlMacro EVERY_CUSTOMER = SqlMacro.of("and_customer", 1, column -> "");
    /** {@code {{and_customer(COLUMN)}}} for one customer: only its rows, the id bound as {@code :customer_id}. */
    private static final SqlMacro ONE_CUSTOMER = SqlMacro.of("and_customer", 1,
            column -> "AND " + column.get(0) + " = :customer_id");

    private final Warehouse wh;

    private Features(Warehouse wh) {
        this.wh = Objects.requireNonNull(wh, "warehouse");
    }

    /**
     * @param wh a warehouse whose marts are built
     * @return the feature front door over it
     */
    public static Features of(Warehouse wh) {
        return new Features(wh);
    }

    /**
     * Every customer's features as of a day.
     *
     * @param asOf the last day whose data may be used
     * @return the table, rows ordered by customer id
     */
    public FeatureTable asOf(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return table(asOf, Optional.empty());
    }

    /** The features of every customer, or of one ({@code only}: its id, bound wherever the SQL filters by it). */
    private FeatureTable table(LocalDate asOf, Optional<String> only) {
        TreeMap<String, double[]> rows = new TreeMap<>();
        List<Map.Entry<String, double[]>> found = wh.withHandle(h -> {
            Query q = h.createQuery(SqlResources.load(Features.class, "customer_features"))
                    .define("and_customer", only.isPresent() ? ONE_CUSTOMER : EVERY_CUSTOMER)
                    .bind("as_of", asOf).bind("as_of_minus_30", asOf.minusDays(30))
                    .bind("as_of_minus_90", asOf.minusDays(90));
            only.ifPresent(id -> q.bind("customer_id", id));
            return q.map((rs, ctx) -> Map.entry(rs.getString("customer_id"), row(rs))).list();
        });
        found.forEach(e -> rows.put(e.getKey(), e.getValue()));
        return new FeatureTable(SCHEMA, asOf, new ArrayList<>(rows.keySet()),
                rows.values().toArray(double[][]::new));
    }

    /**
     * One customer's features as of a day.
     *
     * @param customerId the customer
     * @param asOf the last day whose data may be used
     * @return the feature vector
     * @throws NotFoundException when the customer is unknown or has no order on or before {@code asOf}
     */
    public double[] customer(String customerId, LocalDate asOf) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(asOf, "asOf");
        return table(asOf, Optional.of(customerId)).row(customerId).orElseThrow(() -> new NotFoundException("customer",
                customerId, "unknown customer '" + customerId + "': no registered customer with that id has an order on "
                + "or before " + asOf));
    }

    /** Customers with at least one order in {@code (asOf, asOf + days]}. */
    java.util.Set<String> buyersAfter(LocalDate asOf, int days) {
        return wh.withHandle(h -> h.createQuery(SqlResources.load(Features.class, "churn_labels"))
                .bind("as_of", asOf).bind("window_end", asOf.plusDays(days))
                .mapTo(String.class).collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new)));
    }

    private static double[] row(ResultSet rs) throws java.sql.SQLException {
        double[] x = new double[SCHEMA.size()];
        double frequency = number(rs, "frequency");
        double monetary = number(rs, "monetary");
        double gaps = number(rs, "gaps");
        double gapDays = number(rs, "gap_days");
        double meanGap = gaps == 0 ? NO_GAP : gapDays / gaps;
        double lastGap = number(rs, "last_gap_days");
        double gapTrend = gaps < 2 ? 0 : lastGap - (gapDays - lastGap) / (gaps - 1);
        double categorySpend = number(rs, "category_spend");
        int i = 0;
        x[i++] = number(rs, "recency_days");
        x[i++] = frequency;
        x[i++] = monetary;
        x[i++] = frequency == 0 ? 0 : monetary / frequency;
        x[i++] = number(rs, "tenure_days");
        x[i++] = meanGap;
        x[i++] = gapTrend;
        x[i++] = number(rs, "orders_30d");
        x[i++] = number(rs, "orders_90d");
        x[i++] = number(rs, "revenue_90d");
        x[i++] = number(rs, "sessions_30d");
        x[i++] = number(rs, "sessions_90d");
        x[i++] = number(rs, "abandoned_30d");
        x[i++] = number(rs, "abandoned_90d");
        x[i++] = number(rs, "distinct_categories");
        x[i++] = categorySpend <= 0 ? 0 : number(rs, "top_category_spend") / categorySpend;
        String channel = rs.getString("acquisition_channel");
        int k = channel == null ? -1 : FeatureSchema.CHANNELS.indexOf(channel.strip().toLowerCase(java.util.Locale.ROOT));
        if (k >= 0) {
            x[i + k] = 1.0;
        }
        return x;
    }

    /** A column as a double; SQL NULL (which some drivers report as NaN) is 0. */
    private static double number(ResultSet rs, String column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() || Double.isNaN(v) ? 0.0 : v;
    }
}
