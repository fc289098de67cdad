package dev.bookstore.examples.http;

import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.model.Warehouse;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bookstore Analytics HTTP service: a JSON API over a warehouse's metrics, its models and their monitoring,
 * plus the dashboard page at {@code /}, on Javalin (Jetty 12). Glue only: every answer is computed by the library.
 *
 * <p>Contract: read-only against the warehouse except {@code POST /model-health}, which stores a model-health run;
 * the churn model and the recommender are read from {@code models/churn.bsm} and {@code models/recs.bsr} and
 * reloaded when a file changes (checked every {@code reloadEvery}; a file that fails its checksum or cannot be read
 * keeps the model in use and is logged, see {@link ModelShelf}); customer lifetime values are read from the latest
 * run stored in {@code marts.customer_clv}, and demand forecasts are computed by the library and kept until the
 * warehouse's data version changes;
 * metric results are cached by {@link Metrics} and never older than the last transform run by more than one
 * second. Errors are JSON with the status by kind ({@link Failures}); never a stack trace. Thread-safe; close it
 * to stop the server (the warehouse stays open: it is the caller's).
 *
 * <pre>{@code
 * try (Warehouse wh = Warehouse.connect("jdbc:duckdb:./bookstore.duckdb");
 *      BookstoreService service = BookstoreService.start(wh, Path.of("models"),
 *              new InetSocketAddress("127.0.0.1", 8080))) {
 *     System.out.println("serving on " + service.url());
 *     Thread.currentThread().join();
 * }
 * }</pre>
 */
public final class BookstoreService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BookstoreService.class);
    /** The default interval between two looks at the model files. */
    public static final Duration RELOAD_EVERY = Duration.ofSeconds(5);
    /** The largest request body any route reads. */
    static final long MAX_REQUEST = 1 << 20;
    /** Request attribute set when a route handled the request (so error pages leave its answer alone). */
    private static final String ANSWERED = "bookstore.answered";

    private final Javalin app;
    private final ScheduledExecutorService background;
    private final List<Route> routes;

    private BookstoreService(Javalin app, ScheduledExecutorService background, List<Route> routes) {
        this.app = app;
        this.background = background;
        this.routes = routes;
    }

    /** Starts the service with the default model reload interval. */
    public static BookstoreService start(Warehouse warehouse, Path models, InetSocketAddress bind) {
        return start(warehouse, models, bind, RELOAD_EVERY);
    }

    /**
     * Starts the service.
     *
     * @param warehouse the warehouse to answer from (not closed by the service)
     * @param models the folder holding the model files ({@code churn.bsm}, {@code recs.bsr}); it may be empty or
     *               they may appear later
     * @param bind the address to listen on (port 0: any free port, see {@link #port()})
     * @param reloadEvery how often the model files and the data version are looked at
     * @return the running service
     */
    public static BookstoreService start(Warehouse warehouse, Path models, InetSocketAddress bind,
                                         Duration reloadEvery) {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(bind, "bind");
        AtomicLong dataVersion = new AtomicLong(-1);
        Backend backend = new Backend(warehouse, Metrics.on(warehouse, MetricsOptions.defaults()
                .withVersionCheckEvery(Duration.ofSeconds(1))), new ModelShelf(models),
                new Telemetry(dataVersion::get), dataVersion::get);
        backend.models().refresh();
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthRoutes(backend).routes());
        routes.addAll(new MetricsRoutes(backend).routes());
        routes.addAll(new ChurnRoutes(backend).routes());
        routes.addAll(new SegmentRoutes(backend).routes());
        routes.addAll(new RecommendRoutes(backend).routes());
        routes.addAll(new ClvRoutes(backend).routes());
        routes.addAll(new ForecastRoutes(backend).routes());
        routes.addAll(new QualityRoutes(backend).routes());
        routes.addAll(new ModelHealthRoutes(backend).routes());
        routes.addAll(new DashboardRoutes(backend).routes());
        java.util.concurrent.atomic.AtomicReference<List<Route>> served = new java.util.concurrent.atomic.AtomicReference<>();
        routes.addAll(new DocsRoutes(backend, served::get).routes());
        List<Route> all = List.copyOf(routes);
        served.set(all);

        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bookstore-service-refresh");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(() -> {
            try {
                backend.models().refresh();
                dataVersion.set(backend.dataVersion());
            } catch (RuntimeException e) {
                LOG.debug("refresh failed: {}", e.toString());
            }
        }, 0, reloadEvery.toMillis(), TimeUnit.MILLISECONDS);

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = MAX_REQUEST;
            for (Route r : all) {
                config.routes.addHttpHandler(r.method().equals("POST") ? HandlerType.POST : HandlerType.GET, r.path(), ctx -> dispatch(backend, r, ctx));
            }
            config.routes.error(404, "*", ctx -> unmatched(backend, ctx, 404, "not_found", "no route "
                    + ctx.method() + " " + ctx.path() + "; GET /openapi.json lists them"));
            config.routes.error(405, "*", ctx -> unmatched(backend, ctx, 405, "method_not_allowed", ctx.method()
                    + " is not allowed on " + ctx.path() + "; GET /openapi.json lists the methods of each route"));
            config.routes.exception(Exception.class, (e, ctx) -> write(ctx, Failures.of(e)));
        });
        try {
            app.start(bind.getHostString(), bind.getPort());
        } catch (RuntimeException e) {
            background.shutdownNow();
            throw e;
        }
        return new BookstoreService(app, background, all);
    }

    private static void dispatch(Backend backend, Route route, Context ctx) {
        long start = System.nanoTime();
        try {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            Call call = new Call(ctx, route);
            call.checkParameters();
            Object answer = route.handler().handle(call);
            if (answer instanceof Route.Reply reply) {
                ctx.status(reply.status()).contentType(reply.contentType()).result(reply.bytes());
            } else {
                ctx.status(200).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(answer));
            }
        } catch (Exception | StackOverflowError e) {
            write(ctx, Failures.of(e));
        } finally {
            backend.telemetry().request(route.path(), route.method(), ctx.statusCode(), System.nanoTime() - start);
        }
    }

    private static void unmatched(Backend backend, Context ctx, int status, String error, String message)
            throws IOException {
        if (Boolean.TRUE.equals(ctx.attribute(ANSWERED))) {
            return; // a route answered this status itself
        }
        write(ctx, Failures.answer(status, error, message));
        backend.telemetry().request("unmatched", ctx.method().name(), status, 0);
    }

    private static void write(Context ctx, Failures.Answer a) {
        try {
            ctx.status(a.status()).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(a.body()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the service listens on. */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The routes served, as {@code METHOD path}, in registration order. */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Stops the server and the model reloading; the warehouse stays open. */
    @Override
    public void close() {
        background.shutdownNow();
        app.stop();
    }

    /** This build's version. */
    static String version() {
        try (InputStream in = BookstoreService.class.getResourceAsStream("/dev/bookstore/examples/cli/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
