package dev.bookstore.benchmarks;

import dev.bookstore.model.Warehouse;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The metrics computed in plain Java over the warehouse's staged rows held in memory as primitive columns: the
 * baseline the pushed-down SQL is measured against. {@link #load} reads {@code stg_orders}, {@code stg_events},
 * {@code stg_products} and {@code stg_customers} and prepares what the marts hold (orders from their first valid
 * line, sessions by the 30-minute rule, events sorted by user and time), so that each metric method, like each
 * SQL query over the marts, starts from built facts. Money is in pence (long), exact.
 */
final class InMemoryMetrics {
    // order lines
    int lineCount;
    int[] lineOrder;
    int[] lineDay;
    int[] lineProduct;
    int[] lineQty;
    long[] linePence;
    boolean[] lineValid;
    boolean[] lineReturned;
    // orders (a distinct order id with a valid line)
    int orderCount;
    int[] orderDay;
    int[] orderCustomer;
    long[] orderGross;
    long[] orderNet;
    int[] orderChannel;
    int[] orderCity;
    int[] orderCountry;
    long[] orderedAt;
    int[] shippedDay;
    int[] deliveredDay;
    // products and customers
    String[] productIds;
    int[] productCategory;
    int[] productSubcategory;
    int[] productStock;
    int customerCount;
    int[] customerRegistered;
    int[] customerCity;
    int[] customerCountry;
    // events, sorted by user then time
    int eventCount;
    int[] eventUser;
    long[] eventTime;
    int[] eventDay;
    byte[] eventType;
    int[] eventProduct;
    int[] eventQuery;
    int[] eventChannel;
    int[] eventCategory;
    int[] eventSession;
    // sessions
    int sessionCount;
    int[] sessionFirst;
    int[] sessionEnd;
    int[] sessionDay;
    int[] sessionChannel;
    boolean[] sessionPurchased;
    final Map<String, Integer> channels = new HashMap<>();
    final Map<String, Integer> categories = new HashMap<>();
    final Map<String, Integer> subcategories = new HashMap<>();
    final Map<String, Integer> cities = new HashMap<>();
    final Map<String, Integer> countries = new HashMap<>();
    final List<String> queries = new ArrayList<>();
    private final ZoneRules zone;

    static final String[] TYPES = {"page_view", "search", "product_view", "add_to_cart", "remove_from_cart",
        "checkout", "purchase"};
    static final byte PRODUCT_VIEW = 2;
    static final byte ADD_TO_CART = 3;
    static final byte CHECKOUT = 5;
    static final byte PURCHASE = 6;
    static final byte SEARCH = 1;

    private InMemoryMetrics(ZoneId zone) {
        this.zone = zone.getRules();
    }

    private static int code(Map<String, Integer> dict, String value) {
        return value == null ? -1 : dict.computeIfAbsent(value, k -> dict.size());
    }

    private static int day(java.sql.Date d) {
        return d == null ? Integer.MIN_VALUE : (int) d.toLocalDate().toEpochDay();
    }

    /** Reads the staged rows of {@code wh} and prepares orders and sessions. */
    static InMemoryMetrics load(Warehouse wh) {
        InMemoryMetrics m = new InMemoryMetrics(wh.calendar().zone());
        wh.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                Map<String, Integer> productIndex = new HashMap<>();
                List<String> ids = new ArrayList<>();
                List<int[]> attrs = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(wh.render("SELECT product_id, category, stock, subcategory FROM "
                        + "${staging:stg_products}"))) {
                    while (rs.next()) {
                        productIndex.put(rs.getString(1), ids.size());
                        ids.add(rs.getString(1));
                        attrs.add(new int[] {code(m.categories, rs.getString(2)), rs.getInt(3),
                            code(m.subcategories, rs.getString(2) + "/" + rs.getString(4))});
                    }
                }
                Map<String, Integer> customerIndex = new HashMap<>();
                List<int[]> customers = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(wh.render("SELECT customer_id, registration_date, city, country FROM "
                        + "${staging:stg_customers}"))) {
                    while (rs.next()) {
                        customerIndex.put(rs.getString(1), customers.size());
                        customers.add(new int[] {day(rs.getDate(2)), code(m.cities, rs.getString(3)),
                            code(m.countries, rs.getString(4))});
                    }
                }
                m.customerCount = customers.size();
                m.customerRegistered = customers.stream().mapToInt(a -> a[0]).toArray();
                m.customerCity = customers.stream().mapToInt(a -> a[1]).toArray();
                m.customerCountry = customers.stream().mapToInt(a -> a[2]).toArray();
                m.loadOrders(s, wh, productIndex, ids, customerIndex);
                m.productIds = ids.toArray(String[]::new);
                m.productCategory = attrs.stream().mapToInt(a -> a[0]).toArray();
                m.productStock = attrs.stream().mapToInt(a -> a[1]).toArray();
                m.productSubcategory = attrs.stream().mapToInt(a -> a[2]).toArray();
                m.loadEvents(s, wh, productIndex, customerIndex);
            }
            return null;
        });
        return m;
    }

    private void loadOrders(Statement s, Warehouse wh, Map<String, Integer> productIndex, List<String> productIds,
                            Map<String, Integer> customerIndex) throws java.sql.SQLException {
        IntList order = new IntList();
        IntList dayCol = new IntList();
        IntList product = new IntList();
        IntList qty = new IntList();
        LongList pence = new LongList();
        List<Boolean> valid = new ArrayList<>();
        List<Boolean> returned = new ArrayList<>();
        Map<String, Integer> orderIndex = new HashMap<>();
        // per order: first valid line's attributes
        IntList oDay = new IntList();
        IntList oCustomer = new IntList();
        IntList oChannel = new IntList();
        IntList oCity = new IntList();
        IntList oCountry = new IntList();
        LongList oAt = new LongList();
        IntList oShipped = new IntList();
        IntList oDelivered = new IntList();
        List<Boolean> oHasValid = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(wh.render("SELECT order_id, customer_id, order_date, product_id, quantity, "
                + "unit_price, status, ordered_at, channel, shipping_city, shipped_date, delivered_date, "
                + "shipping_country "
                + "FROM ${staging:stg_orders} WHERE unit_price > 0 AND quantity <> 0 ORDER BY order_id, line_no"))) {
            while (rs.next()) {
                String id = rs.getString(1);
                int q = rs.getInt(5);
                BigDecimal price = rs.getBigDecimal(6);
                String status = rs.getString(7);
                boolean v = q > 0 && !status.equals("cancelled");
                Integer o = orderIndex.get(id);
                if (o == null) {
                    o = orderIndex.size();
                    orderIndex.put(id, o);
                    oDay.add(0);
                    oCustomer.add(-1);
                    oChannel.add(-1);
                    oCity.add(-1);
                    oCountry.add(-1);
                    oAt.add(Long.MIN_VALUE);
                    oShipped.add(Integer.MIN_VALUE);
                    oDelivered.add(Integer.MIN_VALUE);
                    oHasValid.add(false);
                }
                if (v && !oHasValid.get(o)) {
                    oHasValid.set(o, true);
                    oDay.set(o, day(rs.getDate(3)));
                    String c = rs.getString(2);
                    oCustomer.set(o, c == null ? -1 : customerIndex.computeIfAbsent(c, k -> -1));
                    oChannel.set(o, code(channels, rs.getString(9)));
                    oCity.set(o, code(cities, rs.getString(10)));
                    oCountry.set(o, code(countries, rs.getString(13)));
                    Timestamp at = rs.getTimestamp(8);
                    oAt.set(o, at == null ? Long.MIN_VALUE : at.toLocalDateTime().toEpochSecond(ZoneOffset.UTC));
                    oShipped.set(o, day(rs.getDate(11)));
                    oDelivered.set(o, day(rs.getDate(12)));
                }
                order.add(o);
                dayCol.add(day(rs.getDate(3)));
                String pid = rs.getString(4);
                product.add(productIndex.computeIfAbsent(pid, k -> {
                    productIds.add(k);
                    return productIds.size() - 1;
                }));
                qty.add(q);
                pence.add(price.movePointRight(2).longValueExact() * q);
                valid.add(v);
                returned.add(v && status.equals("returned"));
            }
        }
        lineCount = order.size;
        lineOrder = order.toArray();
        lineDay = dayCol.toArray();
        lineProduct = product.toArray();
        lineQty = qty.toArray();
        linePence = pence.toArray();
        lineValid = toArray(valid);
        lineReturned = toArray(returned);
        // keep only orders with a valid line, renumbered
        int n = oDay.size;
        int[] renumber = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            renumber[i] = oHasValid.get(i) ? kept++ : -1;
        }
        orderCount = kept;
        orderDay = new int[kept];
        orderCustomer = new int[kept];
        orderChannel = new int[kept];
        orderCity = new int[kept];
        orderCountry = new int[kept];
        orderedAt = new long[kept];
        shippedDay = new int[kept];
        deliveredDay = new int[kept];
        orderGross = new long[kept];
        orderNet = new long[kept];
        for (int i = 0; i < n; i++) {
            int r = renumber[i];
            if (r >= 0) {
                orderDay[r] = oDay.get(i);
                orderCustomer[r] = oCustomer.get(i);
                orderChannel[r] = oChannel.get(i);
                orderCity[r] = oCity.get(i);
                orderCountry[r] = oCountry.get(i);
                orderedAt[r] = oAt.get(i);
                shippedDay[r] = oShipped.get(i);
                deliveredDay[r] = oDelivered.get(i);
            }
        }
        for (int l = 0; l < lineCount; l++) {
            int r = renumber[lineOrder[l]];
            lineOrder[l] = r;
            if (r >= 0) {
                long gross = lineValid[l] ? linePence[l] : 0;
                orderGross[r] += gross;
                orderNet[r] += gross - (lineReturned[l] ? linePence[l] : 0) - (lineQty[l] < 0 ? -linePence[l] : 0);
            }
        }
    }

    private void loadEvents(Statement s, Warehouse wh, Map<String, Integer> productIndex,
                            Map<String, Integer> customerIndex) throws java.sql.SQLException {
        Map<String, Integer> users = new HashMap<>(customerIndex);
        Map<String, Integer> queryIndex = new HashMap<>();
        Map<String, Byte> typeIndex = new HashMap<>();
        for (byte t = 0; t < TYPES.length; t++) {
            typeIndex.put(TYPES[t], t);
        }
        IntList user = new IntList();
        LongList time = new LongList();
        IntList dayCol = new IntList();
        List<Byte> type = new ArrayList<>();
        IntList product = new IntList();
        IntList query = new IntList();
        IntList channel = new IntList();
        try (ResultSet rs = s.executeQuery(wh.render("SELECT user_id, event_time, event_date, event_type, "
                + "product_id, search_query, channel FROM ${staging:stg_events} ORDER BY user_id, event_time"))) {
            rs.setFetchSize(10_000);
            while (rs.next()) {
                user.add(users.computeIfAbsent(rs.getString(1), k -> users.size()));
                time.add(rs.getTimestamp(2).toLocalDateTime().toEpochSecond(ZoneOffset.UTC));
                dayCol.add(day(rs.getDate(3)));
                type.add(typeIndex.get(rs.getString(4)));
                String p = rs.getString(5);
                product.add(p == null ? -1 : productIndex.getOrDefault(p, -1));
                String q = rs.getString(6);
                if (q == null || q.isBlank()) {
                    query.add(-1);
                } else {
                    String term = q.strip().toLowerCase(java.util.Locale.ROOT);
                    query.add(queryIndex.computeIfAbsent(term, k -> {
                        queries.add(k);
                        return queries.size() - 1;
                    }));
                }
                channel.add(code(channels, rs.getString(7)));
            }
        }
        eventCount = user.size;
        eventUser = user.toArray();
        eventTime = time.toArray();
        eventDay = dayCol.toArray();
        eventType = new byte[eventCount];
        for (int i = 0; i < eventCount; i++) {
            eventType[i] = type.get(i);
        }
        eventProduct = product.toArray();
        eventQuery = query.toArray();
        eventChannel = channel.toArray();
        eventCategory = new int[eventCount];
        for (int i = 0; i < eventCount; i++) {
            int p = eventProduct[i];
            eventCategory[i] = p < 0 ? -1 : productCategory(p);
        }
        // sessions: a new one at a user's first event and after every gap of more than 1,800 s
        eventSession = new int[eventCount];
        IntList first = new IntList();
        for (int i = 0; i < eventCount; i++) {
            if (i == 0 || eventUser[i] != eventUser[i - 1] || eventTime[i] - eventTime[i - 1] > 1800) {
                first.add(i);
            }
            eventSession[i] = first.size - 1;
        }
        sessionCount = first.size;
        sessionFirst = first.toArray();
        sessionEnd = new int[sessionCount];
        sessionDay = new int[sessionCount];
        sessionChannel = new int[sessionCount];
        sessionPurchased = new boolean[sessionCount];
        for (int k = 0; k < sessionCount; k++) {
            int a = sessionFirst[k];
            int b = k + 1 < sessionCount ? sessionFirst[k + 1] : eventCount;
            sessionEnd[k] = b;
            sessionDay[k] = eventDay[a];
            sessionChannel[k] = eventChannel[a];
            for (int i = a; i < b; i++) {
                sessionPurchased[k] |= eventType[i] == PURCHASE;
            }
        }
    }

    private static boolean[] toArray(List<Boolean> list) {
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    // ================================================================================== the metrics, one per method

    /** Gross pence, net pence, orders, items per month index (year × 12 + month). */
    Map<Integer, long[]> revenueByMonth(int from, int to) {
        return revenueByPeriod(from, to, InMemoryMetrics::month);
    }

    /** Gross pence, net pence, orders, items per period index ({@link #week}, {@link #month}, ...). */
    Map<Integer, long[]> revenueByPeriod(int from, int to, IntUnaryOperator period) {
        Map<Integer, long[]> out = new HashMap<>();
        for (int l = 0; l < lineCount; l++) {
            int d = lineDay[l];
            if (d >= from && d <= to) {
                long[] a = out.computeIfAbsent(period.applyAsInt(d), k -> new long[4]);
                long gross = lineValid[l] ? linePence[l] : 0;
                a[0] += gross;
                a[1] += gross - (lineReturned[l] ? linePence[l] : 0) - (lineQty[l] < 0 ? -linePence[l] : 0);
                a[3] += lineValid[l] ? lineQty[l] : 0;
            }
        }
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to) {
                out.computeIfAbsent(period.applyAsInt(orderDay[o]), k -> new long[4])[2]++;
            }
        }
        return out;
    }

    static int month(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return d.getYear() * 12 + d.getMonthValue();
    }

    /** ISO week index: epoch day 0 (1970-01-01) is a Thursday. */
    static int week(int epochDay) {
        return Math.floorDiv(epochDay + 3, 7);
    }

    static int quarter(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return d.getYear() * 4 + (d.getMonthValue() - 1) / 3;
    }

    static int day(int epochDay) {
        return epochDay;
    }

    /** Orders, customers, gross pence. */
    long[] sales(int from, int to) {
        long orders = 0;
        long gross = 0;
        boolean[] seen = new boolean[customerCount + 1];
        long customers = 0;
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to) {
                orders++;
                gross += orderGross[o];
                int c = orderCustomer[o];
                if (c >= 0 && !seen[c]) {
                    seen[c] = true;
                    customers++;
                }
            }
        }
        return new long[] {orders, customers, gross};
    }

    /** The top {@code n} products by gross revenue: indexes. */
    int[] bestsellers(int from, int to, int n) {
        return bestsellers(from, to, n, false);
    }

    /** The top {@code n} products by gross revenue or units: indexes. */
    int[] bestsellers(int from, int to, int n, boolean byUnits) {
        long[] gross = new long[productIds.length];
        long[] units = new long[productIds.length];
        long[] orders = new long[productIds.length];
        int[] lastOrder = new int[productIds.length];
        Arrays.fill(lastOrder, -1);
        for (int l = 0; l < lineCount; l++) {
            if (lineValid[l] && lineDay[l] >= from && lineDay[l] <= to) {
                int p = lineProduct[l];
                gross[p] += linePence[l];
                units[p] += lineQty[l];
                if (lastOrder[p] != lineOrder[l]) {
                    lastOrder[p] = lineOrder[l];
                    orders[p]++;
                }
            }
        }
        return byUnits ? topIndexes(units, gross, n) : topIndexes(gross, units, n);
    }

    private static int[] topIndexes(long[] primary, long[] secondary, int n) {
        Integer[] idx = new Integer[primary.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> primary[a] != primary[b] ? Long.compare(primary[b], primary[a])
                : Long.compare(secondary[b], secondary[a]));
        return Arrays.stream(idx).limit(n).mapToInt(Integer::intValue).toArray();
    }

    /** Gross pence per category. */
    long[] categories(int from, int to) {
        long[] out = new long[categories.size() + 1];
        for (int l = 0; l < lineCount; l++) {
            if (lineValid[l] && lineDay[l] >= from && lineDay[l] <= to) {
                int c = lineProduct[l] < productCategory.length ? productCategory[lineProduct[l]] : -1;
                out[c < 0 ? out.length - 1 : c] += linePence[l];
            }
        }
        return out;
    }

    private int productCategory(int p) {
        return p < productCategory.length ? productCategory[p] : -1;
    }

    /** Gross pence, units and orders per category and subcategory. */
    long[][] subcategories(int from, int to) {
        long[][] out = new long[subcategories.size() + 1][3];
        int[] lastOrder = new int[out.length];
        Arrays.fill(lastOrder, -1);
        for (int l = 0; l < lineCount; l++) {
            if (lineValid[l] && lineDay[l] >= from && lineDay[l] <= to) {
                int c = lineProduct[l] < productSubcategory.length ? productSubcategory[lineProduct[l]] : -1;
                int k = c < 0 ? out.length - 1 : c;
                out[k][0] += linePence[l];
                out[k][1] += lineQty[l];
                if (lastOrder[k] != lineOrder[l]) {
                    lastOrder[k] = lineOrder[l];
                    out[k][2]++;
                }
            }
        }
        return out;
    }

    /** Gross pence of new customers', returning customers' and guests' orders. */
    long[] newVsReturning(int from, int to) {
        int[] first = firstOrderDays();
        long[] out = new long[3];
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to) {
                int c = orderCustomer[o];
                out[c < 0 ? 2 : first[c] >= from ? 0 : 1] += orderGross[o];
            }
        }
        return out;
    }

    private int[] firstOrderDays() {
        int[] first = new int[customerCount];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int o = 0; o < orderCount; o++) {
            int c = orderCustomer[o];
            if (c >= 0) {
                first[c] = Math.min(first[c], orderDay[o]);
            }
        }
        return first;
    }

    /** Distinct active users per month. */
    Map<Integer, Long> monthlyActive(int from, int to) {
        return activeByPeriod(from, to, InMemoryMetrics::month);
    }

    /** Distinct active users per period index. */
    Map<Integer, Long> activeByPeriod(int from, int to, IntUnaryOperator period) {
        Map<Integer, Long> out = new HashMap<>();
        int lastUser = -1;
        int lastMonth = -1;
        for (int i = 0; i < eventCount; i++) {
            int d = eventDay[i];
            if (d < from || d > to) {
                continue;
            }
            int m = period.applyAsInt(d);
            // events are sorted by user then time, so each user's periods come in order
            if (eventUser[i] != lastUser || m != lastMonth) {
                out.merge(m, 1L, Long::sum);
                lastUser = eventUser[i];
                lastMonth = m;
            }
        }
        return out;
    }

    /** Rolling active users over {@code w} days, per day from {@code from} to {@code to}. */
    long[] rollingActive(int from, int to, int w) {
        int base = from - w + 1;
        long[] delta = new long[to - base + w + 2];
        int[] days = new int[4096];
        int i = 0;
        while (i < eventCount) {
            int user = eventUser[i];
            int n = 0;
            for (; i < eventCount && eventUser[i] == user; i++) {
                int d = eventDay[i];
                if (d >= base && d <= to && (n == 0 || days[n - 1] != d)) {
                    if (n == days.length) {
                        days = Arrays.copyOf(days, n * 2);
                    }
                    days[n++] = d;
                }
            }
            // each active day opens a run of w days, cut at the user's next active day
            for (int k = 0; k < n; k++) {
                int endExclusive = k + 1 < n ? Math.min(days[k] + w, days[k + 1]) : days[k] + w;
                delta[days[k] - base]++;
                delta[endExclusive - base]--;
            }
        }
        long[] out = new long[to - from + 1];
        long running = 0;
        for (int day = base; day <= to; day++) {
            running += delta[day - base];
            if (day >= from) {
                out[day - from] = running;
            }
        }
        return out;
    }

    /** Mean DAU ÷ mean rolling-30 active users. */
    double stickiness(int from, int to) {
        long[] dau = rollingActive(from, to, 1);
        long[] mau = rollingActive(from, to, 30);
        return (double) Arrays.stream(dau).sum() / Math.max(1, Arrays.stream(mau).sum());
    }

    /** Customers without an order in the {@code days} days up to {@code asOf}. */
    long lapsed(int asOf, int days) {
        int[] last = new int[customerCount];
        Arrays.fill(last, Integer.MIN_VALUE);
        for (int o = 0; o < orderCount; o++) {
            int c = orderCustomer[o];
            if (c >= 0 && orderDay[o] <= asOf) {
                last[c] = Math.max(last[c], orderDay[o]);
            }
        }
        long n = 0;
        for (int c = 0; c < customerCount; c++) {
            if (customerRegistered[c] <= asOf - days && last[c] <= asOf - days) {
                n++;
            }
        }
        return n;
    }

    /** Gross pence per customer up to {@code asOf}, sorted descending. */
    long[] lifetimeValues(int asOf) {
        long[] value = new long[customerCount];
        for (int o = 0; o < orderCount; o++) {
            if (orderCustomer[o] >= 0 && orderDay[o] <= asOf) {
                value[orderCustomer[o]] += orderGross[o];
            }
        }
        long[] sorted = Arrays.stream(value).filter(v -> v > 0).sorted().toArray();
        return sorted;
    }

    /** Per cohort month and month since: [customers active, gross pence]; customers active counted once a month. */
    Map<Integer, Map<Integer, long[]>> cohorts(int from, int to) {
        int[] first = firstOrderDays();
        Map<Integer, Map<Integer, long[]>> out = new HashMap<>();
        Map<Long, Boolean> seen = new HashMap<>();
        for (int o = 0; o < orderCount; o++) {
            int c = orderCustomer[o];
            if (c < 0 || first[c] < from || first[c] > to) {
                continue;
            }
            int cohort = month(first[c]);
            int k = month(orderDay[o]) - cohort;
            long[] cell = out.computeIfAbsent(cohort, x -> new HashMap<>()).computeIfAbsent(k, x -> new long[2]);
            cell[1] += orderGross[o];
            if (seen.putIfAbsent(((long) c << 16) | k, Boolean.TRUE) == null) {
                cell[0]++;
            }
        }
        return out;
    }

    /** R, F and M scores (1..5 by rank, ties sharing) of every customer with an order up to {@code asOf}. */
    int[][] rfm(int asOf) {
        int[] last = new int[customerCount];
        long[] freq = new long[customerCount];
        long[] money = new long[customerCount];
        Arrays.fill(last, Integer.MIN_VALUE);
        for (int o = 0; o < orderCount; o++) {
            int c = orderCustomer[o];
            if (c >= 0 && orderDay[o] <= asOf) {
                last[c] = Math.max(last[c], orderDay[o]);
                freq[c]++;
                money[c] += orderGross[o];
            }
        }
        int[] who = java.util.stream.IntStream.range(0, customerCount).filter(c -> freq[c] > 0).toArray();
        long[] recency = new long[customerCount];
        for (int c : who) {
            recency[c] = -(long) (asOf - last[c]);
        }
        return new int[][] {scores(who, recency), scores(who, freq), scores(who, money)};
    }

    private static int[] scores(int[] who, long[] value) {
        int n = who.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = who[i];
        }
        Arrays.sort(order, (a, b) -> Long.compare(value[a], value[b]));
        int[] out = new int[n];
        int rank = 1;
        for (int i = 0; i < n; i++) {
            if (i > 0 && value[order[i]] != value[order[i - 1]]) {
                rank = i + 1;
            }
            out[i] = 1 + (int) (5L * (rank - 1) / n);
        }
        return out;
    }

    /** Per channel: orders, gross pence, sessions, purchasing sessions. */
    long[][] channels(int from, int to) {
        long[][] out = new long[channels.size() + 1][4];
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to) {
                long[] c = out[orderChannel[o] < 0 ? channels.size() : orderChannel[o]];
                c[0]++;
                c[1] += orderGross[o];
            }
        }
        for (int k = 0; k < sessionCount; k++) {
            if (sessionDay[k] >= from && sessionDay[k] <= to) {
                long[] c = out[sessionChannel[k] < 0 ? channels.size() : sessionChannel[k]];
                c[2]++;
                c[3] += sessionPurchased[k] ? 1 : 0;
            }
        }
        return out;
    }

    /** Sessions and purchasing sessions. */
    long[] conversion(int from, int to) {
        long[] out = new long[2];
        for (int k = 0; k < sessionCount; k++) {
            if (sessionDay[k] >= from && sessionDay[k] <= to) {
                out[0]++;
                out[1] += sessionPurchased[k] ? 1 : 0;
            }
        }
        return out;
    }

    /** Per term: searches, sessions, converting sessions; the top {@code n} term indexes by searches. */
    int[] searchTerms(int from, int to, int n) {
        long[] searches = new long[queries.size()];
        long[] sessions = new long[queries.size()];
        long[] converted = new long[queries.size()];
        Map<Integer, Long> firstSearch = new HashMap<>();
        for (int k = 0; k < sessionCount; k++) {
            firstSearch.clear();
            long lastPurchase = Long.MIN_VALUE;
            for (int i = sessionFirst[k]; i < sessionEnd[k]; i++) {
                if (eventType[i] == PURCHASE) {
                    lastPurchase = Math.max(lastPurchase, eventTime[i]);
                } else if (eventType[i] == SEARCH && eventQuery[i] >= 0 && eventDay[i] >= from && eventDay[i] <= to) {
                    searches[eventQuery[i]]++;
                    firstSearch.putIfAbsent(eventQuery[i], eventTime[i]);
                }
            }
            for (Map.Entry<Integer, Long> e : firstSearch.entrySet()) {
                sessions[e.getKey()]++;
                converted[e.getKey()] += lastPurchase >= e.getValue() ? 1 : 0;
            }
        }
        return topIndexes(searches, sessions, n);
    }

    /** View sessions and purchase-after-view sessions, in (session, product) pairs. */
    long[] viewToPurchase(int from, int to) {
        long[] out = new long[2];
        Map<Integer, Long> firstView = new HashMap<>();
        Map<Integer, Long> lastPurchase = new HashMap<>();
        for (int k = 0; k < sessionCount; k++) {
            firstView.clear();
            lastPurchase.clear();
            for (int i = sessionFirst[k]; i < sessionEnd[k]; i++) {
                int p = eventProduct[i];
                if (p < 0) {
                    continue;
                }
                if (eventType[i] == PRODUCT_VIEW && eventDay[i] >= from && eventDay[i] <= to) {
                    firstView.putIfAbsent(p, eventTime[i]);
                } else if (eventType[i] == PURCHASE) {
                    lastPurchase.merge(p, eventTime[i], Math::max);
                }
            }
            for (Map.Entry<Integer, Long> e : firstView.entrySet()) {
                out[0]++;
                Long bought = lastPurchase.get(e.getKey());
                out[1] += bought != null && bought >= e.getValue() ? 1 : 0;
            }
        }
        return out;
    }

    /**
     * Users reaching each step of view → cart → checkout → purchase, loose, within {@code window} seconds, chains
     * starting in the range: per user, the next occurrence of each step type after each event (a backward pass),
     * then a greedy walk from every start.
     */
    long[] funnel(int from, int to, long window) {
        return funnel(from, to, window, null, 0)[0];
    }

    /** The funnel per start event's channel: row 0 overall, then one row per channel code (last: none). */
    long[][] funnelByChannel(int from, int to, long window) {
        return funnel(from, to, window, eventChannel, channels.size() + 1);
    }

    /** The funnel per start event's product category: row 0 overall, then one row per category (last: none). */
    long[][] funnelByCategory(int from, int to, long window) {
        return funnel(from, to, window, eventCategory, categories.size() + 1);
    }

    /**
     * Users reaching each step, overall (row 0) and, with a dimension, per group of the chain's start event (row
     * 1 + group, the last row for none): a user counts in a group with their best chain starting there.
     */
    private long[][] funnel(int from, int to, long window, int[] dimension, int groups) {
        byte[] steps = {PRODUCT_VIEW, ADD_TO_CART, CHECKOUT, PURCHASE};
        long[][] all = new long[1 + groups][steps.length];
        long[] counts = all[0];
        int[] bestIn = new int[groups];
        int[] touched = new int[groups];
        int[][] next = new int[steps.length][];
        int start = 0;
        while (start < eventCount) {
            int end = start;
            while (end < eventCount && eventUser[end] == eventUser[start]) {
                end++;
            }
            int len = end - start;
            for (int s = 1; s < steps.length; s++) {
                if (next[s] == null || next[s].length < len) {
                    next[s] = new int[Math.max(len, 1024)];
                }
                // next[s][i]: the first index after i, at a strictly later time, of type steps[s] (or -1)
                int candidate = -1;
                int i = len - 1;
                while (i >= 0) {
                    int g0 = i;
                    while (g0 > 0 && eventTime[start + g0 - 1] == eventTime[start + i]) {
                        g0--;
                    }
                    for (int k = g0; k <= i; k++) {
                        next[s][k] = candidate;
                    }
                    for (int k = i; k >= g0; k--) {
                        if (eventType[start + k] == steps[s]) {
                            candidate = k;
                        }
                    }
                    i = g0 - 1;
                }
            }
            int best = 0;
            int nTouched = 0;
            for (int i = 0; i < len && (best < steps.length || dimension != null); i++) {
                int e = start + i;
                if (eventType[e] != steps[0] || eventDay[e] < from || eventDay[e] > to) {
                    continue;
                }
                int level = 1;
                int at = i;
                for (int s = 1; s < steps.length; s++) {
                    int j = next[s][at];
                    if (j < 0 || eventTime[start + j] - eventTime[e] > window) {
                        break;
                    }
                    level++;
                    at = j;
                }
                best = Math.max(best, level);
                if (dimension != null) {
                    int g = dimension[e] < 0 ? groups - 1 : dimension[e];
                    if (bestIn[g] == 0) {
                        touched[nTouched++] = g;
                    }
                    bestIn[g] = Math.max(bestIn[g], level);
                }
            }
            for (int s = 0; s < best; s++) {
                counts[s]++;
            }
            for (int t = 0; t < nTouched; t++) {
                int g = touched[t];
                for (int s = 0; s < bestIn[g]; s++) {
                    all[1 + g][s]++;
                }
                bestIn[g] = 0;
            }
            start = end;
        }
        return all;
    }

    /**
     * Users reaching each step of view → cart → checkout → purchase, strict order, within {@code window} seconds:
     * from every start in the range, a forward scan in which events of other funnel step types than the next one
     * (or a repeat of the current one) end the chain; events of other types are ignored.
     */
    long[] strictFunnel(int from, int to, long window) {
        byte[] steps = {PRODUCT_VIEW, ADD_TO_CART, CHECKOUT, PURCHASE};
        boolean[] isStep = new boolean[TYPES.length];
        for (byte t : steps) {
            isStep[t] = true;
        }
        long[] counts = new long[steps.length];
        int start = 0;
        while (start < eventCount) {
            int end = start;
            while (end < eventCount && eventUser[end] == eventUser[start]) {
                end++;
            }
            int best = 0;
            for (int e = start; e < end && best < steps.length; e++) {
                if (eventType[e] != steps[0] || eventDay[e] < from || eventDay[e] > to) {
                    continue;
                }
                int level = 1;
                int at = e;
                for (int j = e + 1; j < end && level < steps.length && eventTime[j] - eventTime[e] <= window; j++) {
                    byte t = eventType[j];
                    if (!isStep[t] || eventTime[j] == eventTime[at]) {
                        continue;
                    }
                    if (t == steps[level]) {
                        level++;
                        at = j;
                    } else if (t != steps[level - 1]) {
                        break;
                    }
                }
                best = Math.max(best, level);
            }
            for (int s = 0; s < best; s++) {
                counts[s]++;
            }
            start = end;
        }
        return counts;
    }

    /** Sessions, bounces, median duration in seconds. */
    double[] sessions(int from, int to) {
        long[] durations = new long[sessionCount];
        int n = 0;
        long bounces = 0;
        for (int k = 0; k < sessionCount; k++) {
            if (sessionDay[k] >= from && sessionDay[k] <= to) {
                durations[n++] = eventTime[sessionEnd[k] - 1] - eventTime[sessionFirst[k]];
                bounces += sessionEnd[k] - sessionFirst[k] == 1 ? 1 : 0;
            }
        }
        Arrays.sort(durations, 0, n);
        return new double[] {n, bounces, n == 0 ? 0 : percentile(durations, n, 0.5)};
    }

    private static double percentile(long[] sorted, int n, double f) {
        double pos = f * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Products under {@code stockBelow} or under {@code coverBelow} days of cover at the last {@code days} days' sales. */
    long lowStock(int asOf, int stockBelow, int days, int coverBelow) {
        long[] units = new long[productIds.length];
        for (int l = 0; l < lineCount; l++) {
            if (lineValid[l] && lineDay[l] > asOf - days && lineDay[l] <= asOf) {
                units[lineProduct[l]] += lineQty[l];
            }
        }
        long n = 0;
        for (int p = 0; p < productStock.length; p++) {
            if (productStock[p] < stockBelow || (units[p] > 0 && (long) productStock[p] * days < coverBelow * units[p])) {
                n++;
            }
        }
        return n;
    }

    /** Median and p90 days from order to delivery. */
    double[] fulfilment(int from, int to) {
        long[] days = new long[orderCount];
        int n = 0;
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to && deliveredDay[o] != Integer.MIN_VALUE) {
                days[n++] = deliveredDay[o] - orderDay[o];
            }
        }
        Arrays.sort(days, 0, n);
        return n == 0 ? new double[2] : new double[] {percentile(days, n, 0.5), percentile(days, n, 0.9)};
    }

    /** Per shipping city: orders and gross pence; residents per home city. */
    long[][] geography(int from, int to) {
        return geography(from, to, orderCity, customerCity, cities.size());
    }

    /** Per shipping country: orders and gross pence; residents per home country. */
    long[][] geographyByCountry(int from, int to) {
        return geography(from, to, orderCountry, customerCountry, countries.size());
    }

    private long[][] geography(int from, int to, int[] orderPlace, int[] customerPlace, int places) {
        long[][] out = new long[places + 1][3];
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to) {
                long[] c = out[orderPlace[o] < 0 ? places : orderPlace[o]];
                c[0]++;
                c[1] += orderGross[o];
            }
        }
        for (int c = 0; c < customerCount; c++) {
            if (customerRegistered[c] <= to) {
                out[customerPlace[c] < 0 ? places : customerPlace[c]][2]++;
            }
        }
        return out;
    }

    /** Orders per day of week × hour of day in the reporting zone. */
    long[][] peakTimes(int from, int to) {
        long[][] out = new long[7][24];
        for (int o = 0; o < orderCount; o++) {
            if (orderDay[o] >= from && orderDay[o] <= to && orderedAt[o] != Long.MIN_VALUE) {
                Instant at = Instant.ofEpochSecond(orderedAt[o]);
                int hour = (int) Math.floorMod(orderedAt[o] + zone.getOffset(at).getTotalSeconds(), 86_400) / 3600;
                int dow = (int) Math.floorMod(orderDay[o] + 3, 7);
                out[dow][hour]++;
            }
        }
        return out;
    }

    // ================================================================================== growable primitive lists

    static final class IntList {
        int[] a = new int[1024];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int v) {
            a[i] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    static final class LongList {
        long[] a = new long[1024];
        int size;

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        long get(int i) {
            return a[i];
        }

        void set(int i, long v) {
            a[i] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
