package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.sql.WarehouseLock;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Selection, failure handling and the run log of the model runner. */
class RunnerTest {

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void aSelectionBuildsTheModelAndWhatDependsOnIt(Warehouse wh) {
        try {
            RawData.generated(RawData.small()).load(wh);
            Transform.on(wh).options(MartsMatchJavaTest.OPTIONS).run();
            TransformReport report = Transform.on(wh).options(MartsMatchJavaTest.OPTIONS).select("int_sessions").run();
            assertEquals(List.of("int_sessions", "fct_funnel_steps", "fct_sessions", "fct_daily_engagement"),
                    report.models().stream().map(ModelRun::model).toList());
            assertEquals(4, Tables.count(wh, "SELECT COUNT(*) FROM ${meta:transform_runs} WHERE run_id = '"
                    + report.runId() + "' AND status = 'success'"));
            BookstoreException e = assertThrows(BookstoreException.class,
                    () -> Transform.on(wh).select("marts.fct_orders").run());
            assertTrue(e.getMessage().startsWith("there is no model 'marts.fct_orders' (models: stg_customers, "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("give the model name without layer, e.g. fct_orders"),
                    e.getMessage());
        } finally {
            Tables.dropModels(wh);
        }
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.MARIADB})
    void aFailingModelSkipsWhatReadsItAndNamesItsFile(Warehouse wh) {
        List<Model> models = List.of(
                ModelGraphTest.model("good", "staging", "SELECT 1 AS id"),
                ModelGraphTest.model("bad", "staging", "SELECT id FROM no_such_table"),
                ModelGraphTest.model("after_bad", "marts", "SELECT id FROM ${staging:bad}"),
                ModelGraphTest.model("after_good", "marts", "SELECT id FROM ${staging:good}"));
        ModelProject project = ModelProject.of(new ModelGraph(models, List.of()));
        try {
            TransformException e = assertThrows(TransformException.class,
                    () -> project.build(wh, TransformOptions.defaults(), List.of(), false));
            assertTrue(e.getMessage().startsWith("1 of 4 models failed (run "), e.getMessage());
            assertTrue(e.getMessage().contains("model bad (models/staging/bad.sql) failed on " + wh.dialect().name()
                    + ": "), e.getMessage());
            TransformReport r = e.report();
            assertEquals(ModelRun.Status.SUCCESS, r.model("good").orElseThrow().status());
            assertEquals(ModelRun.Status.FAILED, r.model("bad").orElseThrow().status());
            assertEquals(ModelRun.Status.SKIPPED, r.model("after_bad").orElseThrow().status());
            assertEquals("skipped: model bad which it reads was not built",
                    r.model("after_bad").orElseThrow().error().orElseThrow());
            assertEquals(ModelRun.Status.SUCCESS, r.model("after_good").orElseThrow().status());
            assertEquals(List.of("after_bad skipped", "after_good success", "bad failed", "good success"),
                    Tables.query(wh, "SELECT model, status FROM ${meta:transform_runs} WHERE run_id = '" + r.runId()
                            + "' ORDER BY model", rs -> rs.getString(1) + " " + rs.getString(2)));
        } finally {
            project.drop(wh);
        }
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void aTransformWaitsForTheOneRunningOrSaysWhoHoldsTheLock(Warehouse wh) throws Exception {
        wh.init();
        try (WarehouseLock held = wh.lock(ModelProject.LOCK, Duration.ofSeconds(5))) {
            assertEquals(ModelProject.LOCK, held.name());
            WarehouseException e = CompletableFuture.supplyAsync(() -> assertThrows(WarehouseException.class,
                    () -> Transform.on(wh).options(TransformOptions.defaults().withLockWait(Duration.ofMillis(200)))
                            .run())).get(30, TimeUnit.SECONDS);
            assertTrue(e.getMessage().startsWith("lock 'transform' on "), e.getMessage());
        }
    }
}
