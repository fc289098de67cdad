package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load's scratch table, {@code meta.ingest_scratch_<kind>} (or the connection's temporary table of that name
 * where the dialect has a {@link dev.bookstore.model.sql.Dialect#scratchTable scratch schema}), and the set-based move of its rows into the raw
 * table, which is where duplicates are found: the database, not the JVM, holds the keys, so memory stays flat
 * however large the input.
 *
 * <p>Valid rows are bulk-loaded (through the dialect's bulk writer) into the scratch table with their lineage,
 * their position in the load ({@code stage_row}) and the names of the warning rules they failed. The move then,
 * inside the load's transaction, inserts with one {@code INSERT ... SELECT} the staged rows that are the first
 * of the load with their natural key ({@code ROW_NUMBER() OVER (PARTITION BY key ORDER BY stage_row) = 1}) and
 * whose key is not in the raw table yet ({@code NOT EXISTS}), numbering order lines ({@code line_no}) after the
 * highest line number their order already has. Duplicates are {@code staged - inserted}; the warnings of the
 * duplicates (found by a look-up of the few staged rows that have warnings) are taken off the staged warnings.
 *
 * <p>The scratch table is created before the load's transaction and dropped after it (on MariaDB and H2 a
 * {@code CREATE TABLE} would commit the transaction), with autocommit on. Loads are serialised by the ingest lock,
 * so one name per kind is enough; a table left by a killed process is dropped by the next load.
 */
final class Stage {
    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    /** The lineage and bookkeeping columns of the scratch table, after the plan's columns. */
    static final List<String> BOOKKEEPING = List.of("source_name", "source_line", "stage_row", "warnings");

    private final Warehouse wh;
    private final Plan<?> plan;
    private final TableName table;
    private final TableName raw;

    private Stage(Warehouse wh, Plan<?> plan) {
        this.wh = wh;
        this.plan = plan;
        this.table = wh.dialect().scratchTable(wh.table(Layer.META, "ingest_scratch_" + plan.kind().code()));
        this.raw = wh.table(Layer.RAW, plan.kind().table());
    }

    /** Creates the scratch table of {@code plan}'s kind (replacing a leftover one); autocommit must be on. */
    static Stage create(Connection c, Warehouse wh, Plan<?> plan) throws SQLException {
        Stage stage = new Stage(wh, plan);
        List<String> ddl = new ArrayList<>();
        if (!plan.lookupIndex().isEmpty()) {
            ddl.addAll(wh.dialect().createIndex(stage.raw, stage.raw.name() + "_natural_key", plan.lookupIndex()));
        }
        ddl.add("DROP TABLE IF EXISTS " + stage.table.sql());
        ddl.add(wh.dialect().createScratchTable(stage.table, "SELECT " + String.join(", ", plan.columns())
                + ", source_name, source_line FROM " + stage.raw.sql() + " WHERE 1 = 0"));
        ddl.add("ALTER TABLE " + stage.table.sql() + " ADD COLUMN stage_row BIGINT");
        ddl.add("ALTER TABLE " + stage.table.sql() + " ADD COLUMN warnings VARCHAR(1000)");
        plan.stageOnlyColumns().forEach((name, type) ->
                ddl.add("ALTER TABLE " + stage.table.sql() + " ADD COLUMN " + name + " " + type));
        try (Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
        return stage;
    }

    /** The scratch table. */
    TableName table() {
        return table;
    }

    /** The columns a {@link RowWriter} writes, in order: the plan's, the stage-only ones, then bookkeeping. */
    List<String> columns() {
        List<String> all = new ArrayList<>(plan.columns());
        all.addAll(plan.stageOnlyColumns().keySet());
        all.addAll(BOOKKEEPING);
        return List.copyOf(all);
    }

    /** Drops the scratch table; autocommit must be on. A failure is logged, not thrown (the next load drops it). */
    void drop(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table.sql());
        } catch (SQLException e) {
            LOG.debug("could not drop {} (the next load will): {}", table, e.getMessage());
        }
    }

    /** What a move did. @param inserted rows inserted @param warnings inserted rows per failed warning rule */
    record Moved(long inserted, Map<String, Long> warnings) {
    }

    /**
     * Inserts the staged rows that are first in the load with their natural key and whose key is not in the raw
     * table yet, then works out the warnings of the inserted rows.
     *
     * @param stagedWarnings staged rows per failed warning rule (counted while staging)
     */
    Moved move(Connection c, String loadId, Map<String, Long> stagedWarnings) throws SQLException {
        NaturalKey key = plan.naturalKey();
        List<String> target = new ArrayList<>(plan.columns());
        List<String> select = plan.columns().stream().map(col -> "s." + col).collect(Collectors.toList());
        // the highest line number an order already has is looked up inside the derived table, so that it is
        // computed before any row is inserted (PostgreSQL would otherwise probe an index that is growing)
        String base = "";
        if (plan.numbersLines()) {
            target.add("line_no");
            select.add("COALESCE(s.base_line, 0) + ROW_NUMBER() OVER (PARTITION BY s.order_id ORDER BY s.stage_row)");
            base = ", (SELECT MAX(m.line_no) FROM " + raw.sql() + " m WHERE m.order_id = t.order_id) AS base_line";
        }
        target.addAll(List.of("source_name", "source_line", "load_id"));
        select.addAll(List.of("s.source_name", "s.source_line", "?"));
        long inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + raw.sql() + " (" + String.join(", ", target)
                + ") SELECT " + String.join(", ", select) + " FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY "
                + key.list("t") + " ORDER BY t.stage_row) AS occurrence" + base + " FROM " + table.sql() + " t) s "
                + "WHERE s.occurrence = 1 AND NOT EXISTS (SELECT 1 FROM " + raw.sql() + " r WHERE "
                + key.equal("r", "s") + ")")) {
            ps.setString(1, loadId);
            inserted = ps.executeUpdate();
        }
        Map<String, Long> warnings = new TreeMap<>(stagedWarnings);
        if (!warnings.isEmpty()) {
            // subtract the warnings of staged rows that were not inserted (duplicates)
            try (PreparedStatement ps = c.prepareStatement("SELECT s.warnings, COUNT(*) FROM " + table.sql()
                    + " s WHERE s.warnings IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + raw.sql() + " r WHERE "
                    + key.equal("r", "s") + " AND r.load_id = ? AND r.source_name = s.source_name "
                    + "AND r.source_line = s.source_line) GROUP BY s.warnings")) {
                ps.setString(1, loadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(2);
                        for (String rule : rs.getString(1).split(",")) {
                            warnings.merge(rule, -n, Long::sum);
                        }
                    }
                }
            }
            warnings.values().removeIf(n -> n == 0);
        }
        return new Moved(inserted, warnings);
    }
}
