package dev.bookstore.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.ml.RecommenderOptions.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The out-of-time evaluation of the recommender: every method and both baselines fitted on the data up to
 * {@code fitAsOf} and asked for the top {@value #AT} of every customer with history then; the relevant products are
 * those each customer bought in {@code (fitAsOf, asOf]} and had not bought before. Immutable.
 *
 * <pre>{@code
 * RecommenderEvaluation e = Recommender.train(wh, asOf).evaluation().orElseThrow();
 * System.out.println(e.report());
 * String json = e.toJson();
 * }</pre>
 *
 * @param fitAsOf the last day of the evaluation fit (as-of − horizon)
 * @param asOf the last day of the test window
 * @param customers customers with history at {@code fitAsOf} who bought a new product in the test window
 * @param relevant (customer, new product) pairs of the test window
 * @param results one row per method, baselines included, in {@link Method} order
 * @param chosen the method the written model serves (AUTO's pick, or the one asked for)
 */
public record RecommenderEvaluation(LocalDate fitAsOf, LocalDate asOf, int customers, int relevant,
                                    List<MethodResult> results, Method chosen) {
    /** The cut-off of every ranking metric. */
    public static final int AT = 10;

    /**
     * One method's ranking quality at {@value #AT}, averaged over the test customers.
     *
     * @param method the method
     * @param hitRate share of customers with at least one relevant product in their top list (HR@10)
     * @param ndcg normalised discounted cumulative gain (binary relevance)
     * @param map mean average precision, each customer's AP divided by min(relevant, 10)
     * @param recall relevant products found / relevant products, per customer
     * @param coverage distinct products recommended to anyone / products in the catalogue
     */
    public record MethodResult(Method method, double hitRate, double ndcg, double map, double recall,
                               double coverage) {
    }

    /**
     * Copies the results.
     *
     * @param fitAsOf the last day of the evaluation fit
     * @param asOf the last day of the test window
     * @param customers test customers
     * @param relevant relevant (customer, product) pairs
     * @param results one row per method
     * @param chosen the method served
     */
    public RecommenderEvaluation {
        results = List.copyOf(results);
    }

    /** @param m a method @return its row, when it was evaluated */
    public Optional<MethodResult> result(Method m) {
        return results.stream().filter(r -> r.method() == m).findFirst();
    }

    /** @return the evaluation as an aligned text table, one line per method, the served one marked */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "recommender: fitted up to %s, tested on (%s, %s]: %,d customers, %,d "
                + "new purchases%n", fitAsOf, fitAsOf, asOf, customers, relevant));
        b.append(String.format(Locale.ROOT, "  %-21s %7s %8s %7s %10s %9s%n", "method", "HR@10", "NDCG@10", "MAP@10",
                "recall@10", "coverage"));
        for (MethodResult r : results) {
            b.append(String.format(Locale.ROOT, "%s %-21s %7.4f %8.4f %7.4f %10.4f %9.4f%n",
                    r.method() == chosen ? "*" : " ", name(r.method()), r.hitRate(), r.ndcg(), r.map(),
                    r.recall(), r.coverage()));
        }
        b.append("  (* served; popularity and category popularity are the baselines)");
        return b.toString();
    }

    /** @return the evaluation as JSON (Jackson) */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("fit_as_of", fitAsOf.toString());
        root.put("as_of", asOf.toString());
        root.put("customers", customers);
        root.put("relevant", relevant);
        root.put("chosen", name(chosen));
        ArrayNode rows = root.putArray("methods");
        for (MethodResult r : results) {
            ObjectNode n = rows.addObject();
            n.put("method", name(r.method()));
            n.put("hr_at_10", r.hitRate());
            n.put("ndcg_at_10", r.ndcg());
            n.put("map_at_10", r.map());
            n.put("recall_at_10", r.recall());
            n.put("coverage", r.coverage());
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String name(Method m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accumulates one method's metrics over customers. */
    static final class Accumulator {
        private final Method method;
        private final boolean[] recommended;
        private double hits;
        private double ndcg;
        private double map;
        private double recall;
        private int users;

        Accumulator(Method method, int items) {
            this.method = method;
            this.recommended = new boolean[items];
        }

        /** One customer's top list {@code top[0..n-1]} against its relevant products (ascending). */
        void add(int[] top, int n, int[] relevant, int from, int to) {
            int rel = to - from;
            int found = 0;
            double dcg = 0;
            double ap = 0;
            for (int r = 0; r < n && r < AT; r++) {
                recommended[top[r]] = true;
                if (java.util.Arrays.binarySearch(relevant, from, to, top[r]) >= 0) {
                    found++;
                    dcg += 1 / log2(r + 2);
                    ap += (double) found / (r + 1);
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(rel, AT); r++) {
                idcg += 1 / log2(r + 2);
            }
            users++;
            hits += found > 0 ? 1 : 0;
            ndcg += dcg / idcg;
            map += ap / Math.min(rel, AT);
            recall += (double) found / rel;
        }

        MethodResult result() {
            int covered = 0;
            for (boolean b : recommended) {
                covered += b ? 1 : 0;
            }
            double n = Math.max(1, users);
            return new MethodResult(method, hits / n, ndcg / n, map / n, recall / n,
                    recommended.length == 0 ? 0 : (double) covered / recommended.length);
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }
}
