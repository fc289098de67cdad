package dev.bookstore.benchmarks;

import dev.bookstore.ml.Recommendation;
import dev.bookstore.ml.RecommendationBuffer;
import dev.bookstore.ml.RecommendationQuery;
import dev.bookstore.ml.Recommender;
import dev.bookstore.ml.RecommenderOptions;
import dev.bookstore.model.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recommendation serving: the compiled {@link Recommender} (top-10 for one customer, also-bought for one product)
 * against Apache Mahout Taste 0.13's item-based recommender ({@code GenericBooleanPrefItemBasedRecommender} over a
 * {@code GenericBooleanPrefDataModel} of the same histories, with precomputed similarities: the recommender's own
 * also-bought lists, 50 per product, their G² mapped to 1 − 1/(1 + G²) as Mahout's LogLikelihoodSimilarity does, in a
 * {@code GenericItemSimilarity}), on the same data in the same run.
 *
 * <p>Data: the warehouse at {@code -Dbookstore.db=URL} (default: {@code ./bookstore-data/bookstore.duckdb}, the
 * quickstart's, i.e. the default data set of 50,000 customers and 5,000 books), trained as of
 * {@code -Dbookstore.asOf} (default 2025-12-31) with the method of {@code @Param method}. Calls cycle through
 * 1,000 customers with history (and their first products for also-bought). Run with the GC profiler for B/op:
 *
 * <pre>
 * java -Dbookstore.db=jdbc:duckdb:./bookstore-data/bookstore.duckdb -jar benchmarks/target/benchmarks.jar \
 *     RecommenderBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RecommenderBenchmark {
    static final int SAMPLE = 1_000;

    @Param({"ITEM_KNN", "ALS", "CO_OCCURRENCE"})
    public String method;

    private Recommender recs;
    private String[] customers;
    private String[] products;
    private long[] mahoutUsers;
    private GenericBooleanPrefItemBasedRecommender mahout;
    private RecommendationBuffer buffer;
    private RecommendationQuery top10;
    private int next;

    @Setup(Level.Trial)
    public void train() throws Exception {
        String url = System.getProperty("bookstore.db", "jdbc:duckdb:./bookstore-data/bookstore.duckdb");
        LocalDate asOf = LocalDate.parse(System.getProperty("bookstore.asOf", "2025-12-31"));
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "bookstore-recs-bench-" + method + ".bsr");
        if (Files.exists(cache)) {
            recs = Recommender.read(cache);
        } else {
            try (Warehouse wh = Warehouse.connect(url)) {
                recs = Recommender.train(wh, asOf, RecommenderOptions.defaults()
                        .withMethod(RecommenderOptions.Method.valueOf(method)));
            }
            recs.write(cache);
        }
        List<String> all = recs.customersWithHistory();
        customers = new String[SAMPLE];
        products = new String[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            customers[i] = all.get((int) ((long) i * all.size() / SAMPLE));
            products[i] = recs.forCustomer(customers[i], 1).get(0).productId();
        }
        buffer = new RecommendationBuffer();
        top10 = RecommendationQuery.top(10);
        buildMahout(url, asOf, all);
    }

    /** Mahout's data model: every customer's products (boolean preferences); similarities: our also-bought lists. */
    private void buildMahout(String url, LocalDate asOf, List<String> all) throws Exception {
        Map<String, Long> productIds = new HashMap<>();
        Map<String, Long> customerIds = new HashMap<>();
        FastByIDMap<FastIDSet> data = new FastByIDMap<>();
        try (Warehouse wh = Warehouse.connect(url)) {
            wh.withHandle(h -> h.createQuery(wh.render("SELECT DISTINCT customer_id, product_id FROM "
                    + "${marts:fct_order_lines} WHERE is_valid_sale = TRUE AND customer_id IS NOT NULL "
                    + "AND order_date <= :as_of")).bind("as_of", java.sql.Date.valueOf(asOf)).map((rs, ctx) -> {
                        long u = customerIds.computeIfAbsent(rs.getString(1), k -> (long) customerIds.size());
                        long p = productIds.computeIfAbsent(rs.getString(2), k -> (long) productIds.size());
                        FastIDSet set = data.get(u);
                        if (set == null) {
                            set = new FastIDSet();
                            data.put(u, set);
                        }
                        set.add(p);
                        return 0;
                    }).list());
        }
        List<GenericItemSimilarity.ItemItemSimilarity> similarities = new ArrayList<>();
        for (Map.Entry<String, Long> e : productIds.entrySet()) {
            for (Recommendation r : recs.alsoBought(e.getKey(), 50)) {
                Long other = productIds.get(r.productId());
                if (r.source() == Recommendation.Source.CO_OCCURRENCE && other != null && other > e.getValue()) {
                    // Mahout wants [-1, 1]: its own LogLikelihoodSimilarity maps G² to 1 - 1 / (1 + G²)
                    similarities.add(new GenericItemSimilarity.ItemItemSimilarity(e.getValue(), other,
                            1 - 1 / (1 + r.score())));
                }
            }
        }
        GenericBooleanPrefDataModel model = new GenericBooleanPrefDataModel(data);
        mahout = new GenericBooleanPrefItemBasedRecommender(model, new GenericItemSimilarity(similarities));
        mahoutUsers = new long[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            mahoutUsers[i] = customerIds.get(customers[i]);
        }
        List<RecommendedItem> check = mahout.recommend(mahoutUsers[0], 10);
        System.err.println("mahout: " + data.size() + " users, " + productIds.size() + " items, "
                + similarities.size() + " similarities; first user's top 10: " + check.size() + " items");
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == SAMPLE ? 0 : i + 1;
        return i;
    }

    /** Top-10 for one customer into a reused buffer: the allocation-free path. */
    @Benchmark
    public int forCustomer() {
        recs.forCustomer(customers[nextIndex()], top10, buffer);
        return buffer.size();
    }

    /** Top-10 for one customer as an immutable list of records (allocates the list). */
    @Benchmark
    public List<Recommendation> forCustomerList() {
        return recs.forCustomer(customers[nextIndex()], 10);
    }

    /** Also-bought top-10 for one product into a reused buffer. */
    @Benchmark
    public int alsoBought() {
        recs.alsoBought(products[nextIndex()], top10, buffer);
        return buffer.size();
    }

    /** Mahout Taste item-based top-10 for the same customer, precomputed similarities. */
    @Benchmark
    public List<RecommendedItem> mahoutItemBased() throws Exception {
        return mahout.recommend(mahoutUsers[nextIndex()], 10);
    }

    @TearDown
    public void done() {
        // nothing held open
    }
}
