package dev.bookstore.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customers grouped by recency, frequency and monetary value as of a day, each group named by what its centroid
 * is (recent buyers by value: {@code high value}, {@code medium value}, {@code low value}; then {@code at risk},
 * {@code lapsed}; a second segment of the same kind gets a number) and profiled.
 *
 * <pre>{@code
 * Segmentation s = Segments.of(wh).asOf(LocalDate.parse("2025-12-31"));
 * s.segments().forEach(p -> System.out.println(p.name() + " " + p.size()));
 * }</pre>
 *
 * @param asOf the day the RFM values describe
 * @param k the number of segments
 * @param silhouette mean silhouette of the chosen clustering (on a sample of at most 2,000 customers)
 * @param segments the profiles, highest value first
 * @param assignments customer id to segment name
 */
public record Segmentation(LocalDate asOf, int k, double silhouette, List<SegmentProfile> segments,
                           Map<String, String> assignments) {
    /**
     * Copies the collections.
     *
     * @param asOf the day the RFM values describe
     * @param k the number of segments
     * @param silhouette mean silhouette of the chosen clustering
     * @param segments the profiles
     * @param assignments customer id to segment name
     */
    public Segmentation {
        segments = List.copyOf(segments);
        assignments = Map.copyOf(assignments);
    }

    /**
     * @param customerId a customer
     * @return the customer's segment name, or empty when the customer has no order by {@link #asOf()}
     */
    public Optional<String> segmentOf(String customerId) {
        return Optional.ofNullable(assignments.get(customerId));
    }

    /**
     * One segment's profile.
     *
     * @param name what the segment is, e.g. {@code high value}, {@code at risk}
     * @param size customers in it
     * @param meanRecencyDays mean days since the last order
     * @param meanFrequency mean number of orders
     * @param meanMonetary mean gross revenue per customer
     * @param revenueShare its share of all customers' gross revenue
     */
    public record SegmentProfile(String name, int size, double meanRecencyDays, double meanFrequency,
                                 double meanMonetary, double revenueShare) {
    }
}
