package dev.bookstore.metrics;

import dev.bookstore.model.EventType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every metric computed again in plain Java from the raw files' rows, by the written definitions: no SQL, no marts.
 * The metrics must equal these exactly (money to the penny, counts), except where a percentile or a ranking tie is
 * involved, which the tests compare as documented there.
 */
final class Oracle {
    static final String UNKNOWN = Metrics.UNKNOWN;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final TestData.Raw raw;
    private final ZoneId zone;
    private final Map<String, TestData.Product> products = new HashMap<>();
    /** Orders: distinct order ids with a valid sale line, in file order. */
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<TestData.Line> moneyLines;
    private final List<Session> sessions;
    private final List<TestData.Event> events;

    /** An order as fct_orders holds it: attributes of its first valid line, totals of its lines. */
    record Order(String id, Optional<String> customerId, LocalDate date, Optional<Instant> orderedAt,
                 Optional<String> channel, Optional<String> shipCity, Optional<String> shipState,
                 Optional<String> shipCountry, Optional<LocalDate> shipped, Optional<LocalDate> delivered,
                 BigDecimal gross, BigDecimal net) {
    }

    /** A session by the 30-minute rule. */
    record Session(String key, String userId, List<TestData.Event> events) {
        LocalDate day() {
            return events.get(0).day();
        }

        Instant start() {
            return events.get(0).time();
        }

        Instant end() {
            return events.get(events.size() - 1).time();
        }

        boolean purchased() {
            return events.stream().anyMatch(e -> e.type().equals("purchase"));
        }
    }

    Oracle(TestData.Raw raw, ZoneId zone) {
        this.raw = raw;
        this.zone = zone;
        raw.products().forEach(p -> products.put(p.id(), p));
        moneyLines = raw.lines().stream().filter(l -> l.unitPrice().signum() > 0 && l.quantity() != 0).toList();
        Map<String, List<TestData.Line>> byOrder = new LinkedHashMap<>();
        for (TestData.Line l : moneyLines) {
            byOrder.computeIfAbsent(l.orderId(), k -> new ArrayList<>()).add(l);
        }
        byOrder.forEach((id, lines) -> {
            Optional<TestData.Line> first = lines.stream().filter(TestData.Line::validSale).findFirst();
            if (first.isPresent()) {
                TestData.Line f = first.get();
                orders.put(id, new Order(id, f.customerId(), f.orderDate(), f.orderedAt(), f.channel(), f.shipCity(),
                        f.shipState(), f.shipCountry(), f.shipped(), f.delivered(),
                        sum(lines, Oracle::gross), sum(lines, Oracle::net)));
            }
        });
        events = List.copyOf(new LinkedHashSet<>(raw.events()));
        sessions = sessionize(events);
    }

    // ------------------------------------------------------------------ definitions of a line's money

    static BigDecimal gross(TestData.Line l) {
        return l.validSale() ? l.amount() : BigDecimal.ZERO;
    }

    static BigDecimal returned(TestData.Line l) {
        return l.validSale() && l.status().equals("returned") ? l.amount() : BigDecimal.ZERO;
    }

    static BigDecimal cancelled(TestData.Line l) {
        return l.quantity() < 0 && l.unitPrice().signum() > 0 ? l.amount().negate() : BigDecimal.ZERO;
    }

    static BigDecimal net(TestData.Line l) {
        return gross(l).subtract(returned(l)).subtract(cancelled(l));
    }

