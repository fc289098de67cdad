package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Data tests pass on a sound build and catch a deliberately broken mart; results are stored with the run id. */
class DataTestsTest {

    @EachDatabase
    void aBrokenMartFailsItsTestsAndTheResultsAreStored(Warehouse wh) {
        RawData data = RawData.generated(RawData.small());
        try {
            data.load(wh);
            Transform.on(wh).options(MartsMatchJavaTest.OPTIONS).run();
            DataTestReport sound = Transform.on(wh).test();
            assertFalse(sound.hasErrors(), () -> sound.failures().toString());

            String order = Tables.query(wh, "SELECT MIN(order_id) FROM ${marts:fct_orders}", rs -> rs.getString(1))
                    .get(0);
            wh.withConnection(c -> {
                // a duplicate order row, and a negative price on one line of another order
                Relations.update(c, wh.render("INSERT INTO ${marts:fct_orders} SELECT * FROM ${marts:fct_orders} "
                        + "WHERE order_id = '" + order + "'"));
                return Relations.update(c, wh.render("UPDATE ${marts:fct_order_lines} SET unit_price = -unit_price, "
                        + "gross_amount = gross_amount + 1 WHERE order_id = (SELECT MAX(order_id) FROM "
                        + "${marts:fct_orders}) AND line_no = 1"));
            });
            DataTestReport broken = Transform.on(wh).test();
            assertTrue(broken.hasErrors());
            Map<String, DataTestResult> byName = broken.results().stream()
                    .collect(Collectors.toMap(DataTestResult::test, r -> r));
            DataTestResult unique = byName.get("unique_fct_orders_order_id");
            assertEquals(DataTestResult.Status.FAIL, unique.status());
            assertEquals(1, unique.failingRows());
            assertEquals("fct_orders", unique.model());
            assertEquals(DataTestResult.Status.FAIL, byName.get("no_negative_prices_in_marts").status());
            assertEquals(DataTestResult.Status.FAIL, byName.get("order_lines_sum_to_order_total").status());
            assertEquals(DataTestResult.Status.FAIL, byName.get("order_lines_reconcile_with_staging").status());
            assertEquals(DataTestResult.Status.PASS, byName.get("sessions_never_overlap").status());
            assertEquals(DataTestResult.Status.PASS, byName.get("not_null_fct_orders_order_id").status());

            List<String> stored = Tables.query(wh, "SELECT test_name, status, failing_rows, severity, model FROM "
                    + "${meta:data_test_results} WHERE run_id = '" + broken.runId() + "' AND status <> 'pass' "
                    + "ORDER BY test_name", rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " "
                    + rs.getString(4) + " " + rs.getString(5));
            assertEquals(broken.failures().size(), stored.size());
            assertTrue(stored.contains("unique_fct_orders_order_id fail 1 error fct_orders"), stored.toString());
            assertEquals(broken.results().size(), Tables.count(wh, "SELECT COUNT(*) FROM ${meta:data_test_results} "
                    + "WHERE run_id = '" + broken.runId() + "'"));

            // a test of a model that was never built cannot run: an error, not a pass
            Transform.on(wh).dropModels();
            DataTestReport missing = Transform.on(wh).select("fct_sessions").test();
            assertTrue(missing.results().stream().allMatch(r -> r.status() == DataTestResult.Status.ERROR),
                    missing.toString());
            assertTrue(missing.results().get(0).message().contains("fct_sessions"), missing.results().get(0).message());
        } finally {
            Tables.dropModels(wh);
        }
    }
}
