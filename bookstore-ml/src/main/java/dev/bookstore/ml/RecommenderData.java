package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.bookstore.model.sql.SqlResources;

/**
 * What the recommender reads from the marts as of a day, as primitive arrays over dense indexes: the catalogue,
 * the customers, each customer's history (customer, product, orders) as compressed rows, the item
 * counts and the item–item co-occurrence counts (both computed in the database; only the counts are read).
 */
final class RecommenderData {
    /** Before every order: the lower bound of a whole-history interaction query. */
    static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);

    /** The catalogue and customer index spaces (shared by every table of one model). */
    record Space(String[] products, int[] category, String[] categories, boolean[] inStock, String[] customers,
                 Map<String, Integer> productIndex, Map<String, Integer> customerIndex) {
        int items() {
            return products.length;
        }

        int users() {
            return customers.length;
        }

        static Space of(String[] products, int[] category, String[] categories, boolean[] inStock,
                        String[] customers) {
            return new Space(products, category, categories, inStock, customers, index(products), index(customers));
        }

        private static Map<String, Integer> index(String[] ids) {
            Map<String, Integer> m = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                m.put(ids[i], i);
            }
            return m;
        }
    }

    /** Unordered item pairs with a count: {@code a[i] < b[i]} are item indexes. */
    record Pairs(int[] a, int[] b, int[] together) {
        int size() {
            return a.length;
        }
    }

    /** Per-item counts as of a day. */
    record Counts(int[] orders, int[] customers, int[] recentOrders, int totalOrders, int totalCustomers) {
    }

    private RecommenderData() {
    }

    static String sql(Warehouse wh, String name) {
        return wh.render(SqlResources.load(Recommender.class, "Recommender/" + name));
    }

    static Space space(Warehouse wh) {
        List<String> products = new ArrayList<>();
        List<String> categoryOf = new ArrayList<>();
        List<Boolean> stock = new ArrayList<>();
        wh.withHandle(h -> h.createQuery(sql(wh, "catalogue")).map((rs, ctx) -> {
            products.add(rs.getString("product_id"));
            String c = rs.getString("category");
            categoryOf.add(c == null ? "" : c);
            int s = rs.getInt("stock");
            stock.add(rs.wasNull() || s > 0);
            return 0;
        }).list());
        List<String> customers = wh.withHandle(h -> h.createQuery(sql(wh, "customers"))
                .mapTo(String.class).list());
        Map<String, Integer> categoryIndex = new HashMap<>();
        List<String> categories = new ArrayList<>();
        int[] category = new int[products.size()];
        boolean[] inStock = new boolean[products.size()];
        for (int i = 0; i < category.length; i++) {
            category[i] = categoryIndex.computeIfAbsent(categoryOf.get(i), c -> {
                categories.add(c);
                return categories.size() - 1;
            });
            inStock[i] = stock.get(i);
        }
        return Space.of(products.toArray(String[]::new), category, categories.toArray(String[]::new), inStock,
                customers.toArray(String[]::new));
    }

    /** The (customer, product, orders) rows dated in (from, to] as a customer-major matrix. */
    static Sparse interactions(Warehouse wh, Space space, LocalDate from, LocalDate to) {
        Sparse.Builder b = new Sparse.Builder(space.users(), space.items());
        wh.withHandle(h -> h.createQuery(sql(wh, "interactions")).bind("from_day", day(from)).bind("to_day", day(to))
                .map((rs, ctx) -> {
                    Integer u = space.customerIndex().get(rs.getString("customer_id"));
                    Integer i = space.productIndex().get(rs.getString("product_id"));
                    if (u != null && i != null) {
                        b.add(u, i, rs.getInt("orders"));
                    }
                    return 0;
                }).list());
        return b.build();
    }

    /** Fixed-point scale of {@link #withEvents}: a strength of 1 (one order) is stored as this many units. */
    static final int STRENGTH_SCALE = 1000;

    /**
     * The (customer, product) interaction strengths dated in (from, to], computed in the database: orders +
     * {@code viewWeight} × product views + {@code cartWeight} × add-to-carts, as a customer-major matrix in
     * thousandths ({@link #STRENGTH_SCALE}; ALS divides its confidence slope by the scale).
     */
    static Sparse withEvents(Warehouse wh, Space space, LocalDate from, LocalDate to, double viewWeight,
                             double cartWeight) {
        Sparse.Builder b = new Sparse.Builder(space.users(), space.items());
        wh.withHandle(h -> h.createQuery(sql(wh, "interactions_with_events")).bind("from_day", day(from))
                .bind("to_day", day(to)).bind("view_weight", viewWeight).bind("cart_weight", cartWeight)
                .map((rs, ctx) -> {
                    Integer u = space.customerIndex().get(rs.getString("customer_id"));
                    Integer i = space.productIndex().get(rs.getString("product_id"));
                    int units = (int) Math.round(rs.getDouble("strength") * STRENGTH_SCALE);
                    if (u != null && i != null && units > 0) {
                        b.add(u, i, units);
                    }
                    return 0;
                }).list());
        return b.build();
    }

    static Counts counts(Warehouse wh, Space space, LocalDate asOf, int popularityDays) {
        int n = space.items();
        int[] orders = new int[n];
        int[] customers = new int[n];
        int[] recent = new int[n];
        wh.withHandle(h -> h.createQuery(sql(wh, "item_counts")).bind("as_of", day(asOf))
                .bind("recent_from", day(asOf.minusDays(popularityDays))).map((rs, ctx) -> {
                    Integer i = space.productIndex().get(rs.getString("product_id"));
                    if (i != null) {
                        orders[i] = rs.getInt("orders");
                        customers[i] = rs.getInt("customers");
                        recent[i] = rs.getInt("recent_orders");
                    }
                    return 0;
                }).list());
        int[] totals = wh.withHandle(h -> h.createQuery(sql(wh, "order_count")).bind("as_of", day(asOf))
                .map((rs, ctx) -> new int[] {rs.getInt("orders"), rs.getInt("customers")}).one());
        return new Counts(orders, customers, recent, totals[0], totals[1]);
    }

    static Pairs sameOrder(Warehouse wh, Space space, LocalDate asOf, int minSupport) {
        return pairs(wh, space, sql(wh, "pairs_same_order"), asOf, minSupport, -1);
    }

    static Pairs sameCustomer(Warehouse wh, Space space, LocalDate asOf, int windowDays, int minSupport) {
        return pairs(wh, space, sql(wh, "pairs_same_customer"), asOf, minSupport, windowDays);
    }

    private static Pairs pairs(Warehouse wh, Space space, String sql, LocalDate asOf, int minSupport,
                               int windowDays) {
        IntList a = new IntList();
        IntList b = new IntList();
        IntList n = new IntList();
        wh.withHandle(h -> {
            var q = h.createQuery(sql).bind("as_of", day(asOf)).bind("min_support", minSupport);
            if (windowDays >= 0) {
                q.bind("window_days", windowDays);
            }
            return q.map((rs, ctx) -> {
                Integer i = space.productIndex().get(rs.getString("product_a"));
                Integer j = space.productIndex().get(rs.getString("product_b"));
                if (i != null && j != null) {
                    a.add(Math.min(i, j));
                    b.add(Math.max(i, j));
                    n.add(rs.getInt("together"));
                }
                return 0;
            }).list();
        });
        return new Pairs(a.toArray(), b.toArray(), n.toArray());
    }

    /** One customer's history as of a day, fetched with one query over the customer's rows. */
    static Sparse.Row history(Warehouse wh, Space space, String customerId, LocalDate asOf) {
        IntList items = new IntList();
        IntList counts = new IntList();
        wh.withHandle(h -> h.createQuery(sql(wh, "customer_history")).bind("customer_id", customerId)
                .bind("as_of", day(asOf)).map((rs, ctx) -> {
                    Integer i = space.productIndex().get(rs.getString("product_id"));
                    if (i != null) {
                        items.add(i);
                        counts.add(rs.getInt("orders"));
                    }
                    return 0;
                }).list());
        return Sparse.Row.of(items.toArray(), counts.toArray());
    }

    /**
     * A day as a JDBC date parameter ({@code java.sql.Date}: the DuckDB driver refuses a {@code LocalDate} bound
     * with an explicit DATE type, which is how Jdbi binds one).
     */
    static java.sql.Date day(LocalDate d) {
        return java.sql.Date.valueOf(d);
    }

    /** A growable int array. */
    static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
