package dev.bookstore.examples.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bookstore.ml.Segmentation;
import dev.bookstore.ml.Segments;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /segments}: k-means segments on RFM as of a day ({@link Segments}) with their profiles, and the
 * segment of one customer when asked; each day's segmentation is computed once and kept (eight days at most).
 */
final class SegmentRoutes implements Route.Set {
    static final Param<LocalDate> AS_OF = Param.date("as_of", "the day the RFM values describe");
    static final Param<String> CUSTOMER = Param.id("customer_id", "also answer this customer's segment")
            .notRequired();

    private final Backend backend;
    private final Cache<LocalDate, Segmentation> computed = Caffeine.newBuilder().maximumSize(8).build();

    SegmentRoutes(Backend backend) {
        this.backend = backend;
    }

    /**
     * The answer.
     *
     * @param asOf the day
     * @param k segments
     * @param silhouette the clustering's mean silhouette
     * @param segments their profiles, highest value first
     * @param customerId the customer asked about
     * @param segment that customer's segment
     */
    record Answer(LocalDate asOf, int k, double silhouette, List<Segmentation.SegmentProfile> segments,
                  Optional<String> customerId, Optional<String> segment) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/segments", "models", "customer segments (k-means on RFM) as of a day",
                List.of(AS_OF, CUSTOMER), c -> {
                    LocalDate day = c.get(AS_OF);
                    Optional<String> id = c.optional(CUSTOMER);
                    Segmentation s = computed.get(day, d -> Segments.of(backend.warehouse()).asOf(d));
                    Optional<String> segment = id.map(i -> s.segmentOf(i).orElseThrow(() -> new ApiError.NotFound(
                            "customer_id", "customer '" + i + "' has no order on or before " + day)));
                    return new Answer(s.asOf(), s.k(), s.silhouette(), s.segments(), id, segment);
                }));
    }
}