    static <T> BigDecimal sum(Collection<T> items, Function<T, BigDecimal> f) {
        return items.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    private List<TestData.Line> lines(DateRange r) {
        return moneyLines.stream().filter(l -> r.contains(l.orderDate())).toList();
    }

    private List<Order> orders(DateRange r) {
        return orders.values().stream().filter(o -> r.contains(o.date())).toList();
    }

    private String category(String productId) {
        TestData.Product p = products.get(productId);
        return p == null ? UNKNOWN : p.category();
    }

    // ------------------------------------------------------------------ sales

    List<RevenuePoint> revenue(DateRange r, Granularity g) {
        LocalDate first = raw.lines().stream().map(TestData.Line::orderDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = raw.lines().stream().map(TestData.Line::orderDate).max(Comparator.naturalOrder()).orElseThrow();
        TreeMap<LocalDate, List<TestData.Line>> linesByPeriod = new TreeMap<>();
        TreeMap<LocalDate, Long> ordersByPeriod = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (r.contains(d)) {
                linesByPeriod.putIfAbsent(g.periodStart(d), new ArrayList<>());
                ordersByPeriod.putIfAbsent(g.periodStart(d), 0L);
            }
        }
        for (TestData.Line l : lines(r)) {
            linesByPeriod.get(g.periodStart(l.orderDate())).add(l);
        }
        for (Order o : orders(r)) {
            ordersByPeriod.merge(g.periodStart(o.date()), 1L, Long::sum);
        }
        List<RevenuePoint> out = new ArrayList<>();
        linesByPeriod.forEach((p, ls) -> out.add(new RevenuePoint(p, ordersByPeriod.get(p), items(ls),
                sum(ls, Oracle::gross), sum(ls, Oracle::net))));
        return out;
    }

    private static long items(List<TestData.Line> ls) {
        return ls.stream().filter(TestData.Line::validSale).mapToLong(TestData.Line::quantity).sum();
    }

    SalesSummary sales(DateRange r) {
        List<TestData.Line> ls = lines(r);
        List<Order> os = orders(r);
        return new SalesSummary(r, os.size(), os.stream().flatMap(o -> o.customerId().stream()).distinct().count(),
                items(ls), sum(ls, Oracle::gross), sum(ls, Oracle::returned), sum(ls, Oracle::cancelled),
                sum(ls, Oracle::net));
    }

    /** Every product sold, sorted as the ranking asks (ties by product id in Java's order). */
    List<ProductSales> bestsellers(DateRange r, BestsellerRanking ranking) {
        Map<String, List<TestData.Line>> byProduct = new TreeMap<>();
        lines(r).stream().filter(TestData.Line::validSale)
                .forEach(l -> byProduct.computeIfAbsent(l.productId(), k -> new ArrayList<>()).add(l));
        List<ProductSales> all = new ArrayList<>();
        byProduct.forEach((id, ls) -> {
            TestData.Product p = products.get(id);
            all.add(new ProductSales(0, id, p == null ? UNKNOWN : p.title(), category(id),
                    p == null ? UNKNOWN : p.subcategory(), items(ls),
                    ls.stream().map(TestData.Line::orderId).distinct().count(), sum(ls, Oracle::gross)));
        });
        Comparator<ProductSales> byRevenue = Comparator.comparing(ProductSales::grossRevenue).reversed();
        Comparator<ProductSales> byUnits = Comparator.comparingLong(ProductSales::units).reversed();
        all.sort((ranking == BestsellerRanking.REVENUE ? byRevenue.thenComparing(byUnits) : byUnits.thenComparing(
                byRevenue)).thenComparing(ProductSales::productId));
        List<ProductSales> ranked = new ArrayList<>();
        for (ProductSales p : all) {
            ranked.add(new ProductSales(ranked.size() + 1, p.productId(), p.title(), p.category(),
                    p.subcategory(), p.units(), p.orders(), p.grossRevenue()));
        }
        return ranked;
    }

    List<CategorySales> categories(DateRange r, boolean sub) {
        Map<List<String>, List<TestData.Line>> groups = new HashMap<>();
        for (TestData.Line l : lines(r)) {
            TestData.Product p = products.get(l.productId());
            String cat = p == null ? UNKNOWN : p.category();
            String subcat = !sub ? Metrics.ALL : p == null ? UNKNOWN : p.subcategory();
            groups.computeIfAbsent(List.of(cat, subcat), k -> new ArrayList<>()).add(l);
        }
        BigDecimal total = groups.values().stream().map(ls -> sum(ls, Oracle::gross))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<CategorySales> out = new ArrayList<>();
        groups.forEach((k, ls) -> {
            BigDecimal gross = sum(ls, Oracle::gross);
            out.add(new CategorySales(k.get(0), k.get(1), ls.stream().filter(TestData.Line::validSale)
                    .map(TestData.Line::orderId).distinct().count(), items(ls), gross, sum(ls, Oracle::net),
                    total.signum() == 0 ? 0.0 : gross.doubleValue() / total.doubleValue()));
        });
        out.sort(Comparator.comparing(CategorySales::grossRevenue).reversed().thenComparing(CategorySales::category)
                .thenComparing(CategorySales::subcategory));
        return out;
    }

    private Map<String, LocalDate> firstOrderDates() {
        Map<String, LocalDate> first = new HashMap<>();
        for (Order o : orders.values()) {
            o.customerId().ifPresent(c -> first.merge(c, o.date(), (a, b) -> a.isBefore(b) ? a : b));
        }
        return first;
    }

    NewVsReturning newVsReturning(DateRange r) {
        Map<String, LocalDate> first = firstOrderDates();
        Map<String, List<Order>> seg = new HashMap<>();
        for (Order o : orders(r)) {
            String s = o.customerId().isEmpty() ? "guest" : r.contains(first.get(o.customerId().get())) ? "new"
                    : "returning";
            seg.computeIfAbsent(s, k -> new ArrayList<>()).add(o);
        }
        Function<String, SegmentSales> f = s -> {
            List<Order> os = seg.getOrDefault(s, List.of());
            return new SegmentSales(os.stream().flatMap(o -> o.customerId().stream()).distinct().count(), os.size(),
                    sum(os, Order::gross), sum(os, Order::net));
        };
        return new NewVsReturning(f.apply("new"), f.apply("returning"), f.apply("guest"));
    }

    // ------------------------------------------------------------------ customers

    List<ActiveCustomers> activeCustomers(DateRange r, Granularity g) {
        TreeMap<LocalDate, Set<String>> users = new TreeMap<>();
        for (TestData.Event e : events) {
            if (r.contains(e.day())) {
                users.computeIfAbsent(g.periodStart(e.day()), k -> new HashSet<>()).add(e.userId());
            }
        }
        List<ActiveCustomers> out = new ArrayList<>();
        users.forEach((p, u) -> {
            LocalDate end = switch (g) {
                case DAY -> p;
                case WEEK -> p.plusDays(6);
                case MONTH -> p.plusMonths(1).minusDays(1);
                case QUARTER -> p.plusMonths(3).minusDays(1);
            };
            LocalDate a = p.isBefore(r.from()) ? r.from() : p;
            LocalDate b = end.isAfter(r.to()) ? r.to() : end;
            out.add(new ActiveCustomers(p, (int) ChronoUnit.DAYS.between(a, b) + 1, u.size()));
        });
        return out;
    }

    private List<LocalDate> eventDays(DateRange r) {
        LocalDate first = events.stream().map(TestData.Event::day).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = events.stream().map(TestData.Event::day).max(Comparator.naturalOrder()).orElseThrow();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (r.contains(d)) {
                days.add(d);
            }
        }
        return days;
    }

