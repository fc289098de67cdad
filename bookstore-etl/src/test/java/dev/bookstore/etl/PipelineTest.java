package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.GeneratedData;
import dev.bookstore.model.sql.WarehouseLock;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Named steps, a run log, resumption after a failure, and a lock that keeps two runs apart. */
class PipelineTest {
    @TempDir
    Path dir;

    /** One row of the run log. */
    record Logged(String runId, String step, String status, LocalDateTime started, LocalDateTime finished,
                  long rows, String error, String resumedFrom) {
    }

    static List<Logged> log(Warehouse wh) {
        return Tables.query(wh, "SELECT run_id, step, status, started_at, finished_at, rows_affected, error_message, "
                + "resumed_from FROM ${meta:pipeline_log} ORDER BY started_at, step_order", rs -> new Logged(
                rs.getString(1), rs.getString(2), rs.getString(3), Tables.timestamp(rs, 4), Tables.timestamp(rs, 5),
                rs.getLong(6), rs.getString(7), rs.getString(8)));
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void aFailedRunResumesFromTheFailedStep(Warehouse wh) {
        AtomicInteger extracts = new AtomicInteger();
        AtomicBoolean broken = new AtomicBoolean(true);
        Map<String, Pipeline.Step> steps = new LinkedHashMap<>();
        steps.put("extract", w -> extracts.incrementAndGet() * 10L);
        steps.put("load", w -> {
            if (broken.get()) {
                throw new IllegalStateException("the disk is full");
            }
            return 5;
        });
        steps.put("report", w -> 1);
        Pipeline pipeline = Pipeline.on(wh).steps(steps).named("nightly");

        Pipeline.RunFailedException failure = assertThrows(Pipeline.RunFailedException.class, pipeline::run);
        String first = failure.report().runId();
        assertTrue(failure.getMessage().startsWith("pipeline 'nightly' run " + first + " failed at step 'load': "
                + "the disk is full"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("run it again to resume from step 'load'"));
        assertEquals(List.of("extract succeeded 10", "load failed 0"), log(wh).stream()
                .map(l -> l.step() + " " + l.status() + " " + l.rows()).toList());
        assertEquals("the disk is full", log(wh).get(1).error());

        broken.set(false);
        Pipeline.Report resumed = pipeline.run();
        assertTrue(resumed.succeeded());
        assertEquals(java.util.Optional.of(first), resumed.resumedFrom());
        assertEquals(1, extracts.get(), "the step done before is not run again");
        assertEquals(List.of(Pipeline.Status.SKIPPED, Pipeline.Status.SUCCEEDED, Pipeline.Status.SUCCEEDED),
                resumed.steps().stream().map(Pipeline.StepResult::status).toList());
        List<Logged> second = log(wh).stream().filter(l -> l.runId().equals(resumed.runId())).toList();
        assertEquals(List.of("extract skipped", "load succeeded", "report succeeded"),
                second.stream().map(l -> l.step() + " " + l.status()).toList());
        assertTrue(second.stream().allMatch(l -> first.equals(l.resumedFrom())));

        Pipeline.Report fresh = pipeline.run();
        assertTrue(fresh.resumedFrom().isEmpty(), "after a successful run, the next starts from the beginning");
        assertEquals(2, extracts.get());
        // another pipeline's failure does not make this one resume
        assertThrows(Pipeline.RunFailedException.class, () -> Pipeline.on(wh).named("other")
                .steps(Map.of("boom", w -> {
                    throw new IllegalStateException("boom");
                })).run());
        assertTrue(pipeline.run().resumedFrom().isEmpty());
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void twoConcurrentRunsNeverInterleave(TestDatabase db) throws Exception {
        Warehouse one = db.warehouse();
        Warehouse two = db.connect(WarehouseConfig.defaults()); // another pool: other connections
        one.init();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Map<String, Pipeline.Step> steps = new LinkedHashMap<>();
        for (String name : List.of("ingest", "transform", "test")) {
            steps.put(name, w -> {
                if (active.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                Thread.sleep(150);
                active.decrementAndGet();
                return 1;
            });
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Pipeline.Report>> runs = new ArrayList<>();
        for (Warehouse wh : List.of(one, two)) {
            Pipeline p = Pipeline.on(wh).steps(steps).lockWait(Duration.ofSeconds(30));
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return p.run();
            }));
        }
        go.countDown();
        for (CompletableFuture<Pipeline.Report> r : runs) {
            assertTrue(r.get(60, TimeUnit.SECONDS).succeeded());
        }
        assertEquals(0, overlaps.get(), "steps of the two runs overlapped");
        List<Logged> log = log(one);
        assertEquals(6, log.size());
        // in start order, the three steps of one run, then the three of the other
        assertEquals(log.get(0).runId(), log.get(1).runId());
        assertEquals(log.get(0).runId(), log.get(2).runId());
        assertEquals(log.get(3).runId(), log.get(5).runId());
        assertFalse(log.get(3).started().isBefore(log.get(2).finished()), "the second run started before the first "
                + "ended: " + log);
    }

    @EachDatabase
    void aSecondRunFailsClearlyWhenTheLockIsHeldAndNoWaitIsAllowed(TestDatabase db) throws Exception {
        Warehouse other = db.connect(WarehouseConfig.defaults());
        other.init();
        Pipeline pipeline = Pipeline.on(db.warehouse()).steps(Map.of("work", w -> 1)).lockWait(Duration.ZERO);
        try (WarehouseLock held = other.lock(Pipeline.LOCK, Duration.ofSeconds(5))) {
            assertEquals(Pipeline.LOCK, held.name());
            WarehouseException e = CompletableFuture.supplyAsync(() -> assertThrows(WarehouseException.class,
                    pipeline::run)).get(30, TimeUnit.SECONDS);
            assertTrue(e.getMessage().startsWith("lock 'pipeline' on "), e.getMessage());
            assertTrue(e.getMessage().contains("is held by another run"), e.getMessage());
        }
        assertTrue(pipeline.run().succeeded(), "free again once released");
    }

    @EachDatabase
    void theStandardPipelineIngestsTransformsAndTests(Warehouse wh) throws Exception {
        Generator.generate(RawData.small().withMonths(1).withOrdersPerMonth(300).withEvents(2_000), dir);
        try {
            Pipeline.Report report = Pipeline.on(wh).data(dir).transformOptions(MartsMatchJavaTest.OPTIONS).run();
            assertTrue(report.succeeded(), report.toString());
            assertEquals(List.of("ingest", "transform", "test"), report.steps().stream()
                    .map(Pipeline.StepResult::step).toList());
            assertTrue(report.steps().stream().allMatch(s -> s.rows() > 0), report.toString());
            assertTrue(Tables.count(wh, "SELECT COUNT(*) FROM ${marts:fct_orders}") > 200);
            assertEquals(3, log(wh).stream().filter(l -> l.status().equals("succeeded")).count());
            // nothing new: the files are skipped, the models merge nothing new, the tests pass again
            Pipeline.Report again = Pipeline.on(wh).data(dir).transformOptions(MartsMatchJavaTest.OPTIONS).run();
            assertTrue(again.succeeded());
        } finally {
            Tables.dropModels(wh);
        }
    }

    /** Planted problems: the fixture's data set, problems on. */
    static final GeneratorOptions PROBLEMS = GeneratorOptions.defaults().withCustomers(400).withProducts(80)
            .withMonths(1).withEvents(3_000).withOrdersPerMonth(600).withSeed(19).withProblems(true);

    @EachDatabase
    void theReportSaysWhatIngestDidPerSourceAndAPoolOfOneIsEnough(TestDatabase db) {
        GeneratedData data = GeneratedData.of(PROBLEMS);
        Manifest.Problems problems = data.manifest().truth().problems();
        Warehouse wh = db.connect(WarehouseConfig.defaults().withPoolSize(1));
        try {
            Pipeline.Report report = CompletableFuture.supplyAsync(() -> Pipeline.on(wh).data(data.dir())
                    .ingestOptions(IngestOptions.defaults().withClock(
                            Db.startOf(data.manifest().truth().window().endExclusive())))
                    .transformOptions(MartsMatchJavaTest.OPTIONS).run()).get(120, TimeUnit.SECONDS);
            assertTrue(report.succeeded(), report.toString());
            IngestReport ingest = report.ingest().orElseThrow();
            SourceReport orders = ingest.source(SourceKind.ORDERS).orElseThrow();
            assertEquals(data.manifest().truth().orders().fileRows(), orders.read());
            assertEquals(problems.duplicateOrderLines(), orders.duplicates());
            assertEquals(Map.of("negative_price", problems.negativePrices(), "unknown_product",
                    problems.unknownProducts(), "future_date", problems.futureDates()), orders.rejectionsByRule());
            SourceReport events = ingest.source(SourceKind.EVENTS).orElseThrow();
            assertEquals(Map.of("malformed_json", problems.malformedJsonLines()), events.rejectionsByRule());
            assertEquals(ingest.sources().stream().mapToLong(SourceReport::loaded).sum(),
                    report.step("ingest").orElseThrow().rows());
            // a run that ingests nothing new says so: every file skipped
            Pipeline.Report again = Pipeline.on(wh).data(data.dir()).transformOptions(MartsMatchJavaTest.OPTIONS).run();
            assertTrue(again.ingest().orElseThrow().sources().stream().allMatch(SourceReport::skipped));
            assertTrue(Pipeline.on(wh).transformOptions(MartsMatchJavaTest.OPTIONS).run().ingest().isEmpty());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            Tables.dropModels(wh);
        }
    }
}
