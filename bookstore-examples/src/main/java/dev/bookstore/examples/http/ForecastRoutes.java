package dev.bookstore.examples.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bookstore.ml.DemandForecast;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /forecast?product_id=} (or {@code category=}): the weekly demand forecast of one product or category
 * by the library ({@link DemandForecast}: the method chosen per series on a holdout, 95 % intervals), with the
 * product's reorder suggestion when it is at or below its reorder point. The library forecasts every series of a
 * level at once; each (day, level, weeks) result is kept until the warehouse's data version changes (a transform
 * run), eight at most. 404 when the product or category has no series (not in the catalogue, or no sale up to the
 * day).
 */
final class ForecastRoutes implements Route.Set {
    static final Param<String> PRODUCT = Param.id("product_id", "the product, e.g. BOOK_42").notRequired();
    static final Param<String> CATEGORY = Param.text("category", "a category instead of a product");
    static final Param<LocalDate> AS_OF = Param.date("as_of",
            "last day of data to use (default: the day of the warehouse's latest order)").notRequired();
    static final Param<Integer> WEEKS = Param.integer("weeks", 1, 520, 13, "weeks to forecast");

    private final Backend backend;
    private final Cache<Key, DemandForecast.Result> computed = Caffeine.newBuilder().maximumSize(8).build();

    ForecastRoutes(Backend backend) {
        this.backend = backend;
    }

    private record Key(LocalDate asOf, DemandForecast.Level level, int weeks, long dataVersion) {
    }

    /**
     * The answer.
     *
     * @param level product or category
     * @param series the product id or the category
     * @param asOf the last day of data used
     * @param lastWeekStart the Monday of the last whole week used (the forecast starts the Monday after)
     * @param method the method chosen for the series
     * @param weeks the forecast, one entry per week
     * @param reorder the reorder suggestion, when the product is at or below its reorder point
     */
    record Forecast(String level, String series, LocalDate asOf, LocalDate lastWeekStart, String method,
                    List<DemandForecast.Week> weeks, Optional<DemandForecast.Reorder> reorder) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/forecast", "models", "weekly demand forecast of a product or a category",
                List.of(PRODUCT, CATEGORY, AS_OF, WEEKS), this::forecast));
    }

    private Forecast forecast(Call c) {
        Optional<String> product = c.optional(PRODUCT);
        Optional<String> category = c.optional(CATEGORY);
        if (product.isPresent() == category.isPresent()) {
            throw new ApiError.BadRequest(PRODUCT.name(), product.isPresent() ? "give product_id or category, not both"
                    : "missing parameter 'product_id' (or 'category')", PRODUCT.valid() + "; or category: "
                    + CATEGORY.valid());
        }
        DemandForecast.Level level = product.isPresent() ? DemandForecast.Level.PRODUCT
                : DemandForecast.Level.CATEGORY;
        String series = product.orElseGet(category::get);
        String parameter = product.isPresent() ? PRODUCT.name() : CATEGORY.name();
        LocalDate day = c.optional(AS_OF).orElseGet(this::lastOrderDay);
        int weeks = c.get(WEEKS);
        DemandForecast.Result r = computed.get(new Key(day, level, weeks, backend.knownDataVersion().getAsLong()),
                k -> DemandForecast.of(backend.warehouse()).run(k.asOf(), DemandForecast.Options.defaults()
                        .withLevel(k.level()).withHorizonWeeks(k.weeks())));
        List<DemandForecast.Week> ahead = r.forecasts().stream().filter(w -> w.series().equals(series)).toList();
        if (ahead.isEmpty()) {
            throw new ApiError.NotFound(parameter, Param.word(level) + " '" + series + "' has no demand series up to "
                    + day + " (not in the catalogue, or no sale in the whole weeks up to that day)");
        }
        backend.telemetry().predictions("forecast", 1);
        return new Forecast(Param.word(level), series, r.asOf(), r.lastWeekStart(), ahead.get(0).method(), ahead,
                r.reorders().stream().filter(o -> o.productId().equals(series) && product.isPresent()).findFirst());
    }

    private LocalDate lastOrderDay() {
        return backend.warehouse().withHandle(h -> h.createQuery(backend.sql("last_order_day"))
                .mapTo(LocalDate.class).findOne()).orElseThrow(() -> new ApiError.NotReady("forecast",
                "the warehouse holds no orders to forecast from", "bookstore run --db URL --data DIR (or bookstore ingest, then bookstore transform)"));
    }
}
