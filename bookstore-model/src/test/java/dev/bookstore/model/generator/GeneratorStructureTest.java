package dev.bookstore.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted, learnable structure is visible in the files. */
class GeneratorStructureTest {

    static final GeneratorOptions OPTS =
            GeneratorOptions.defaults()
                    .withCustomers(2_000)
                    .withProducts(300)
                    .withMonths(12)
                    .withEvents(60_000)
                    .withOrdersPerMonth(2_000);

    @TempDir static Path dir;
    static Manifest manifest;
    static List<String[]> orderRows = new ArrayList<>();
    static List<JsonNode> events = new ArrayList<>();

    @BeforeAll
    static void generate() throws Exception {
        manifest = Generator.generate(OPTS, dir);
        List<String> lines = TestData.lines(dir.resolve(Generator.ORDERS_FILE));
        for (String line : lines.subList(1, lines.size())) {
            orderRows.add(TestData.csv(line));
        }
        for (String line : TestData.lines(dir.resolve(Generator.EVENTS_FILE))) {
            JsonNode e = TestData.json(line);
            assertTrue(e != null, "clean data set has only valid JSON: " + line);
            events.add(e);
        }
    }

    @Test
    void decemberPeaksAboveTheMeanMonthAndWeekdaysDiffer() {
        Map<String, Set<String>> ordersByMonth = new TreeMap<>();
        Map<String, Long> revenueByMonth = new TreeMap<>();
        Map<DayOfWeek, Set<String>> ordersByWeekday = new HashMap<>();
        for (String[] f : orderRows) {
            String month = f[TestData.ORDER_DATE].substring(0, 7);
            ordersByMonth.computeIfAbsent(month, k -> new HashSet<>()).add(f[TestData.ORDER_ID]);
            revenueByMonth.merge(
                    month,
                    Integer.parseInt(f[TestData.QUANTITY]) * TestData.pence(f[TestData.UNIT_PRICE]),
                    Long::sum);
            ordersByWeekday
                    .computeIfAbsent(
                            LocalDate.parse(f[TestData.ORDER_DATE]).getDayOfWeek(), k -> new HashSet<>())
                    .add(f[TestData.ORDER_ID]);
        }
        assertEquals(12, ordersByMonth.size());
        double meanOrders =
                ordersByMonth.values().stream().mapToInt(Set::size).average().orElseThrow();
        double meanRevenue = revenueByMonth.values().stream().mapToLong(v -> v).average().orElseThrow();
        int december = ordersByMonth.get("2025-12").size();
        assertTrue(december > 1.3 * meanOrders, december + " vs mean " + meanOrders);
        assertTrue(revenueByMonth.get("2025-12") > 1.3 * meanRevenue);
        // the manifest's true monthly orders are what the file shows
        Map<String, Long> fromFile = new LinkedHashMap<>();
        ordersByMonth.forEach((k, v) -> fromFile.put(k, (long) v.size()));
        assertEquals(manifest.truth().orders().ordersByMonth(), fromFile);
        // and close to the planted expectation (within 6 sigma of Poisson noise)
        manifest
                .truth()
                .orders()
                .expectedOrdersByMonth()
                .forEach(
                        (month, expected) -> {
                            long actual = fromFile.get(month);
                            assertTrue(
                                    Math.abs(actual - expected) < 6 * Math.sqrt(expected) + 5,
                                    month + ": " + actual + " vs " + expected);
                        });
        // Sunday (x1.13) clearly above Saturday (x0.85)
        assertTrue(
                ordersByWeekday.get(DayOfWeek.SUNDAY).size()
                        > 1.15 * ordersByWeekday.get(DayOfWeek.SATURDAY).size());
    }

