package dev.bookstore.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats, counts and planted problems, checked by parsing the files independently. */
class GeneratorFilesTest {

    static final String ORDERS_HEADER =
            "order_id,customer_id,order_date,product_id,quantity,unit_price,payment_method,status,"
                    + "ordered_at,channel,shipping_city,shipping_state,shipping_country,shipped_date,"
                    + "delivered_date";
    static final String CUSTOMERS_HEADER =
            "customer_id,email,first_name,last_name,registration_date,city,state,country,"
                    + "acquisition_channel";
    static final String PRODUCTS_HEADER =
            "product_id,title,author,category,subcategory,price,rating,stock";
    static final Pattern DAY_FIRST = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir static Path tmp;
    static Manifest clean;
    static Manifest dirty;
    static Path cleanDir;
    static Path dirtyDir;

    @BeforeAll
    static void generate() throws Exception {
        cleanDir = tmp.resolve("clean");
        dirtyDir = tmp.resolve("dirty");
        clean = Generator.generate(TestData.small(), cleanDir);
        dirty = Generator.generate(TestData.small().withProblems(true), dirtyDir);
    }

    @Test
    void manifestCountsEqualTheFiles() throws Exception {
        for (Path dir : List.of(cleanDir, dirtyDir)) {
            Manifest m = Manifest.read(dir);
            assertEquals(
                    List.of(
                            Generator.ORDERS_FILE,
                            Generator.CUSTOMERS_FILE,
                            Generator.PRODUCTS_FILE,
                            Generator.EVENTS_FILE),
                    List.copyOf(m.files().keySet()));
            assertEquals(
                    TestData.countNewlines(dir.resolve(Generator.ORDERS_FILE)) - 1,
                    m.files().get(Generator.ORDERS_FILE));
            assertEquals(
                    TestData.countNewlines(dir.resolve(Generator.CUSTOMERS_FILE)) - 1,
                    m.files().get(Generator.CUSTOMERS_FILE));
            assertEquals(
                    TestData.countNewlines(dir.resolve(Generator.PRODUCTS_FILE)) - 1,
                    m.files().get(Generator.PRODUCTS_FILE));
            assertEquals(
                    TestData.countNewlines(dir.resolve(Generator.EVENTS_FILE)),
                    m.files().get(Generator.EVENTS_FILE));
            assertEquals(2_000L, m.files().get(Generator.CUSTOMERS_FILE));
            assertEquals(300L, m.files().get(Generator.PRODUCTS_FILE));
            assertEquals(50_000L, m.files().get(Generator.EVENTS_FILE), "exact event count");
            assertEquals(m.files().get(Generator.ORDERS_FILE), m.truth().orders().fileRows());
            assertEquals(m.files().get(Generator.EVENTS_FILE), m.truth().clickstream().events());
        }
    }

    @Test
    void manifestRoundTripsAndIsPrettyDeterministicJson() throws Exception {
        assertEquals(clean, Manifest.read(cleanDir));
        assertEquals(dirty, Manifest.read(dirtyDir));
        String json = Files.readString(cleanDir.resolve(Manifest.FILE_NAME));
        assertTrue(json.startsWith("{\n  \"formatVersion\" : 1,\n"), json.substring(0, 40));
        assertTrue(json.endsWith("}\n"));
        assertFalse(json.contains("\r"));
        assertEquals(Manifest.FORMAT_VERSION, clean.formatVersion());
        assertEquals(TestData.small(), clean.options());
        JsonNode tree = TestData.STRICT_JSON.readTree(json);
        assertEquals("2025-01-01", tree.at("/options/start").asText());
        assertEquals("2025-04-01", tree.at("/truth/window/endExclusive").asText());
        // channel keys in the documented order
        List<String> channels = new ArrayList<>();
        tree.at("/truth/channels").fieldNames().forEachRemaining(channels::add);
        assertEquals(
                List.of("organic_search", "paid_search", "social", "email", "direct", "referral"),
                channels);
    }