    List<ActiveCustomers> rollingActive(DateRange r, int w) {
        Map<LocalDate, Set<String>> byDay = new HashMap<>();
        events.forEach(e -> byDay.computeIfAbsent(e.day(), k -> new HashSet<>()).add(e.userId()));
        List<ActiveCustomers> out = new ArrayList<>();
        for (LocalDate d : eventDays(r)) {
            Set<String> u = new HashSet<>();
            for (int i = 0; i < w; i++) {
                u.addAll(byDay.getOrDefault(d.minusDays(i), Set.of()));
            }
            out.add(new ActiveCustomers(d, w, u.size()));
        }
        return out;
    }

    Stickiness stickiness(DateRange r) {
        Map<LocalDate, Set<String>> byDay = new HashMap<>();
        events.forEach(e -> byDay.computeIfAbsent(e.day(), k -> new HashSet<>()).add(e.userId()));
        List<LocalDate> days = eventDays(r);
        List<ActiveCustomers> monthly = rollingActive(r, 30);
        double dau = days.isEmpty() ? 0
                : days.stream().mapToLong(d -> byDay.getOrDefault(d, Set.of()).size()).sum() / (double) days.size();
        double mau = monthly.isEmpty() ? 0
                : monthly.stream().mapToLong(ActiveCustomers::customers).sum() / (double) monthly.size();
        return new Stickiness(r, days.size(), dau, mau, mau == 0 ? 0.0 : dau / mau);
    }

    List<LapsedCustomer> lapsed(LocalDate asOf, int days) {
        LocalDate cutoff = asOf.minusDays(days);
        Map<String, List<Order>> byCustomer = new HashMap<>();
        orders.values().stream().filter(o -> o.customerId().isPresent() && !o.date().isAfter(asOf))
                .forEach(o -> byCustomer.computeIfAbsent(o.customerId().get(), k -> new ArrayList<>()).add(o));
        List<LapsedCustomer> out = new ArrayList<>();
        for (TestData.Customer c : raw.customers()) {
            if (c.registered().isAfter(cutoff)) {
                continue;
            }
            List<Order> os = byCustomer.getOrDefault(c.id(), List.of());
            Optional<LocalDate> last = os.stream().map(Order::date).max(Comparator.naturalOrder());
            if (last.isEmpty() || !last.get().isAfter(cutoff)) {
                out.add(new LapsedCustomer(c.id(), c.registered(), last, os.size()));
            }
        }
        out.sort(Comparator.comparing((LapsedCustomer c) -> c.lastOrderDate().orElse(LocalDate.MIN))
                .thenComparing(LapsedCustomer::customerId));
        return out;
    }

