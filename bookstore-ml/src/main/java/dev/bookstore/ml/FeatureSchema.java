package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import java.util.List;

/**
 * The named, ordered columns of a feature vector, and its version; a model file records the schema it was trained
 * on and a scorer refuses vectors of another length.
 *
 * <pre>{@code
 * FeatureSchema schema = FeatureSchema.CUSTOMER_V2;
 * double recency = row[schema.indexOf("recency_days")];
 * }</pre>
 *
 * @param name the schema's name and version, e.g. {@code customer_v1}
 * @param columns the feature names, in vector order
 */
public record FeatureSchema(String name, List<String> columns) {
    /** Acquisition channels that get a one-hot column, in column order. */
    static final List<String> CHANNELS = List.of("organic_search", "paid_search", "social", "email", "direct",
            "referral");

    /**
     * The first customer feature schema: no longer computed by {@link Features} (model files trained on it are
     * rejected); kept as the shape the scoring benchmarks use.
     */
    public static final FeatureSchema CUSTOMER_V1 = new FeatureSchema("customer_v1", List.of(
            "recency_days", "frequency", "monetary", "avg_order_value", "tenure_days", "mean_days_between_orders",
            "orders_30d", "orders_90d", "revenue_90d", "sessions_30d", "sessions_90d", "abandoned_carts_30d",
            "abandoned_carts_90d", "channel_organic_search", "channel_paid_search", "channel_social",
            "channel_email", "channel_direct", "channel_referral"));

    /**
     * The customer feature schema computed by {@link Features}: {@link #CUSTOMER_V1} plus the trend of the days
     * between orders ({@code gap_trend_days}: the latest gap minus the mean of the earlier gaps, 0 with fewer than
     * two gaps) and the category mix ({@code distinct_categories} bought, {@code top_category_share} of spend in
     * the customer's largest category).
     */
    public static final FeatureSchema CUSTOMER_V2 = new FeatureSchema("customer_v2", List.of(
            "recency_days", "frequency", "monetary", "avg_order_value", "tenure_days", "mean_days_between_orders",
            "gap_trend_days", "orders_30d", "orders_90d", "revenue_90d", "sessions_30d", "sessions_90d",
            "abandoned_carts_30d", "abandoned_carts_90d", "distinct_categories", "top_category_share",
            "channel_organic_search", "channel_paid_search", "channel_social", "channel_email", "channel_direct",
            "channel_referral"));

    /**
     * Validates and copies.
     *
     * @param name the schema's name and version
     * @param columns the feature names, in vector order; at least one, no duplicates
     */
    public FeatureSchema {
        if (name == null || name.isBlank()) {
            throw new InvalidArgumentException("feature schema name must not be blank");
        }
        columns = List.copyOf(columns);
        if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
            throw new InvalidArgumentException("feature schema " + name + " needs distinct column names, got "
                    + columns);
        }
    }

    /** @return the number of features */
    public int size() {
        return columns.size();
    }

    /**
     * The position of a feature.
     *
     * @param column a feature name
     * @return its index in a vector
     * @throws InvalidArgumentException naming the valid columns when unknown
     */
    public int indexOf(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new InvalidArgumentException("unknown feature '" + column + "' in schema " + name + "; valid: "
                    + columns);
        }
        return i;
    }
}
