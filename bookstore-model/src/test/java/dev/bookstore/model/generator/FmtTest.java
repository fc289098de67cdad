package dev.bookstore.model.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void datesMatchJavaTime() {
        SplittableRandom r = new SplittableRandom(1);
        long min = LocalDate.of(1890, 1, 1).toEpochDay();
        long max = LocalDate.of(9999, 12, 31).toEpochDay();
        for (int i = 0; i < 20_000; i++) {
            long day = i < 1000 ? LocalDate.of(2024, 1, 1).toEpochDay() + i : r.nextLong(min, max);
            LocalDate d = LocalDate.ofEpochDay(day);
            StringBuilder sb = new StringBuilder();
            Fmt.date(sb, day);
            assertEquals(d.toString(), sb.toString());
            sb.setLength(0);
            Fmt.dayFirstDate(sb, day);
            assertEquals(d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")), sb.toString());
            assertEquals(d.getDayOfMonth(), Fmt.dayOfMonth(day));
            assertEquals(d.getDayOfWeek().ordinal(), World.dayOfWeek(day));
        }
    }

    @Test
    void instantsMatchIsoInstant() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            long s = r.nextLong(-2_000_000_000L, 200_000_000_000L);
            assertEquals(
                    DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(s)), Fmt.instant(s));
        }
    }

    @Test
    void pricesHaveTwoDecimals() {
        assertEquals("12.99", Fmt.price(1299));
        assertEquals("-12.99", Fmt.price(-1299));
        assertEquals("0.05", Fmt.price(5));
        assertEquals("-0.05", Fmt.price(-5));
        assertEquals("49.00", Fmt.price(4900));
    }

    @Test
    void csvQuotesOnlyWhenNeeded() {
        assertEquals("plain", csv("plain"));
        assertEquals("O'Brien", csv("O'Brien"));
        assertEquals("\"a, b\"", csv("a, b"));
        assertEquals("\"\"\"Quiet\"\" and Other Stories\"", csv("\"Quiet\" and Other Stories"));
        assertEquals("\"two\nlines\"", csv("two\nlines"));
        assertArrayEquals(
                new String[] {"x", "\"Quiet\", Garden", ""},
                TestData.csv("x," + csv("\"Quiet\", Garden") + ","));
    }

    private static String csv(String s) {
        StringBuilder sb = new StringBuilder();
        Fmt.csv(sb, s);
        return sb.toString();
    }

    @Test
    void jsonEscapeRoundTrips() throws Exception {
        String s = "a \"quoted\" \\ back\tslash\n\u0001 caf\u00e9";
        String json = "{\"q\":\"" + Fmt.jsonEscape(s) + "\"}";
        assertEquals(s, TestData.STRICT_JSON.readTree(json).get("q").asText());
    }

    @Test
    void londonLocalTimeConversionKeepsTheLocalDate() {
        World w = new World(TestData.small().withCustomers(1).withProducts(1));
        ZoneId london = ZoneId.of("Europe/London");
        // includes both DST transitions of 2025 (30 March, 26 October)
        for (LocalDate d = LocalDate.of(2025, 1, 1);
                d.isBefore(LocalDate.of(2026, 1, 1));
                d = d.plusDays(1)) {
            for (int sec = 0; sec < 86_400; sec += 397) {
                long ts = w.toUtc((int) d.toEpochDay(), sec);
                assertEquals(d, Instant.ofEpochSecond(ts).atZone(london).toLocalDate());
                LocalDateTime ldt = d.atStartOfDay().plusSeconds(sec);
                if (london.getRules().isValidOffset(ldt, london.getRules().getOffset(ldt))
                        && london.getRules().getValidOffsets(ldt).size() == 1) {
                    assertEquals(sec, w.localSecondOfDay(ts));
                }
            }
        }
    }
}
