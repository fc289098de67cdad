package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs data tests: each test's query counts the rows that break its rule. Results are returned and stored in
 * {@code meta.data_test_results} with the run id.
 */
final class DataTestRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DataTestRunner.class);

    private final Warehouse wh;
    private final ModelGraph graph;

    DataTestRunner(Warehouse wh, ModelGraph graph) {
        this.wh = wh;
        this.graph = graph;
    }

    /** The tests of {@code models}: declared ones, then custom ones, each group by name. */
    List<DataTest> testsOf(List<Model> models) {
        List<DataTest> out = new ArrayList<>();
        for (Model m : models) {
            List<DataTest> own = new ArrayList<>(m.tests());
            own.sort(Comparator.comparing(DataTest::name));
            out.addAll(own);
            graph.customTests().stream().filter(t -> t.model().equals(m.name()))
                    .sorted(Comparator.comparing(DataTest::name)).forEach(out::add);
        }
        return out;
    }

    /** The SQL counting a test's failing rows, rendered for this warehouse. */
    String countSql(DataTest t) {
        String failing = t.failingRowsSql(name -> "${" + graph.model(name).layer().word() + ":" + name + "}");
        String where = t instanceof DataTest.Custom c ? c.resource() : "test " + t.name();
        return TransformMacros.render(wh, "SELECT COUNT(*) FROM (\n" + failing + "\n) f", where,
                TransformMacros.of(wh.dialect(), () -> {
                    throw new InvalidArgumentException(where + ": a data test cannot use pii_hash");
                }, Optional.empty()));
    }

    DataTestReport run(List<Model> models) {
        String runId = UUID.randomUUID().toString();
        List<DataTestResult> results = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (DataTest t : testsOf(models)) {
            times.add(Instant.now());
            results.add(run(t));
        }
        store(runId, results, times);
        return new DataTestReport(runId, results);
    }

    private DataTestResult run(DataTest t) {
        String sql;
        try {
            sql = countSql(t);
        } catch (BookstoreException e) {
            return new DataTestResult(t.name(), t.model(), 0, t.severity(), DataTestResult.Status.ERROR,
                    e.getMessage());
        }
        try {
            long failing = wh.withConnection(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            DataTestResult.Status status = failing == 0 ? DataTestResult.Status.PASS
                    : t.severity() == DataTestResult.Severity.WARN ? DataTestResult.Status.WARN
                    : DataTestResult.Status.FAIL;
            LOG.debug("{} on {}: {} failing rows", t.name(), t.model(), failing);
            return new DataTestResult(t.name(), t.model(), failing, t.severity(), status, "");
        } catch (RuntimeException e) {
            String why = "could not run on " + wh.dialect().name() + " (was model " + t.model()
                    + " built?): " + rootMessage(e);
            return new DataTestResult(t.name(), t.model(), 0, t.severity(), DataTestResult.Status.ERROR, why);
        }
    }

    private void store(String runId, List<DataTestResult> results, List<Instant> times) {
        if (results.isEmpty()) {
            return;
        }
        wh.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(SqlResources.load(DataTestRunner.class, "record_data_test_result"));
            for (int i = 0; i < results.size(); i++) {
                DataTestResult r = results.get(i);
                batch.bind("run_id", runId)
                        .bind("test_name", r.test())
                        .bind("model", r.model())
                        .bind("severity", r.severity().name().toLowerCase(java.util.Locale.ROOT))
                        .bind("status", r.status().name().toLowerCase(java.util.Locale.ROOT))
                        .bind("failing_rows", r.failingRows())
                        .bind("executed_at", times.get(i))
                        .bind("message", r.message().isEmpty() ? null : r.message())
                        .add();
            }
            return batch.execute();
        });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t instanceof SQLException || t.getMessage() != null ? t.getMessage() : t.toString();
        return m == null ? t.toString() : m.strip();
    }
}