    List<CustomerValue> lifetimeValues(LocalDate asOf) {
        Map<String, List<Order>> byCustomer = new HashMap<>();
        orders.values().stream().filter(o -> o.customerId().isPresent() && !o.date().isAfter(asOf))
                .forEach(o -> byCustomer.computeIfAbsent(o.customerId().get(), k -> new ArrayList<>()).add(o));
        List<CustomerValue> out = new ArrayList<>();
        byCustomer.forEach((c, os) -> out.add(new CustomerValue(c,
                os.stream().map(Order::date).min(Comparator.naturalOrder()).orElseThrow(),
                os.stream().map(Order::date).max(Comparator.naturalOrder()).orElseThrow(), os.size(),
                sum(os, Order::gross), sum(os, Order::net))));
        out.sort(Comparator.comparing(CustomerValue::grossRevenue).reversed().thenComparing(CustomerValue::customerId));
        return out;
    }

    private static int monthIndex(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue();
    }

    /** Per cohort month: per month since, [customers ordering, gross revenue]; filled up to the range's (or the data's) last month. */
    private TreeMap<YearMonth, List<Object[]>> cohorts(DateRange r) {
        Map<String, LocalDate> first = firstOrderDates();
        int lastMonth = orders.values().stream().mapToInt(o -> monthIndex(o.date())).max().orElse(0);
        TreeMap<YearMonth, Map<Integer, Set<String>>> who = new TreeMap<>();
        TreeMap<YearMonth, Map<Integer, BigDecimal>> money = new TreeMap<>();
        for (Order o : orders.values()) {
            if (o.customerId().isEmpty()) {
                continue;
            }
            LocalDate f = first.get(o.customerId().get());
            if (!r.contains(f) || o.date().isAfter(r.to())) {
                continue;
            }
            YearMonth cohort = YearMonth.from(f);
            int k = monthIndex(o.date()) - monthIndex(f);
            who.computeIfAbsent(cohort, x -> new HashMap<>()).computeIfAbsent(k, x -> new HashSet<>())
                    .add(o.customerId().get());
            money.computeIfAbsent(cohort, x -> new HashMap<>()).merge(k, o.gross(), BigDecimal::add);
        }
        TreeMap<YearMonth, List<Object[]>> out = new TreeMap<>();
        who.forEach((cohort, cells) -> {
            int horizon = Math.min(lastMonth, monthIndex(r.to())) - (cohort.getYear() * 12 + cohort.getMonthValue());
            List<Object[]> list = new ArrayList<>();
            for (int k = 0; k <= horizon; k++) {
                list.add(new Object[] {(long) cells.getOrDefault(k, Set.of()).size(),
                        money.get(cohort).getOrDefault(k, BigDecimal.ZERO).setScale(2)});
            }
            out.put(cohort, list);
        });
        return out;
    }

    List<CohortValue> cohortValue(DateRange r) {
        List<CohortValue> out = new ArrayList<>();
        cohorts(r).forEach((cohort, cells) -> {
            long size = (Long) cells.get(0)[0];
            BigDecimal cumulative = ZERO;
            List<CohortValue.Point> points = new ArrayList<>();
            for (int k = 0; k < cells.size(); k++) {
                cumulative = cumulative.add((BigDecimal) cells.get(k)[1]);
                points.add(new CohortValue.Point(k, cumulative,
                        cumulative.divide(BigDecimal.valueOf(size), 2, RoundingMode.HALF_EVEN)));
            }
            out.add(new CohortValue(cohort, size, points));
        });
        return out;
    }

    List<RetentionCohort> retention(DateRange r) {
        List<RetentionCohort> out = new ArrayList<>();
        cohorts(r).forEach((cohort, cells) -> {
            long size = (Long) cells.get(0)[0];
            List<RetentionCohort.Point> points = new ArrayList<>();
            for (int k = 0; k < cells.size(); k++) {
                long active = (Long) cells.get(k)[0];
                points.add(new RetentionCohort.Point(k, active, (double) active / size));
            }
            out.add(new RetentionCohort(cohort, size, points));
        });
        return out;
    }