    @Test
    void channelConversionMatchesThePlantedFunnel() {
        Map<String, String> channelOfSession = new HashMap<>();
        Set<String> purchased = new HashSet<>();
        Map<String, Set<String>> reachedStep = new HashMap<>();
        for (JsonNode e : events) {
            String s = e.get("session_id").asText();
            String ch = e.get("channel").asText();
            String previous = channelOfSession.put(s, ch);
            assertTrue(previous == null || previous.equals(ch), "session changes channel " + s);
            String type = e.get("event").asText();
            reachedStep.computeIfAbsent(type, k -> new HashSet<>()).add(s);
            if (type.equals("purchase")) {
                purchased.add(s);
            }
        }
        Map<String, long[]> perChannel = new HashMap<>(); // sessions, purchasing, viewing
        channelOfSession.forEach(
                (s, ch) -> {
                    long[] c = perChannel.computeIfAbsent(ch, k -> new long[3]);
                    c[0]++;
                    if (purchased.contains(s)) {
                        c[1]++;
                    }
                    if (reachedStep.get("product_view").contains(s)) {
                        c[2]++;
                    }
                });
        double min = 1;
        double max = 0;
        for (Map.Entry<String, Manifest.Channel> entry : manifest.truth().channels().entrySet()) {
            long[] c = perChannel.get(entry.getKey());
            Manifest.Channel planted = entry.getValue();
            assertEquals(planted.sessions(), c[0], entry.getKey());
            assertEquals(planted.purchasingSessions(), c[1], entry.getKey());
            double p = planted.conversionRate();
            double observed = (double) c[1] / c[0];
            double sigma = Math.sqrt(p * (1 - p) / c[0]);
            assertTrue(
                    Math.abs(observed - p) < 4 * sigma + 0.005,
                    entry.getKey() + ": observed " + observed + " planted " + p + " n=" + c[0]);
            double view = planted.stepRates().get("session_to_product_view");
            double observedView = (double) c[2] / c[0];
            assertTrue(Math.abs(observedView - view) < 4 * Math.sqrt(view * (1 - view) / c[0]) + 0.005);
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertTrue(max > 3 * min, "channels must differ clearly");
    }

    @Test
    void churningCustomersStopEarlierThanLoyalOnes() {
        World world = new World(OPTS);
        Map<Integer, LocalDate> lastOrder = new HashMap<>();
        for (String[] f : orderRows) {
            int c = TestData.number(f[TestData.CUSTOMER_ID], "CUST_") - 1;
            LocalDate d = LocalDate.parse(f[TestData.ORDER_DATE]);
            lastOrder.merge(c, d, (a, b) -> a.isAfter(b) ? a : b);
            if (world.customerClass[c] == Catalog.CHURNING) {
                assertTrue(d.toEpochDay() < world.churnDay[c], "churned customer ordered " + f[0]);
            }
        }
        double[] sum = new double[3];
        int[] n = new int[3];
        lastOrder.forEach(
                (c, d) -> {
                    sum[world.customerClass[c]] += d.toEpochDay();
                    n[world.customerClass[c]]++;
                });
        double loyal = sum[Catalog.LOYAL] / n[Catalog.LOYAL];
        double churning = sum[Catalog.CHURNING] / n[Catalog.CHURNING];
        assertTrue(n[Catalog.LOYAL] > 100 && n[Catalog.CHURNING] > 100);
        assertTrue(churning < loyal - 60, "churning " + churning + " vs loyal " + loyal);
        // class counts in the manifest are the world's
        long[] counts = new long[3];
        for (byte k : world.customerClass) {
            counts[k]++;
        }
        assertEquals(counts[0], manifest.truth().customers().classCounts().get("loyal"));
        assertEquals(counts[1], manifest.truth().customers().classCounts().get("occasional"));
        assertEquals(counts[2], manifest.truth().customers().classCounts().get("churning"));
    }

    @Test
    void sessionsAreTimeOrderedAndSeparatedByThirtyMinutes() {
        Map<String, Long> lastTs = new HashMap<>();
        Map<String, String> lastSession = new HashMap<>();
        Map<String, String> userOfSession = new HashMap<>();
        long previousTs = Long.MIN_VALUE;
        int withinChecks = 0;
        int betweenChecks = 0;
        for (JsonNode e : events) {
            long ts = Instant.parse(e.get("timestamp").asText()).getEpochSecond();
            assertTrue(ts >= previousTs, "file ordered by timestamp");
            previousTs = ts;
            String user = e.get("user_id").asText();
            String session = e.get("session_id").asText();
            String owner = userOfSession.putIfAbsent(session, user);
            assertTrue(owner == null || owner.equals(user), "session shared by users");
            Long last = lastTs.put(user, ts);
            String lastS = lastSession.put(user, session);
            if (last == null) {
                continue;
            }
            if (session.equals(lastS)) {
                assertTrue(ts - last < 30 * 60, "gap inside session " + session);
                withinChecks++;
            } else {
                assertTrue(ts - last > 30 * 60, "sessions too close for " + user + " at " + session);
                betweenChecks++;
            }
        }
        assertTrue(withinChecks > 10_000 && betweenChecks > 1_000);
        assertEquals(manifest.truth().clickstream().sessions(), userOfSession.size());
    }

    @Test
    void coPurchasePairsAndLowStockAreLearnable() {
        Map<String, Set<String>> productsOfOrder = new HashMap<>();
        for (String[] f : orderRows) {
            productsOfOrder
                    .computeIfAbsent(f[TestData.ORDER_ID], k -> new HashSet<>())
                    .add(f[TestData.PRODUCT_ID]);
        }
        double expected = 0;
        double variance = 0;
        long observed = 0;
        long withB = 0;
        for (Manifest.CoPurchasePair pair : manifest.truth().coPurchasePairs()) {
            long nA = 0;
            long nAB = 0;
            for (Set<String> products : productsOfOrder.values()) {
                if (products.contains(pair.productA())) {
                    nA++;
                    if (products.contains(pair.productB())) {
                        nAB++;
                    }
                }
                if (products.contains(pair.productB())) {
                    withB++;
                }
            }
            expected += nA * pair.probability();
            variance += nA * pair.probability() * (1 - pair.probability());
            observed += nAB;
        }
        assertEquals(50, manifest.truth().coPurchasePairs().size());
        assertTrue(observed >= expected - 4 * Math.sqrt(variance), observed + " < " + expected);
        // B is bought mostly because of A: P(B | A) far above P(B)
        double pB = (double) withB / (productsOfOrder.size() * 50.0);
        assertTrue(expected / observed > 0.5 && pB < 0.05, "pB " + pB);

        // the top search term is the planted one with about its planted frequency
        Map<String, Integer> terms = new HashMap<>();
        int searches = 0;
        for (JsonNode e : events) {
            if (e.get("event").asText().equals("search")) {
                terms.merge(e.get("query").asText(), 1, Integer::sum);
                searches++;
            }
        }
        Manifest.TermFrequency top = manifest.truth().search().topTerms().get(0);
        double share = (double) terms.get(top.term()) / searches;
        assertTrue(Math.abs(share - top.probability()) < 0.02, share + " vs " + top.probability());
        assertTrue(terms.containsKey("\"the quiet garden\""), "quotes are escaped and parse back");
    }
}
