package dev.bookstore.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runner for issue 14's "choose the HTTP server by measurement": serves one small JSON route, the same Jackson
 * record, from Javalin 7 (Jetty 12) or from the JDK's {@code com.sun.net.httpserver} (on a fixed pool of worker
 * threads), then drives it with {@code wrk} on loopback and prints wrk's report.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.bookstore.benchmarks.HttpServerChoice javalin 64 20
 * java -cp benchmarks/target/benchmarks.jar dev.bookstore.benchmarks.HttpServerChoice jdk 64 20
 * }</pre>
 * Arguments: server ({@code javalin} or {@code jdk}), connections, seconds. Needs {@code wrk} on the PATH.
 */
public final class HttpServerChoice {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SERVED = new AtomicLong();

    /** What the route answers: a small record like a churn score. */
    record Score(String customerId, double probability, List<String> topFeatures, long served) {
    }

    private HttpServerChoice() {
    }

    static byte[] body() throws IOException {
        return JSON.writeValueAsBytes(new Score("CUST_1523", 0.4375, List.of("recency_days", "frequency"),
                SERVED.incrementAndGet()));
    }

    /**
     * Starts the server, runs wrk against it, stops it.
     *
     * @param args server, connections, seconds
     * @throws Exception when the server or wrk fails
     */
    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "javalin";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int port = 18_000 + (int) (ProcessHandle.current().pid() % 1000);
        AutoCloseable stop;
        if (server.equals("jdk")) {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
            http.setExecutor(pool);
            http.createContext("/score", exchange -> {
                byte[] b = body();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, b.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(b);
                }
            });
            http.start();
            stop = () -> {
                http.stop(0);
                pool.shutdownNow();
            };
        } else {
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.routes.get("/score", ctx -> ctx.contentType("application/json").result(body()));
            }).start("127.0.0.1", port);
            stop = app::stop;
        }
        try {
            // warm up, then measure
            run(List.of("wrk", "-t2", "-c" + connections, "-d5s", "http://127.0.0.1:" + port + "/score"), false);
            run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "http://127.0.0.1:" + port + "/score"), true);
        } finally {
            stop.close();
        }
        System.out.println(server + ": served " + SERVED.get() + " responses (" + new String(body(),
                StandardCharsets.UTF_8).length() + " bytes each)");
    }

    private static void run(List<String> command, boolean print) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        if (print) {
            System.out.println(String.join(" ", command));
            System.out.print(out);
        }
    }
}
