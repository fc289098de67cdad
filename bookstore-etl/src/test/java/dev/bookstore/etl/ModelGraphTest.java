package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.sql.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model files are read strictly; the graph orders models, finds cycles and selects dependents. */
class ModelGraphTest {

    static Model model(String name, String layer, String sql) {
        return ModelFile.model("models/" + layer + "/" + name + ".sql", "-- model: " + name + "\n-- layer: " + layer
                + "\n-- materialized: table\n-- description: test model\n-- column id INTEGER | an id | not_null\n"
                + sql);
    }

    @Test
    void theBuiltInModelsLoadInDependencyOrder() {
        ModelGraph g = BuiltInModels.graph();
        List<String> order = g.order().stream().map(Model::name).toList();
        assertEquals(19, order.size());
        for (Model m : g.order()) {
            for (String up : m.dependsOn()) {
                assertTrue(order.indexOf(up) < order.indexOf(m.name()), up + " before " + m.name());
            }
        }
        assertEquals(List.of("stg_customers", "stg_events", "stg_orders", "stg_products"), order.subList(0, 4));
        Model orders = g.model("fct_orders");
        assertEquals(Layer.MARTS, orders.layer());
        assertEquals(Materialization.INCREMENTAL, orders.materialization());
        assertEquals(new Model.Incremental("order_date", 3), orders.incremental().orElseThrow());
        assertEquals(java.util.Set.of("int_order_lines", "int_customer_orders"), orders.dependsOn());
        assertEquals(java.util.Set.of("events"), g.model("stg_events").sources());
        assertTrue(g.model("dim_customers").column("email_hash").orElseThrow().pii());
        assertEquals(5, g.customTests().size());
    }

    @Test
    void selectingAModelAddsEverythingDownstreamInOrder() {
        ModelGraph g = BuiltInModels.graph();
        assertEquals(List.of("fct_sessions", "fct_daily_engagement"), names(g.select(List.of("fct_sessions"))));
        assertEquals(List.of("int_sessions", "fct_funnel_steps", "fct_sessions", "fct_daily_engagement"),
                names(g.select(List.of("int_sessions"))));
        assertEquals(List.of("int_session_events", "int_product_activity", "int_sessions", "fct_events",
                "fct_funnel_steps", "dim_products", "fct_sessions", "fct_daily_engagement"),
                names(g.select(List.of("int_session_events"))));
        assertEquals(19, g.select(List.of()).size());
        BookstoreException e = assertThrows(BookstoreException.class, () -> g.select(List.of("fct_revenue")));
        assertTrue(e.getMessage().startsWith("there is no model 'fct_revenue' (models: stg_customers,"),
                e.getMessage());
    }

    @Test
    void aCycleIsNamedInTheError() {
        List<Model> models = List.of(
                model("a", "staging", "SELECT id FROM ${raw:orders}"),
                model("b", "intermediate", "SELECT id FROM ${staging:a} JOIN ${marts:d} USING (id)"),
                model("c", "marts", "SELECT id FROM ${intermediate:b}"),
                model("d", "marts", "SELECT id FROM ${marts:c}"));
        BookstoreException e = assertThrows(BookstoreException.class, () -> new ModelGraph(models, List.of()));
        assertTrue(e.getMessage().startsWith("models form a cycle: b -> c -> d -> b "), e.getMessage());
    }

