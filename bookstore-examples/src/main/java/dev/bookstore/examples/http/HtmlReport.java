package dev.bookstore.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.model.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard saved as one self-contained HTML file for a date range: the page, its styles, ECharts and the
 * dashboard script inline, and every answer the page asks for (the metrics reports of the range and of the period
 * before it, the drill-down into each category and subcategory, the three revenue grains, the forecast of each
 * low-stock product) stored in the file, so it opens and draws offline in any browser.
 *
 * <p>It answers the page's requests with the service itself (started on a free loopback port for the duration),
 * so the report shows exactly what the live dashboard shows.
 *
 * <pre>{@code
 * HtmlReport.write(wh, Optional.of(Path.of("models")), DateRange.of(from, to), Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * Writes the report.
     *
     * @param warehouse the warehouse
     * @param models the models folder, when there is one (churn scores and recommendations are left out otherwise)
     * @param range the range the report shows
     * @param out the HTML file to write (replaced)
     * @return the number of answers stored in the file
     */
    public static int write(Warehouse warehouse, Optional<Path> models, DateRange range, Path out) {
        try {
            Path dir = models.isPresent() ? models.get() : Files.createTempDirectory("bookstore-report");
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            try (BookstoreService service = BookstoreService.start(warehouse, dir, new InetSocketAddress("127.0.0.1", 0))) {
                Fetcher f = new Fetcher(service.url(), answers);
                String r = "from=" + range.from() + "&to=" + range.to();
                long days = range.days();
                f.get("/report?" + r);
                f.get("/report?from=" + range.from().minusDays(days) + "&to=" + range.from().minusDays(1));
                for (String grain : List.of("day", "week", "month")) {
                    f.get("/metrics/revenue?" + r + "&grain=" + grain);
                }
                JsonNode categories = f.get("/metrics/categories?" + r + "&top=50");
                f.get("/metrics/bestsellers?" + r + "&top=10");
                for (JsonNode c : categories) {
                    String name = "&category=" + encode(c.get("category").asText());
                    JsonNode subcategories = f.get("/metrics/subcategories?" + r + "&top=50" + name);
                    f.get("/metrics/bestsellers?" + r + "&top=10" + name);
                    for (JsonNode sub : subcategories) {
                        f.get("/metrics/bestsellers?" + r + "&top=10" + name + "&subcategory="
                                + encode(sub.get("subcategory").asText()));
                    }
                }
                for (String path : List.of("/metrics/channels?" + r, "/metrics/funnel?" + r,
                        "/metrics/active-customers?" + r + "&grain=day", "/metrics/rolling-active-customers?" + r
                                + "&window=7", "/metrics/rolling-active-customers?" + r + "&window=30",
                        "/metrics/retention?" + r, "/metrics/geography?" + r + "&level=region",
                        "/metrics/peak-times?" + r, "/recommend?customer_id=CUST_1&k=5", "/data-quality",
                        "/model-health")) {
                    f.get(path);
                }
                JsonNode lowStock = f.get("/metrics/low-stock?as_of=" + range.to() + "&top=10");
                for (JsonNode p : lowStock.path("rows")) {
                    f.get("/forecast?product_id=" + encode(p.get("product_id").asText()) + "&as_of=" + range.to()
                            + "&weeks=4");
                }
                JsonNode valuable = f.get("/metrics/lifetime-values?as_of=" + range.to() + "&top=20");
                for (JsonNode c : valuable.path("rows")) {
                    f.get("/predict/churn?customer_id=" + encode(c.get("customer_id").asText()) + "&as_of="
                            + range.to() + "&top=3");
                }
            }
            ObjectNode data = Json.MAPPER.createObjectNode();
            data.put("from", range.from().toString());
            data.put("to", range.to().toString());
            answers.forEach(data::set);
            String page = new String(DashboardRoutes.resource("/dev/bookstore/examples/http/dashboard.html"),
                    StandardCharsets.UTF_8);
            page = page.replace("<link rel=\"stylesheet\" href=\"assets/dashboard.css\"><!--inline:dashboard.css-->",
                    "<style>\n" + asset("dashboard.css") + "\n</style>");
            for (String js : List.of("echarts.min.js", "dashboard.js")) {
                page = page.replace("<script src=\"assets/" + js + "\"></script><!--inline:" + js + "-->",
                        "<script>\n" + script(asset(js)) + "\n</script>");
            }
            page = page.replace("<!--data-->", "<script>window.BOOKSTORE_DATA = "
                    + script(Json.MAPPER.writeValueAsString(data)) + ";</script>");
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, page, StandardCharsets.UTF_8);
            return answers.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String asset(String name) {
        return new String(DashboardRoutes.resource(DashboardRoutes.ASSETS.get(name)[0]), StandardCharsets.UTF_8);
    }

    /** Text safe inside a {@code <script>} element. */
    private static String script(String js) {
        return js.replace("</script", "<\\/script").replace("<!--", "<\\!--");
    }

    /** As JavaScript's {@code encodeURIComponent}, which the page uses to build the same paths. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    /** Asks the service for each path once and keeps the answers (JSON, whatever the status). */
    private record Fetcher(String base, Map<String, JsonNode> answers) {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        JsonNode get(String path) throws IOException {
            try {
                HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
                JsonNode answer = Json.MAPPER.readTree(r.body());
                answers.put(path, answer);
                return answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking " + path, e);
            }
        }
    }
}
