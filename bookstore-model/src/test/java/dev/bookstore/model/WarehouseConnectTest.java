package dev.bookstore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.sql.Layer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection set-up, configuration validation and the reporting calendar. */
class WarehouseConnectTest {

    @Test
    void aUrlWithoutJdbcPrefixIsExplained() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> Warehouse.connect("postgres://x/y"));
        assertTrue(e.getMessage().contains("does not start with 'jdbc:'"), e.getMessage());
    }

    @Test
    void anUnknownDriverIsNamed() {
        WarehouseException e = assertThrows(WarehouseException.class,
                () -> Warehouse.connect("jdbc:nosuchdb://localhost/x", quick()));
        assertTrue(e.getMessage().startsWith("cannot connect to jdbc:nosuchdb://localhost/x"), e.getMessage());
        assertTrue(e.getMessage().contains("no JDBC driver"), e.getMessage());
    }

    @Test
    void aMissingDriverIsNamedByItsArtifact() throws Exception {
        // a class loader that sees only the JDK: as an application that did not add the optional driver
        try (java.net.URLClassLoader bare = new java.net.URLClassLoader(new java.net.URL[0], null)) {
            assertEquals(java.util.Optional.of("the JDBC driver for jdbc:duckdb: URLs is not on the classpath: add "
                    + "the dependency org.duckdb:duckdb_jdbc to the application (bookstore-model declares the drivers "
                    + "optional, so that an application carries only the one it uses; the version tested is in the "
                    + "bookstore-parent pom)"), JdbcUrls.missingDriver("jdbc:duckdb:./x.duckdb", bare));
            assertTrue(JdbcUrls.missingDriver("jdbc:postgresql://h/db", bare).orElseThrow()
                    .contains("org.postgresql:postgresql"));
            assertEquals(java.util.Optional.empty(), JdbcUrls.missingDriver("jdbc:nosuchdb://x", bare));
        }
        assertEquals(java.util.Optional.empty(), JdbcUrls.missingDriver("jdbc:duckdb:./x.duckdb",
                getClass().getClassLoader()), "here the driver is on the test classpath");
    }

    @Test
    void anUnreachableServerIsNamedAndThePasswordRedacted() {
        WarehouseException e = assertThrows(WarehouseException.class, () -> Warehouse.connect(
                "jdbc:postgresql://127.0.0.1:1/test?user=u&password=secret", quick()));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/test?user=u&password=***"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void aFileDatabaseKeepsItsDataAcrossConnections(@TempDir Path dir) {
        String url = "jdbc:duckdb:" + dir.resolve("wh.duckdb");
        try (Warehouse wh = Warehouse.connect(url)) {
            assertTrue(wh.init().changed());
            WarehouseContractTest.insertProducts(wh, 4);
        }
        try (Warehouse wh = Warehouse.connect(url)) {
            assertFalse(wh.init().changed());
            assertEquals(4L, WarehouseContractTest.count(wh, wh.table(Layer.RAW, "products")));
        }
    }

    @Test
    void configurationRejectsImpossibleValuesNamingThem() {
        WarehouseConfig d = WarehouseConfig.defaults();
        assertMessage("namespace 'Bad-Name' is not a valid identifier", () -> d.withNamespace("Bad-Name"));
        assertMessage("poolSize 0 is outside 1..200", () -> d.withPoolSize(0));
        assertMessage("reporting zone 'Mars/Olympus' is not a known time zone id",
                () -> d.withReportingZone("Mars/Olympus"));
        assertMessage("connectTimeout PT0.1S is shorter than 250 ms", () -> d.withConnectTimeout(Duration.ofMillis(100)));
        assertEquals("shop", d.withNamespace("shop").namespace());
    }

    @Test
    void businessDaysFollowTheReportingZoneAcrossDaylightSaving() {
        ReportingCalendar london = ReportingCalendar.DEFAULT;
        // 23:30 UTC in summer is 00:30 the next day in London (BST), in winter the same day (GMT)
        assertEquals(LocalDate.of(2025, 7, 1), london.businessDay(Instant.parse("2025-06-30T23:30:00Z")));
        assertEquals(LocalDate.of(2025, 1, 15), london.businessDay(Instant.parse("2025-01-15T23:30:00Z")));
        // the night the clocks go forward (30 March 2025) and back (26 October 2025)
        assertEquals(LocalDate.of(2025, 3, 30), london.businessDay(Instant.parse("2025-03-29T23:30:00Z"))
                .plusDays(1));
        assertEquals(Instant.parse("2025-03-30T00:00:00Z"), london.startOf(LocalDate.of(2025, 3, 30)));
        assertEquals(Instant.parse("2025-03-30T23:00:00Z"), london.startOf(LocalDate.of(2025, 3, 31)));
        assertEquals(Instant.parse("2025-10-25T23:00:00Z"), london.startOf(LocalDate.of(2025, 10, 26)));
        assertEquals(Instant.parse("2025-10-27T00:00:00Z"), london.startOf(LocalDate.of(2025, 10, 27)));
        assertEquals(LocalDate.of(2025, 6, 30),
                ReportingCalendar.of("UTC").businessDay(Instant.parse("2025-06-30T23:30:00Z")));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable e) {
        BookstoreException ex = assertThrows(BookstoreException.class, e);
        assertTrue(ex.getMessage().startsWith(start), ex.getMessage());
    }

    private static WarehouseConfig quick() {
        return WarehouseConfig.defaults().withConnectTimeout(Duration.ofMillis(500));
    }
}
