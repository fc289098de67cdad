package dev.bookstore.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.metrics.JsonConventions;
import dev.bookstore.ml.Recommendation;
import dev.bookstore.ml.RecommendationBuffer;
import dev.bookstore.ml.RecommendationQuery;
import dev.bookstore.ml.Recommender;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore recommend}: a customer's top list, a product's also-bought list, or every customer's as CSV. */
@Command(name = "recommend",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Recommend products with the trained recommender (DIR/" + TrainCommand.RECS_FILE + "): "
                + "a customer's top list (never what they bought), a product's also-bought list, or every "
                + "customer's list as CSV (customer_id,rank,product_id,score,source).",
            "Each item names its source: co-occurrence, item-knn, als, category-popularity or popularity."})
final class RecommendCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "Folder of model files.")
    private Path models;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    /** What to recommend for: exactly one. */
    static final class Target {
        @Option(names = "--customer", paramLabel = "ID", description = "A customer's top list, e.g. CUST_1523.")
        String customer;

        @Option(names = "--product", paramLabel = "ID", description = "Products bought together with this one.")
        String product;

        @Option(names = "--all", description = "Every customer with history (needs --out).")
        boolean all;
    }

    @Option(names = "--k", paramLabel = "N", defaultValue = "10",
            description = "How many products, 1..1000 (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "With --customer: use the customer's history up to this day, read from the warehouse "
                    + "(default: the history the model was trained with).")
    private LocalDate asOf;

    @Option(names = "--in-stock", description = "Leave out products out of stock when the model was trained.")
    private boolean inStock;

    @Option(names = "--per-category", paramLabel = "N", defaultValue = "0",
            description = "At most N products of one category (default: no limit).")
    private int perCategory;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "With --all: the CSV file to write.")
    private Path out;

    @Override
    public Integer call() {
        if (k < 1 || k > RecommendationQuery.MAX_K) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--k': " + k
                    + " (valid: 1.." + RecommendationQuery.MAX_K + ")");
        }
        if (perCategory < 0 || perCategory > RecommendationQuery.MAX_K) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--per-category': "
                    + perCategory + " (valid: 0.." + RecommendationQuery.MAX_K + ", 0 = no limit)");
        }
        if (target.all && out == null) {
            throw new ParameterException(spec.commandLine(), "--all needs --out FILE");
        }
        if (asOf != null && target.customer == null) {
            throw new ParameterException(spec.commandLine(), "--as-of applies to --customer only");
        }
        RecommendationQuery query = new RecommendationQuery(k, inStock, perCategory);
        Recommender recs = Recommender.read(models.resolve(TrainCommand.RECS_FILE));
        PrintWriter stdout = spec.commandLine().getOut();
        if (target.all) {
            int customers = writeAll(recs, query, out);
            stdout.println(Units.count(customers) + " customers × up to " + k + " products " + Units.ARROW + " "
                    + out);
        } else {
            List<Recommendation> list;
            String what;
            if (target.product != null) {
                list = recs.alsoBought(target.product, query);
                what = "also bought with " + target.product;
            } else if (asOf != null) {
                try (Warehouse wh = warehouse.connect()) {
                    list = recs.forCustomer(wh, target.customer, asOf, query);
                }
                what = "for " + target.customer + " (history up to " + asOf + ")";
            } else {
                list = recs.forCustomer(target.customer, query);
                what = "for " + target.customer + " (history up to " + recs.metadata().trainAsOf() + ")";
            }
            print(stdout, list, what, recs);
        }
        stdout.flush();
        return 0;
    }

    private void print(PrintWriter stdout, List<Recommendation> list, String what, Recommender recs) {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode rows = mapper.createArrayNode();
            for (int i = 0; i < list.size(); i++) {
                ObjectNode n = rows.addObject();
                n.put("rank", i + 1);
                n.put("product_id", list.get(i).productId());
                n.put("score", list.get(i).score());
                n.put("source", JsonConventions.word(list.get(i).source())); // as the HTTP service writes it
            }
            try {
                stdout.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        stdout.println(list.size() + " products " + what + ", method " + source(recs.method()) + ":");
        TextTable table = new TextTable(">rank", "product", ">score", "source");
        for (int i = 0; i < list.size(); i++) {
            Recommendation r = list.get(i);
            table.row(String.valueOf(i + 1), r.productId(), String.format(Locale.ROOT, "%.4f", r.score()),
                    source(r.source()));
        }
        table.print(stdout);
    }

    /** Writes every customer's list; returns the customers written. */
    static int writeAll(Recommender recs, RecommendationQuery query, Path file) {
        List<String> customers = recs.customersWithHistory();
        RecommendationBuffer buf = new RecommendationBuffer();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("customer_id,rank,product_id,score,source\n");
                StringBuilder line = new StringBuilder();
                for (String c : customers) {
                    recs.forCustomer(c, query, buf);
                    for (int i = 0; i < buf.size(); i++) {
                        line.setLength(0);
                        line.append(csv(c)).append(',').append(i + 1).append(',').append(csv(buf.productId(i)))
                                .append(',').append(String.format(Locale.ROOT, "%.6g", buf.score(i))).append(',')
                                .append(source(buf.source(i))).append('\n');
                        w.write(line.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new WarehouseException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return customers.size();
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String source(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
