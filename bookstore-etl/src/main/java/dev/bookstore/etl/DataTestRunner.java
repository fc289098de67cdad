package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
        SqlMacros macros = new SqlMacros(wh.dialect(), () -> {
            throw new BookstoreException(where + ": a data test cannot use pii_hash");
        }, Optional.empty());
        return wh.render(macros.render("SELECT COUNT(*) FROM (\n" + failing + "\n) f", where));
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
        TableName table = wh.table(Layer.META, "data_test_results");
        wh.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.sql() + " (run_id, test_name, model, "
                    + "severity, status, failing_rows, executed_at, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < results.size(); i++) {
                    DataTestResult r = results.get(i);
                    ps.setString(1, runId);
                    ps.setString(2, r.test());
                    ps.setString(3, r.model());
                    ps.setString(4, r.severity().name().toLowerCase(java.util.Locale.ROOT));
                    ps.setString(5, r.status().name().toLowerCase(java.util.Locale.ROOT));
                    ps.setLong(6, r.failingRows());
                    ps.setObject(7, LocalDateTime.ofInstant(times.get(i), ZoneOffset.UTC));
                    if (r.message().isEmpty()) {
                        ps.setNull(8, java.sql.Types.VARCHAR);
                    } else {
                        ps.setString(8, r.message());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
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
