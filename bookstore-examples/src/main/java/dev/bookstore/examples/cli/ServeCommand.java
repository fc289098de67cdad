package dev.bookstore.examples.cli;

import dev.bookstore.examples.http.BookstoreService;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore serve}: the HTTP service (JSON API, dashboard page) over a warehouse and its models. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Serve the JSON API (metrics and the metrics report, churn scores, recommendations, "
                + "lifetime values, demand forecasts, segments, data quality, model health, /prometheus, "
                + "/openapi.json) and the dashboard page at /. Read-only against the warehouse except the "
                + "model-health log; the churn model and the recommender are reloaded when DIR/churn.bsm or "
                + "DIR/recs.bsr changes. Stop with Ctrl-C.",
            "Example: bookstore serve --db jdbc:duckdb:./bookstore-data/bookstore.duckdb "
                + "--models ./bookstore-data/models"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "Folder of model files.")
    private Path models;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    private String host;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port
                    + " is outside 0..65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Warehouse wh = warehouse.connect();
             BookstoreService service = BookstoreService.start(wh, models, new InetSocketAddress(host, port))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }));
            out.println("serving " + service.routes().size() + " routes on http://" + host + ":" + service.port()
                    + "/ (dashboard), /openapi.json lists them; Ctrl-C stops");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
