package dev.bookstore.etl;

import dev.bookstore.etl.Transform;
import dev.bookstore.model.sql.SqlResources;
import java.util.ArrayList;
import java.util.List;

/**
 * The models and custom tests shipped with Bookstore Analytics, as resources under
 * {@code dev/bookstore/etl/models/}. Add a model by adding its file and a line here.
 */
final class BuiltInModels {

    /** Every model file, by layer. The build order comes from the references, not from this list. */
    static final List<String> MODELS = List.of(
            "staging/stg_customers.sql",
            "staging/stg_products.sql",
            "staging/stg_orders.sql",
            "staging/stg_events.sql",
            "intermediate/int_order_lines.sql",
            "intermediate/int_customer_orders.sql",
            "intermediate/int_session_events.sql",
            "intermediate/int_sessions.sql",
            "intermediate/int_product_activity.sql",
            "marts/dim_date.sql",
            "marts/dim_customers.sql",
            "marts/dim_products.sql",
            "marts/fct_order_lines.sql",
            "marts/fct_orders.sql",
            "marts/fct_daily_revenue.sql",
            "marts/fct_sessions.sql",
            "marts/fct_events.sql",
            "marts/fct_funnel_steps.sql",
            "marts/fct_daily_engagement.sql");

    /** Every custom data test file. */
    static final List<String> TESTS = List.of(
            "tests/order_lines_reconcile_with_staging.sql",
            "tests/no_negative_prices_in_marts.sql",
            "tests/order_lines_sum_to_order_total.sql",
            "tests/daily_revenue_matches_order_lines.sql",
            "tests/sessions_never_overlap.sql");

    private static volatile ModelGraph graph;

    private BuiltInModels() {
    }

    /** The built-in model graph, read and validated once. */
    static ModelGraph graph() {
        ModelGraph g = graph;
        if (g == null) {
            List<Model> models = new ArrayList<>();
            for (String file : MODELS) {
                models.add(ModelFile.model("models/" + file, read(file)));
            }
            List<DataTest.Custom> tests = new ArrayList<>();
            for (String file : TESTS) {
                tests.add(ModelFile.test("models/" + file, read(file)));
            }
            g = new ModelGraph(models, tests);
            graph = g;
        }
        return g;
    }

    /** A model or test file as it is: its {@code --} header carries the model's metadata. */
    static String read(String file) {
        return SqlResources.loadRaw(Transform.class, "models/" + file);
    }
}