    @Test
    void manifestWorksWithAPlainObjectMapper() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper plain =
                new com.fasterxml.jackson.databind.ObjectMapper();
        String json = plain.writeValueAsString(dirty);
        assertEquals(dirty, plain.readValue(json, Manifest.class));
    }

    @Test
    void oddWindowsAndTinySizesStayConsistent() throws Exception {
        // mid-month start over a leap day, with problems
        GeneratorOptions leap =
                TestData.small().withStart(LocalDate.of(2024, 2, 15)).withMonths(2).withProblems(true);
        Path leapDir = tmp.resolve("leap");
        Manifest m = Generator.generate(leap, leapDir);
        assertEquals(LocalDate.of(2024, 4, 15), m.truth().window().endExclusive());
        assertEquals(List.of("2024-02", "2024-03", "2024-04"),
                List.copyOf(m.truth().orders().ordersByMonth().keySet()));
        Counts c = count(leapDir, m);
        assertEquals(m.truth().problems().dayFirstDates(), c.dayFirst);
        assertEquals(m.truth().problems().duplicateOrderLines(), c.duplicates);
        assertEquals(m.truth().problems().malformedJsonLines(), c.malformed);
        assertEquals(m.truth().orders().cleanOrderLines(), c.cleanDistinct);

        // the smallest valid options
        GeneratorOptions tiny =
                new GeneratorOptions(1, 1, 1, 1, 3, true, LocalDate.of(2025, 3, 1), 1, 0.0);
        Path tinyDir = tmp.resolve("tiny");
        Manifest t = Generator.generate(tiny, tinyDir);
        assertEquals(1L, t.files().get(Generator.CUSTOMERS_FILE));
        assertEquals(1L, t.files().get(Generator.PRODUCTS_FILE));
        assertEquals(1L, t.files().get(Generator.EVENTS_FILE));
        assertEquals(1L, t.truth().problems().malformedJsonLines());
        assertEquals(
                TestData.countNewlines(tinyDir.resolve(Generator.ORDERS_FILE)) - 1,
                t.files().get(Generator.ORDERS_FILE));
        assertEquals(0, t.truth().coPurchasePairs().size());
        assertEquals(t, Manifest.read(tinyDir));
    }

    @Test
    void cleanDataSetHasNoProblemsAndConsistentRows() throws Exception {
        Manifest.Problems p = clean.truth().problems();
        assertEquals(new Manifest.Problems(0, 0, 0, 0, 0, 0, 0, 0), p);
        Counts c = count(cleanDir, clean);
        assertEquals(0, c.dayFirst);
        assertEquals(0, c.negative);
        assertEquals(0, c.unknown);
        assertEquals(0, c.future);
        assertEquals(0, c.missingState);
        assertEquals(0, c.duplicates);
        assertEquals(0, c.malformed);
        assertEquals(clean.truth().orders().generatedLines(), c.cleanDistinct);
        assertEquals(clean.truth().orders().cleanOrderLines(), c.cleanDistinct);
        assertEquals(clean.truth().orders().distinctOrders(), c.distinctOrders);
    }

    @Test
    void plantedProblemsAreExactlyTheOnesFoundInTheFiles() throws Exception {
        Manifest.Problems p = dirty.truth().problems();
        Counts c = count(dirtyDir, dirty);
        assertEquals(p.duplicateOrderLines(), c.duplicates);
        assertEquals(p.missingShippingState(), c.missingState);
        assertEquals(p.dayFirstDates(), c.dayFirst);
        assertEquals(p.ambiguousDayFirstDates(), c.ambiguousDayFirst);
        assertEquals(p.negativePrices(), c.negative);
        assertEquals(p.unknownProducts(), c.unknown);
        assertEquals(p.futureDates(), c.future);
        assertEquals(p.malformedJsonLines(), c.malformed);
        assertEquals(0, c.multiProblemLines, "a line carries more than one problem");
        assertEquals(dirty.truth().orders().cleanOrderLines(), c.cleanDistinct);
        assertEquals(dirty.truth().orders().distinctOrders(), c.distinctOrders);
        long generated = dirty.truth().orders().generatedLines();
        assertEquals(generated + p.duplicateOrderLines(), dirty.truth().orders().fileRows());
        assertEquals(
                generated
                        - p.missingShippingState()
                        - p.dayFirstDates()
                        - p.negativePrices()
                        - p.unknownProducts()
                        - p.futureDates(),
                dirty.truth().orders().cleanOrderLines());
        // planted rates: ceil(rate * generated lines)
        assertEquals((long) Math.ceil(0.005 * generated), p.duplicateOrderLines());
        assertEquals((long) Math.ceil(0.01 * generated), p.missingShippingState());
        assertEquals((long) Math.ceil(0.01 * generated), p.dayFirstDates());
        assertEquals((long) Math.ceil(0.002 * generated), p.negativePrices());
        assertEquals((long) Math.ceil(0.002 * generated), p.unknownProducts());
        assertEquals((long) Math.ceil(0.001 * generated), p.futureDates());
        assertEquals((long) Math.ceil(0.001 * 50_000), p.malformedJsonLines());
        assertTrue(p.ambiguousDayFirstDates() > 0 && p.ambiguousDayFirstDates() < p.dayFirstDates());
        // the same underlying world: the clean and the dirty set have the same generated lines
        assertEquals(clean.truth().orders().generatedLines(), generated);
        Manifest.Orders co = clean.truth().orders();
        Manifest.Orders dO = dirty.truth().orders();
        assertEquals(co.distinctOrders(), dO.distinctOrders());
        assertEquals(co.ordersByMonth(), dO.ordersByMonth());
        assertEquals(co.revenueByMonth(), dO.revenueByMonth());
    }

    /** Independent counts of everything checkable in a data directory. */
    static final class Counts {
        long duplicates;
        long missingState;
        long dayFirst;
        long ambiguousDayFirst;
        long negative;
        long unknown;
        long future;
        long malformed;
        long multiProblemLines;
        long cleanDistinct;
        long distinctOrders;
    }

    static Counts count(Path dir, Manifest m) throws Exception {
        Counts c = new Counts();
        LocalDate start = m.truth().window().start();
        LocalDate end = m.truth().window().endExclusive();

        // products
        List<String> productLines = TestData.lines(dir.resolve(Generator.PRODUCTS_FILE));
        assertEquals(PRODUCTS_HEADER, productLines.get(0));
        Map<String, Long> priceOf = new HashMap<>();
        Set<String> lowStock = new HashSet<>();
        boolean sawQuotedTitle = false;
        for (String line : productLines.subList(1, productLines.size())) {
            String[] f = TestData.csv(line);
            assertEquals(8, f.length, line);
            sawQuotedTitle |= line.contains("\"");
            long price = TestData.pence(f[5]);
            assertTrue(price >= 499 && price <= 4999, line);
            assertTrue(f[6].matches("[1-5]\\.\\d"), line);
            double rating = Double.parseDouble(f[6]);
            assertTrue(rating >= 1.0 && rating <= 5.0, line);
            int stock = Integer.parseInt(f[7]);
            assertTrue(stock >= 0, line);
            if (stock < m.truth().products().lowStockThreshold()) {
                lowStock.add(f[0]);
            }
            assertTrue(m.truth().products().categories().containsKey(f[3]), line);
            assertTrue(
                    m.truth().products().categories().get(f[3]).subcategories().contains(f[4]), line);
            assertFalse(f[1].isEmpty() || f[2].isEmpty(), line);
            assertEquals(null, priceOf.put(f[0], price), "duplicate product id " + f[0]);
        }
        assertTrue(sawQuotedTitle, "expected some titles needing RFC 4180 quoting");
        assertEquals(Set.copyOf(m.truth().products().lowStockProductIds()), lowStock);

        // customers
        List<String> customerLines = TestData.lines(dir.resolve(Generator.CUSTOMERS_FILE));
        assertEquals(CUSTOMERS_HEADER, customerLines.get(0));
        Map<String, LocalDate> registered = new HashMap<>();
        Set<String> emails = new HashSet<>();
        long beforeStart = 0;
        for (String line : customerLines.subList(1, customerLines.size())) {
            String[] f = TestData.csv(line);
            assertEquals(9, f.length, line);
            assertTrue(f[1].matches("[a-z-]+\\.[a-z-]+\\d+@example\\.com"), f[1]);
            assertTrue(emails.add(f[1]), "duplicate email " + f[1]);
            assertTrue(TestData.isIsoDate(f[4]), line);
            LocalDate reg = LocalDate.parse(f[4]);
            assertTrue(reg.isBefore(end), line);
            if (reg.isBefore(start)) {
                beforeStart++;
            }
            assertFalse(f[5].isEmpty() || f[6].isEmpty(), line);
            assertEquals("United Kingdom", f[7]);
            assertTrue(m.truth().customers().acquisitionChannels().containsKey(f[8]), line);
            registered.put(f[0], reg);
        }
        assertEquals(m.truth().customers().registeredBeforeStart(), beforeStart);
        assertTrue(beforeStart > 0 && beforeStart < registered.size());

        // orders
        List<String> orderLines = TestData.lines(dir.resolve(Generator.ORDERS_FILE));
        assertEquals(ORDERS_HEADER, orderLines.get(0));
        Set<String> distinct = new HashSet<>();
        Set<String> orderIds = new HashSet<>();
        Set<String> naturalKeys = new HashSet<>();
        String previous = null;
        String currentOrder = null;
        int previousProblems = 0;
        for (String line : orderLines.subList(1, orderLines.size())) {
            boolean duplicate = line.equals(previous);
            previous = line;
            if (duplicate) {
                c.duplicates++;
                assertEquals(0, previousProblems, "duplicated line carries a problem: " + line);
                previous = null; // a third copy would not be a planted duplicate
                continue;
            }
            assertTrue(distinct.add(line), "non-adjacent duplicate: " + line);
            String[] f = TestData.csv(line);
            assertEquals(15, f.length, line);
            // lines of one order are consecutive
            if (!f[TestData.ORDER_ID].equals(currentOrder)) {
                assertTrue(orderIds.add(f[TestData.ORDER_ID]), "order split: " + line);
                currentOrder = f[TestData.ORDER_ID];
            }
            int problems = 0;
            Matcher dayFirst = DAY_FIRST.matcher(f[TestData.ORDER_DATE]);
            LocalDate orderDate;
            if (dayFirst.matches()) {
                problems++;
                c.dayFirst++;
                int day = Integer.parseInt(dayFirst.group(1));
                if (day <= 12) {
                    c.ambiguousDayFirst++;
                }
                orderDate =
                        LocalDate.of(
                                Integer.parseInt(dayFirst.group(3)), Integer.parseInt(dayFirst.group(2)), day);
            } else {
                assertTrue(TestData.isIsoDate(f[TestData.ORDER_DATE]), line);
                orderDate = LocalDate.parse(f[TestData.ORDER_DATE]);
            }
            if (!orderDate.isBefore(end)) {
                problems++;
                c.future++;
                assertTrue(!orderDate.isBefore(end.plusDays(365)), line);
                assertTrue(orderDate.isBefore(end.plusYears(3).plusDays(2)), line);
            } else {
                assertFalse(orderDate.isBefore(start), line);
            }
            long price = TestData.pence(f[TestData.UNIT_PRICE]);
            if (price < 0) {
                problems++;
                c.negative++;
            }
            Long catalogue = priceOf.get(f[TestData.PRODUCT_ID]);
            if (catalogue == null) {
                problems++;
                c.unknown++;
                assertTrue(f[TestData.PRODUCT_ID].matches("BOOK_\\d+"), line);
            } else {
                assertEquals((long) catalogue, Math.abs(price), "unit_price is the product price");
            }
            if (f[TestData.STATE].isEmpty()) {
                problems++;
                c.missingState++;
            }
            if (problems > 1) {
                c.multiProblemLines++;
            }
            if (problems == 0) {
                c.cleanDistinct++;
            }
            previousProblems = problems;
            assertTrue(naturalKeys.add(f[TestData.ORDER_ID] + "|" + f[TestData.PRODUCT_ID]), line);
            // row-level consistency, valid also on problem lines
            assertTrue(Integer.parseInt(f[TestData.QUANTITY]) >= 1, line);
            assertTrue(INSTANT.matcher(f[TestData.ORDERED_AT]).matches(), line);
            Instant at = Instant.parse(f[TestData.ORDERED_AT]);
            assertEquals(orderDate, at.atZone(LONDON).toLocalDate(), "London date of ordered_at");
            LocalDate reg = registered.get(f[TestData.CUSTOMER_ID]);
            assertNotNull(reg, line);
            assertFalse(orderDate.isBefore(reg), "order before registration: " + line);
            assertTrue(
                    Set.of("credit_card", "debit_card", "paypal", "gift_card")
                            .contains(f[TestData.PAYMENT]),
                    line);
            assertTrue(m.truth().channels().containsKey(f[TestData.CHANNEL]), line);
            assertFalse(f[TestData.CITY].isEmpty(), line);
            assertEquals("United Kingdom", f[TestData.COUNTRY]);
            String shipped = f[TestData.SHIPPED];
            String delivered = f[TestData.DELIVERED];
            switch (f[TestData.STATUS]) {
                case "pending", "cancelled" -> assertTrue(shipped.isEmpty() && delivered.isEmpty(), line);
                case "shipped" -> assertTrue(!shipped.isEmpty() && delivered.isEmpty(), line);
                case "delivered", "returned" -> assertTrue(!shipped.isEmpty() && !delivered.isEmpty(), line);
                default -> throw new AssertionError("status " + line);
            }
            if (!shipped.isEmpty()) {
                long ship = LocalDate.parse(shipped).toEpochDay() - orderDate.toEpochDay();
                assertTrue(ship >= 0 && ship <= 3, line);
            }
            if (!delivered.isEmpty()) {
                long del = LocalDate.parse(delivered).toEpochDay() - LocalDate.parse(shipped).toEpochDay();
                assertTrue(del >= 1 && del <= 5, line);
            }
            if (f[TestData.STATUS].equals("pending") || f[TestData.STATUS].equals("shipped")) {
                // only orders close to the window end are still on their way
                assertTrue(orderDate.isAfter(end.minusDays(10)) || !orderDate.isBefore(end), line);
            }
        }
        assertEquals(orderLines.size() - 1 - c.duplicates, distinct.size());
        c.distinctOrders = orderIds.size();

        // events
        Set<String> knownProducts = priceOf.keySet();
        for (String line : TestData.lines(dir.resolve(Generator.EVENTS_FILE))) {
            JsonNode e = TestData.json(line);
            if (e == null) {
                c.malformed++;
                continue;
            }
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            assertEquals(List.of("event", "user_id", "session_id", "timestamp"), keys.subList(0, 4));
            assertEquals(List.of("channel", "device"), keys.subList(keys.size() - 2, keys.size()));
            String type = e.get("event").asText();
            String extra = keys.size() == 7 ? keys.get(4) : null;
            switch (type) {
                case "page_view" -> {
                    assertEquals("page", extra);
                    assertTrue(e.get("page").asText().startsWith("/"));
                }
                case "search" -> assertEquals("query", extra);
                case "checkout" -> assertEquals(null, extra);
                case "product_view", "add_to_cart", "remove_from_cart", "purchase" -> {
                    assertEquals("product_id", extra);
                    assertTrue(knownProducts.contains(e.get("product_id").asText()), line);
                }
                default -> throw new AssertionError("event type " + line);
            }
            assertTrue(registered.containsKey(e.get("user_id").asText()), line);
            assertTrue(e.get("session_id").asText().matches("S_\\d+"), line);
            assertTrue(INSTANT.matcher(e.get("timestamp").asText()).matches(), line);
            assertTrue(Set.of("desktop", "mobile", "tablet").contains(e.get("device").asText()));
            assertTrue(m.truth().channels().containsKey(e.get("channel").asText()), line);
        }
        return c;
    }
}
