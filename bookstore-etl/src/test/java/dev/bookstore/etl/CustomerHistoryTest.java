package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** dim_customers keeps the history of each customer's city and state (SCD type 2). */
class CustomerHistoryTest {
    static final LocalDate REGISTERED = LocalDate.of(2024, 5, 1);
    static final LocalDate OPEN = LocalDate.of(9999, 12, 31);

    /** One expected version: customer, version, city, state, valid_from, valid_to, current. */
    record Version(String customer, int version, String city, String state, LocalDate from, LocalDate to,
                   boolean current) {
    }

    static RawData.Customer customer(String id, String city, String state) {
        return new RawData.Customer(id, id.toLowerCase() + "@example.com", "Ann", "Lee", REGISTERED, city, state,
                "United Kingdom", "email");
    }

    /**
     * The history a plain-Java snapshot keeps when it sees these states of the customers on these days: a change of
     * city or state closes the current version on that day and opens a new one from it.
     */
    static List<Version> expectedHistory(Map<LocalDate, List<RawData.Customer>> loads) {
        Map<String, List<Version>> history = new TreeMap<>();
        loads.forEach((day, customers) -> {
            for (RawData.Customer c : customers) {
                List<Version> versions = history.computeIfAbsent(c.id(), k -> new ArrayList<>());
                if (versions.isEmpty()) {
                    versions.add(new Version(c.id(), 1, c.city(), c.state(), c.registered(), OPEN, true));
                    continue;
                }
                Version current = versions.get(versions.size() - 1);
                if (!java.util.Objects.equals(current.city(), c.city())
                        || !java.util.Objects.equals(current.state(), c.state())) {
                    versions.set(versions.size() - 1, new Version(current.customer(), current.version(),
                            current.city(), current.state(), current.from(), day, false));
                    versions.add(new Version(c.id(), current.version() + 1, c.city(), c.state(), day, OPEN, true));
                }
            }
        });
        return history.values().stream().flatMap(List::stream).toList();
    }

    static List<Version> stored(Warehouse wh) {
        return Tables.query(wh, "SELECT customer_id, version_number, city, state, valid_from, valid_to, is_current, "
                + "customer_key FROM ${marts:dim_customers} ORDER BY customer_id, version_number", rs -> {
                    assertEquals(rs.getString(1) + "#" + rs.getInt(2), rs.getString(8), "customer_key");
                    return new Version(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            Tables.date(rs, 5), Tables.date(rs, 6), rs.getBoolean(7));
                });
    }

    @EachDatabase
    void aChangedCityOrStateClosesTheVersionAndOpensANewOne(Warehouse wh) {
        LocalDate day1 = LocalDate.of(2025, 3, 1);
        LocalDate day2 = LocalDate.of(2025, 3, 10);
        LocalDate day3 = LocalDate.of(2025, 4, 2);
        List<RawData.Customer> first = List.of(customer("CUST_A", "Leeds", "West Yorkshire"),
                customer("CUST_B", "Bristol", null), customer("CUST_C", "York", "North Yorkshire"));
        List<RawData.Customer> second = List.of(customer("CUST_A", "London", "Greater London"),
                customer("CUST_B", "Bristol", "Bristol"), customer("CUST_C", "York", "North Yorkshire"),
                customer("CUST_D", "Leeds", "West Yorkshire"));
        List<RawData.Customer> third = List.of(customer("CUST_A", "Leeds", "West Yorkshire"),
                customer("CUST_B", "Bristol", "Bristol"), customer("CUST_C", "York", "North Yorkshire"),
                customer("CUST_D", "Leeds", "West Yorkshire"));
        Map<LocalDate, List<RawData.Customer>> loads = new TreeMap<>(Map.of(day1, first, day2, second, day3, third));
        try {
            new RawData(first, List.of(), List.of(), List.of()).load(wh);
            transform(wh, day1);
            assertEquals(expectedHistory(Map.of(day1, first)), stored(wh));
            String emailHashBefore = Tables.query(wh, "SELECT email_hash FROM ${marts:dim_customers} WHERE "
                    + "customer_id = 'CUST_C'", rs -> rs.getString(1)).get(0);

            replaceCustomers(wh, second);
            wh.withConnection(c -> Relations.update(c, wh.render("UPDATE ${raw:customers} SET email = "
                    + "'new.c@example.com' WHERE customer_id = 'CUST_C'")));
            transform(wh, day2);
            transform(wh, day2); // nothing changed since: nothing happens
            replaceCustomers(wh, third);
            wh.withConnection(c -> Relations.update(c, wh.render("UPDATE ${raw:customers} SET email = "
                    + "'new.c@example.com' WHERE customer_id = 'CUST_C'")));
            transform(wh, day3);

            List<Version> expected = expectedHistory(loads);
            assertEquals(expected, stored(wh));
            assertEquals(3, expected.stream().filter(v -> v.customer().equals("CUST_A")).count());
            // a column not tracked (the e-mail hash) is overwritten in place, without a new version
            List<String> hashes = Tables.query(wh, "SELECT email_hash FROM ${marts:dim_customers} WHERE "
                    + "customer_id = 'CUST_C'", rs -> rs.getString(1));
            assertEquals(1, hashes.size());
            assertFalse(hashes.get(0).equals(emailHashBefore), "the e-mail hash follows the new address");
            // the version in force on a day
            assertEquals(List.of("London"), Tables.query(wh, "SELECT city FROM ${marts:dim_customers} WHERE "
                    + "customer_id = 'CUST_A' AND valid_from <= DATE '2025-03-20' AND valid_to > DATE '2025-03-20'",
                    rs -> rs.getString(1)));
            // a full refresh keeps the history
            Transform.on(wh).options(options(day3)).fullRefresh().run();
            assertEquals(expected, stored(wh));
            DataTestReport tests = Transform.on(wh).select("dim_customers").test();
            assertFalse(tests.hasErrors(), () -> tests.failures().toString());
            assertTrue(tests.results().stream().anyMatch(r -> r.test().equals("unique_dim_customers_customer_key")));
        } finally {
            Tables.dropModels(wh);
        }
    }

    static TransformOptions options(LocalDate day) {
        return TransformOptions.defaults().withPiiSalt("history-salt-1").withSnapshotDay(day);
    }

    static void transform(Warehouse wh, LocalDate day) {
        Transform.on(wh).options(options(day)).run();
    }

    /** A new load of the customers source replacing the old rows (as an upserting source would). */
    static void replaceCustomers(Warehouse wh, List<RawData.Customer> customers) {
        wh.withConnection(c -> Relations.update(c, wh.render("DELETE FROM ${raw:customers}")));
        new RawData(customers, List.of(), List.of(), List.of()).load(wh);
    }
}
