package dev.bookstore.examples.http;

import dev.bookstore.metrics.MetricsReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The dashboard page at {@code /}, its scripts (ECharts from its WebJar, bundled at build time: no CDN) and
 * {@code GET /report}, the library's {@link MetricsReport} of a range as its own JSON (see
 * {@link MetricsReport#toJson()}; the service's one convention, {@link dev.bookstore.metrics.JsonConventions}): the
 * page's KPI tiles are read from the reports of the range and of the period of the same length before it. The page
 * fetches every other panel from the API.
 */
final class DashboardRoutes implements Route.Set {
    /** The page's assets: name to class-path resource and content type. */
    static final Map<String, String[]> ASSETS = Map.of(
            "echarts.min.js", new String[] {"/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js",
                "application/javascript"},
            "dashboard.js", new String[] {"/dev/bookstore/examples/http/dashboard.js", "application/javascript"},
            "dashboard.css", new String[] {"/dev/bookstore/examples/http/dashboard.css", "text/css"});

    static final Param<Integer> REPORT_TOP = Param.integer("top", 1, MetricsReport.Options.MAX_TOP, 10,
            "rows of each ranked list and excerpt");

    private final Backend backend;

    DashboardRoutes(Backend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        Route.Reply page = new Route.Reply(200, "text/html; charset=utf-8", resource("/dev/bookstore/examples/http/dashboard.html"));
        List<Route> routes = new java.util.ArrayList<>(List.of(
                Route.get("/", "dashboard", "the dashboard page (from and to: the range it opens with)",
                        List.of(MetricsRoutes.FROM.notRequired(), MetricsRoutes.TO.notRequired()), c -> page),
                Route.get("/report", "metrics", "every question of a range in one value: the library's metrics "
                        + "report (the dashboard's KPI tiles)", List.of(MetricsRoutes.FROM,
                        MetricsRoutes.TO, REPORT_TOP, MetricsRoutes.GRAIN, MetricsRoutes.RANK_BY, MetricsRoutes.LEVEL),
                        c -> new Route.Reply(200, "application/json", backend.metrics().report(MetricsRoutes.range(c),
                                MetricsReport.Options.defaults().withTop(c.get(REPORT_TOP)).withGrain(
                                        c.get(MetricsRoutes.GRAIN)).withRankBy(c.get(MetricsRoutes.RANK_BY))
                                        .withGeo(c.get(MetricsRoutes.LEVEL))).toJson()
                                .getBytes(StandardCharsets.UTF_8)))));
        ASSETS.forEach((name, where) -> {
            Route.Reply asset = new Route.Reply(200, where[1], resource(where[0]));
            routes.add(Route.get("/assets/" + name, "dashboard", "the page's " + name, List.of(), c -> asset));
        });
        return routes;
    }

    /** A class-path resource's bytes. */
    static byte[] resource(String name) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