    List<RfmScore> rfm(LocalDate asOf) {
        List<CustomerValue> values = lifetimeValues(asOf);
        int n = values.size();
        Map<String, Long> recency = new HashMap<>();
        values.forEach(v -> recency.put(v.customerId(), ChronoUnit.DAYS.between(v.lastOrderDate(), asOf)));
        // rank 1 = worst; ties share the lowest rank (RANK())
        Map<String, Integer> rRank = rank(values, Comparator.comparingLong((CustomerValue v) ->
                recency.get(v.customerId())).reversed());
        Map<String, Integer> fRank = rank(values, Comparator.comparingLong(CustomerValue::orders));
        Map<String, Integer> mRank = rank(values, Comparator.comparing(CustomerValue::grossRevenue));
        List<RfmScore> out = new ArrayList<>();
        for (CustomerValue v : values) {
            String c = v.customerId();
            out.add(new RfmScore(c, recency.get(c), v.orders(), v.grossRevenue(), score(rRank.get(c), n),
                    score(fRank.get(c), n), score(mRank.get(c), n)));
        }
        out.sort(Comparator.comparing(RfmScore::customerId));
        return out;
    }

    private static int score(int rank, int n) {
        return 1 + (int) ((5L * (rank - 1)) / n);
    }

    private static Map<String, Integer> rank(List<CustomerValue> values, Comparator<CustomerValue> order) {
        List<CustomerValue> sorted = new ArrayList<>(values);
        sorted.sort(order);
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            int rank = i > 0 && order.compare(sorted.get(i - 1), sorted.get(i)) == 0
                    ? out.get(sorted.get(i - 1).customerId()) : i + 1;
            out.put(sorted.get(i).customerId(), rank);
        }
        return out;
    }

    // ------------------------------------------------------------------ marketing and sessions

    private static List<Session> sessionize(List<TestData.Event> events) {
        Map<String, List<TestData.Event>> byUser = new TreeMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
        List<Session> out = new ArrayList<>();
        byUser.forEach((user, es) -> {
            es.sort(Comparator.comparing(TestData.Event::time));
            List<TestData.Event> current = new ArrayList<>();
            int n = 0;
            for (TestData.Event e : es) {
                if (!current.isEmpty() && Duration.between(current.get(current.size() - 1).time(), e.time())
                        .getSeconds() > 1800) {
                    out.add(new Session(user + "#" + (++n), user, List.copyOf(current)));
                    current.clear();
                }
                current.add(e);
            }
            out.add(new Session(user + "#" + (++n), user, List.copyOf(current)));
        });
        return out;
    }

    List<Session> sessions() {
        return sessions;
    }

    List<ChannelPerformance> channels(DateRange r) {
        Map<String, List<Order>> os = new HashMap<>();
        orders(r).forEach(o -> os.computeIfAbsent(o.channel().orElse(UNKNOWN), k -> new ArrayList<>()).add(o));
        Map<String, long[]> ss = new HashMap<>();
        sessions.stream().filter(s -> r.contains(s.day())).forEach(s -> {
            long[] c = ss.computeIfAbsent(s.events().get(0).channel().orElse(UNKNOWN), k -> new long[2]);
            c[0]++;
            c[1] += s.purchased() ? 1 : 0;
        });
        Set<String> channels = new HashSet<>(os.keySet());
        channels.addAll(ss.keySet());
        List<ChannelPerformance> out = new ArrayList<>();
        for (String ch : channels) {
            List<Order> list = os.getOrDefault(ch, List.of());
            long[] c = ss.getOrDefault(ch, new long[2]);
            out.add(new ChannelPerformance(ch, list.size(), sum(list, Order::gross), sum(list, Order::net), c[0],
                    c[1]));
        }
        out.sort(Comparator.comparing(ChannelPerformance::grossRevenue).reversed()
                .thenComparing(ChannelPerformance::channel));
        return out;
    }

    Conversion conversion(DateRange r) {
        List<Session> in = sessions.stream().filter(s -> r.contains(s.day())).toList();
        return new Conversion(in.size(), in.stream().filter(Session::purchased).count());
    }

    /** Every term searched in the range, most searched first, ties by term. */
    List<SearchTerm> searchTerms(DateRange r) {
        Map<String, long[]> terms = new HashMap<>();
        for (Session s : sessions) {
            Optional<Instant> lastPurchase = s.events().stream().filter(e -> e.type().equals("purchase"))
                    .map(TestData.Event::time).max(Comparator.naturalOrder());
            Map<String, List<TestData.Event>> byTerm = new HashMap<>();
            s.events().stream().filter(e -> e.type().equals("search") && r.contains(e.day()) && e.query().isPresent())
                    .forEach(e -> byTerm.computeIfAbsent(e.query().get().strip().toLowerCase(java.util.Locale.ROOT),
                            k -> new ArrayList<>()).add(e));
            byTerm.forEach((term, es) -> {
                if (term.isEmpty()) {
                    return;
                }
                Instant first = es.stream().map(TestData.Event::time).min(Comparator.naturalOrder()).orElseThrow();
                long[] c = terms.computeIfAbsent(term, k -> new long[3]);
                c[0] += es.size();
                c[1]++;
                c[2] += lastPurchase.isPresent() && !lastPurchase.get().isBefore(first) ? 1 : 0;
            });
        }
        List<SearchTerm> out = new ArrayList<>();
        terms.forEach((t, c) -> out.add(new SearchTerm(t, c[0], c[1], c[2])));
        out.sort(Comparator.comparingLong(SearchTerm::searches).reversed().thenComparing(SearchTerm::term));
        return out;
    }

    ViewToPurchase viewToPurchase(DateRange r, int top) {
        Map<String, long[]> perProduct = new HashMap<>();
        for (Session s : sessions) {
            Map<String, Instant> firstView = new HashMap<>();
            Map<String, Instant> lastPurchase = new HashMap<>();
            for (TestData.Event e : s.events()) {
                if (e.productId().isEmpty()) {
                    continue;
                }
                String p = e.productId().get();
                if (e.type().equals("product_view") && r.contains(e.day())) {
                    firstView.merge(p, e.time(), (a, b) -> a.isBefore(b) ? a : b);
                } else if (e.type().equals("purchase")) {
                    lastPurchase.merge(p, e.time(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            firstView.forEach((p, t) -> {
                long[] c = perProduct.computeIfAbsent(p, k -> new long[2]);
                c[0]++;
                c[1] += lastPurchase.containsKey(p) && !lastPurchase.get(p).isBefore(t) ? 1 : 0;
            });
        }
        List<ViewToPurchase.ProductConversion> all = new ArrayList<>();
        perProduct.forEach((p, c) -> all.add(new ViewToPurchase.ProductConversion(p,
                products.containsKey(p) ? products.get(p).title() : UNKNOWN, c[0], c[1])));
        all.sort(Comparator.comparingLong(ViewToPurchase.ProductConversion::viewSessions).reversed()
                .thenComparing(ViewToPurchase.ProductConversion::productId));
        return new ViewToPurchase(all.stream().mapToLong(ViewToPurchase.ProductConversion::viewSessions).sum(),
                all.stream().mapToLong(ViewToPurchase.ProductConversion::purchaseSessions).sum(),
                all.subList(0, Math.min(top, all.size())));
    }

    SessionStats sessionStats(DateRange r) {
        List<Session> in = sessions.stream().filter(s -> r.contains(s.day())).toList();
        List<Double> durations = in.stream().map(s -> (double) Duration.between(s.start(), s.end()).getSeconds())
                .toList();
        long total = in.stream().mapToLong(s -> Duration.between(s.start(), s.end()).getSeconds()).sum();
        return new SessionStats(in.size(), in.stream().filter(s -> s.events().size() == 1).count(),
                in.stream().mapToLong(s -> s.events().size()).sum(),
                in.stream().flatMap(s -> s.events().stream())
                        .filter(e -> e.type().equals("page_view") || e.type().equals("product_view")).count(),
                Duration.ofSeconds(total), seconds(percentile(durations, 0.5)), seconds(percentile(durations, 0.9)));
    }

    /** PERCENTILE_CONT: linear interpolation at position f × (n − 1) of the sorted values. */
    static Optional<Double> percentile(List<Double> values, double f) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        double pos = f * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return Optional.of(sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo));
    }

    static Optional<Duration> seconds(Optional<Double> s) {
        return s.map(v -> Duration.ofMillis(Math.round(v * 1000)));
    }

    // ------------------------------------------------------------------ funnels

    /** The funnel by its written semantics (see {@link Funnel}), step by step over each entity's events. */
    FunnelResult funnel(Funnel f, DateRange r) {
        int n = f.steps().size();
        List<String> types = f.steps().stream().map(EventType::code).toList();
        Map<String, List<TestData.Event>> byEntity = new HashMap<>();
        if (f.scope() == FunnelScope.USER) {
            events.stream().filter(e -> types.contains(e.type()))
                    .forEach(e -> byEntity.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
        } else {
            for (Session s : sessions) {
                List<TestData.Event> es = s.events().stream().filter(e -> types.contains(e.type())).toList();
                if (!es.isEmpty()) {
                    byEntity.put(s.key(), new ArrayList<>(es));
                }
            }
        }
        long window = f.window().getSeconds();
        // per group ("" = overall): per entity: best level and shortest seconds to each step
        Map<String, Map<String, int[]>> levels = new TreeMap<>();
        Map<String, Map<String, long[]>> times = new TreeMap<>();
        byEntity.forEach((entity, es) -> {
            es.sort(Comparator.comparing(TestData.Event::time));
            for (TestData.Event start : es) {
                if (!start.type().equals(types.get(0)) || !r.contains(start.day())) {
                    continue;
                }
                Instant t1 = start.time();
                Instant prev = t1;
                long[] reached = new long[n];
                int level = 1;
                for (int k = 2; k <= n; k++) {
                    Instant pv = prev;
                    Set<String> stop = interrupting(f, types, k);
                    String want = types.get(k - 1);
                    Optional<Instant> next = es.stream().filter(e -> e.type().equals(want))
                            .map(TestData.Event::time).filter(t -> t.isAfter(pv)).findFirst();
                    if (next.isEmpty() || Duration.between(t1, next.get()).getSeconds() > window) {
                        break;
                    }
                    Instant nk = next.get();
                    boolean interrupted = es.stream().anyMatch(e -> stop.contains(e.type()) && e.time().isAfter(pv)
                            && e.time().isBefore(nk));
                    if (interrupted) {
                        break;
                    }
                    reached[k - 1] = Duration.between(t1, nk).getSeconds();
                    prev = nk;
                    level = k;
                }
                List<String> groups = new ArrayList<>();
                groups.add("");
                f.breakdown().ifPresent(b -> groups.add("=" + dimension(b, start)));
                for (String g : groups) {
                    int[] best = levels.computeIfAbsent(g, x -> new HashMap<>()).computeIfAbsent(entity,
                            x -> new int[1]);
                    best[0] = Math.max(best[0], level);
                    long[] shortest = times.computeIfAbsent(g, x -> new HashMap<>()).computeIfAbsent(entity, x -> {
                        long[] a = new long[n];
                        java.util.Arrays.fill(a, Long.MAX_VALUE);
                        return a;
                    });
                    for (int k = 2; k <= level; k++) {
                        shortest[k - 1] = Math.min(shortest[k - 1], reached[k - 1]);
                    }
                }
            }
        });
        List<FunnelStep> overall = steps(f, levels.getOrDefault("", Map.of()), times.getOrDefault("", Map.of()));
        List<FunnelResult.Group> groups = new ArrayList<>();
        levels.keySet().stream().filter(g -> !g.isEmpty()).forEach(g -> groups.add(
                new FunnelResult.Group(g.substring(1), steps(f, levels.get(g), times.get(g)))));
        return new FunnelResult(f, r, overall, groups);
    }

    private String dimension(FunnelDimension d, TestData.Event e) {
        return switch (d) {
            case CHANNEL -> e.channel().orElse(UNKNOWN);
            case DEVICE -> e.device().orElse(UNKNOWN);
            case CATEGORY -> e.productId().map(p -> products.containsKey(p) ? products.get(p).category() : UNKNOWN)
                    .orElse(UNKNOWN);
        };
    }

    private static Set<String> interrupting(Funnel f, List<String> types, int k) {
        Set<String> set = new HashSet<>();
        switch (f.ordering()) {
            case LOOSE -> {
            }
            case STRICT -> {
                set.addAll(types);
                set.remove(types.get(k - 2));
            }
            case DEDUPLICATED -> set.add(types.get(k - 2));
        }
        return set;
    }

    private static List<FunnelStep> steps(Funnel f, Map<String, int[]> levels, Map<String, long[]> times) {
        int n = f.steps().size();
        long[] counts = new long[n];
        for (int[] l : levels.values()) {
            for (int k = 1; k <= l[0]; k++) {
                counts[k - 1]++;
            }
        }
        List<FunnelStep> out = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            int kk = k;
            List<Double> secs = new ArrayList<>();
            levels.forEach((entity, l) -> {
                if (l[0] >= kk) {
                    secs.add((double) times.get(entity)[kk - 1]);
                }
            });
            long c = counts[k - 1];
            long prev = k == 1 ? c : counts[k - 2];
            Optional<Duration> median = k == 1 ? (c > 0 ? Optional.of(Duration.ZERO) : Optional.empty())
                    : seconds(percentile(secs, 0.5));
            Optional<Duration> p90 = k == 1 ? median : seconds(percentile(secs, 0.9));
            out.add(new FunnelStep(k, f.steps().get(k - 1), c, counts[0] == 0 ? 0.0 : (double) c / counts[0],
                    k == 1 ? (c > 0 ? 1.0 : 0.0) : prev == 0 ? 0.0 : (double) c / prev, prev - c, median, p90));
        }
        return out;
    }

    // ------------------------------------------------------------------ operations

    List<LowStockItem> lowStock(LocalDate asOf, LowStockRule rule) {
        Map<String, Long> units = new HashMap<>();
        moneyLines.stream().filter(l -> l.validSale() && l.orderDate().isAfter(asOf.minusDays(rule.velocityDays()))
                        && !l.orderDate().isAfter(asOf))
                .forEach(l -> units.merge(l.productId(), (long) l.quantity(), Long::sum));
        List<LowStockItem> out = new ArrayList<>();
        for (TestData.Product p : raw.products()) {
            long u = units.getOrDefault(p.id(), 0L);
            if (p.stock() < rule.stockBelow()
                    || (u > 0 && (long) p.stock() * rule.velocityDays() < (long) rule.coverDaysBelow() * u)) {
                out.add(new LowStockItem(p.id(), p.title(), p.category(), p.stock(), u, rule.velocityDays()));
            }
        }
        out.sort(Comparator.comparing((LowStockItem i) -> i.daysOfCover().orElse(Double.MAX_VALUE))
                .thenComparingLong(LowStockItem::stock).thenComparing(LowStockItem::productId));
        return out;
    }

    FulfilmentTimes fulfilment(DateRange r) {
        List<Order> os = orders(r);
        List<Double> shipped = new ArrayList<>();
        List<Double> delivery = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (Order o : os) {
            o.shipped().ifPresent(s -> shipped.add((double) ChronoUnit.DAYS.between(o.date(), s)));
            if (o.shipped().isPresent() && o.delivered().isPresent()) {
                delivery.add((double) ChronoUnit.DAYS.between(o.shipped().get(), o.delivered().get()));
            }
            o.delivered().ifPresent(d -> total.add((double) ChronoUnit.DAYS.between(o.date(), d)));
        }
        return new FulfilmentTimes(os.size(), leg(shipped), leg(delivery), leg(total));
    }

    private static Optional<FulfilmentTimes.Leg> leg(List<Double> days) {
        if (days.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FulfilmentTimes.Leg(days.size(),
                days.stream().mapToDouble(Double::doubleValue).sum() / days.size(),
                percentile(days, 0.5).orElseThrow(), percentile(days, 0.9).orElseThrow()));
    }

    List<GeoSales> geography(DateRange r, GeoLevel level) {
        Map<String, List<Order>> os = new HashMap<>();
        for (Order o : orders(r)) {
            String place = (switch (level) {
                case CITY -> o.shipCity();
                case REGION -> o.shipState();
                case COUNTRY -> o.shipCountry();
            }).orElse(UNKNOWN);
            os.computeIfAbsent(place, k -> new ArrayList<>()).add(o);
        }
        Map<String, Long> residents = new HashMap<>();
        for (TestData.Customer c : raw.customers()) {
            if (c.registered().isAfter(r.to())) {
                continue;
            }
            String place = switch (level) {
                case CITY -> c.city();
                case REGION -> c.state().orElse(UNKNOWN);
                case COUNTRY -> c.country();
            };
            residents.merge(place, 1L, Long::sum);
        }
        Set<String> places = new HashSet<>(os.keySet());
        places.addAll(residents.keySet());
        List<GeoSales> out = new ArrayList<>();
        for (String p : places) {
            List<Order> list = os.getOrDefault(p, List.of());
            out.add(new GeoSales(p, residents.getOrDefault(p, 0L),
                    list.stream().flatMap(o -> o.customerId().stream()).distinct().count(), list.size(),
                    sum(list, Order::gross)));
        }
        out.sort(Comparator.comparing(GeoSales::grossRevenue).reversed()
                .thenComparing(Comparator.comparingLong(GeoSales::residents).reversed())
                .thenComparing(GeoSales::location));
        return out;
    }

    List<PeakTime> peakTimes(DateRange r) {
        Map<List<Integer>, List<Order>> cells = new TreeMap<>(Comparator.comparing((List<Integer> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (Order o : orders(r)) {
            if (o.orderedAt().isEmpty()) {
                continue;
            }
            LocalDateTime local = LocalDateTime.ofInstant(o.orderedAt().get(), zone);
            cells.computeIfAbsent(List.of(o.date().getDayOfWeek().getValue(), local.getHour()),
                    k -> new ArrayList<>()).add(o);
        }
        List<PeakTime> out = new ArrayList<>();
        cells.forEach((k, os) -> out.add(new PeakTime(DayOfWeek.of(k.get(0)), k.get(1), os.size(),
                sum(os, Order::gross))));
        return out;
    }
}