    @Test
    void referencesMustNameAModelInItsLayer() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> new ModelGraph(List.of(
                model("a", "staging", "SELECT 1 AS id"), model("b", "marts", "SELECT id FROM ${marts:a}")),
                List.of()));
        assertEquals("models/marts/b.sql: reads ${marts:a}, but model 'a' is in layer staging: write ${staging:a}",
                e.getMessage());
        e = assertThrows(BookstoreException.class, () -> new ModelGraph(List.of(
                model("b", "marts", "SELECT id FROM ${staging:nope}")), List.of()));
        assertTrue(e.getMessage().startsWith("models/marts/b.sql: reads ${staging:nope}, but there is no model"),
                e.getMessage());
    }

    @Test
    void headerMistakesNameTheFileAndLine() {
        String base = "-- model: x\n-- layer: marts\n-- materialized: table\n-- description: d\n";
        assertError("models/marts/x.sql:5: unknown header key 'materialised'",
                base + "-- materialised: view\n-- column id INTEGER | id |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:3: materialized 'tabel' is not one of table, view, incremental, snapshot",
                base.replace("table", "tabel") + "-- column id INTEGER | id |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: unknown test 'notnull'",
                base + "-- column id INTEGER | id | notnull\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: column 'id' has no description",
                base + "-- column id INTEGER\nSELECT 1 AS id");
        assertError("models/marts/x.sql:3: an incremental model needs a unique_key",
                base.replace("table", "incremental") + "-- incremental: sale_date lookback 2 days\n"
                        + "-- column sale_date DATE | d |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: incremental 'sale_date lookback two days' should read",
                base.replace("table", "incremental") + "-- incremental: sale_date lookback two days\n"
                        + "-- unique_key: sale_date\n-- column sale_date DATE | d |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: unique_key names column 'nope', which is not declared (declared: id)",
                base + "-- unique_key: nope\n-- column id INTEGER | id |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: index names column 'nope', which is not declared (declared: id)",
                base + "-- index: id; nope\n-- column id INTEGER | id |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: a view cannot have an index",
                base.replace("table", "view") + "-- index: id\n-- column id INTEGER | id |\nSELECT 1 AS id");
        assertError("models/marts/x.sql:5: partition 'week(d)' should be a column or year(column), month(column) or "
                        + "day(column), e.g. 'month(order_date)'",
                base + "-- partition: week(d)\n-- column d DATE | d |\nSELECT 1 AS d");
        assertError("models/marts/x.sql:5: partition names column 'day_of_sale', which is not declared (declared: d)",
                base + "-- partition: month(day_of_sale)\n-- column d DATE | d |\nSELECT 1 AS d");
        assertError("models/marts/x.sql:5: a view cannot be partitioned",
                base.replace("table", "view") + "-- partition: d\n-- column d DATE | d |\nSELECT 1 AS d");
        assertEquals(List.of("month(d)", "k"), ModelFile.model("models/marts/x.sql",
                base + "-- partition: month(d), k\n-- column d DATE | d |\n-- column k INTEGER | k |\nSELECT 1 AS d")
                .partitionBy());
        assertError("models/marts/x.sql:6: {{incremental_window(..)}} is only for materialized: incremental",
                base + "-- column id INTEGER | id |\nSELECT 1 AS id WHERE {{incremental_window(d)}}");
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> ModelFile.model("models/marts/y.sql", base + "-- column id INTEGER | id |\nSELECT 1 AS id"));
        assertEquals("models/marts/y.sql:1: model 'x' must be in a file named x.sql", e.getMessage());
    }

    @Test
    void columnTestsAndFlagsAreRead() {
        Model m = ModelFile.model("models/marts/x.sql", "-- model: x\n-- layer: marts\n-- materialized: view\n"
                + "-- description: first line\n--    continued\n"
                + "-- column id INTEGER | the id | not_null, unique\n"
                + "-- column status VARCHAR(9) | a status,\n--    with more words | accepted_values(a, b) warn\n"
                + "-- column email_hash VARCHAR(64) | hashed | pii, relationships(y.z)\n"
                + "-- test: unique(id, status)\nSELECT 1 AS id;\n");
        assertEquals("first line continued", m.description());
        assertEquals("a status, with more words", m.column("status").orElseThrow().description());
        assertTrue(m.column("email_hash").orElseThrow().pii());
        assertEquals(List.of("not_null_x_id", "unique_x_id", "accepted_values_x_status",
                "relationships_x_email_hash__y_z", "unique_x_id_status"), m.tests().stream().map(DataTest::name)
                .toList());
        assertEquals(DataTestResult.Severity.WARN, m.tests().get(2).severity());
        assertEquals("SELECT 1 AS id", m.sql());
    }

    static void assertError(String start, String text) {
        BookstoreException e = assertThrows(BookstoreException.class, () -> ModelFile.model("models/marts/x.sql",
                text));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    static List<String> names(List<Model> models) {
        return models.stream().map(Model::name).toList();
    }
}
