package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.RelationKind;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.SqlResources;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one model into the warehouse according to its materialisation. The database does all the set work
 * ({@code INSERT ... SELECT}); no row passes through the JVM.
 *
 * <ul>
 *   <li>table: create the table from the declared columns if missing (or re-create it when the declared columns
 *       changed), then delete every row and insert the model's rows in one transaction;</li>
 *   <li>view: replace the view;</li>
 *   <li>incremental: as a table on the first run or a full refresh; otherwise compute the rows whose date column is
 *       on or after (newest stored date − look-back days) into a work table, then in one transaction delete the
 *       stored rows of that window and any stored row whose key was recomputed, and insert the work table;</li>
 *   <li>snapshot: compare the model's rows with the current versions; close changed versions and insert new ones,
 *       insert new keys, overwrite the unchecked columns in place.</li>
 * </ul>
 */
final class ModelBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ModelBuilder.class);

    private final Warehouse wh;
    private final Dialect dialect;
    private final Supplier<String> salt;
    private final LocalDate snapshotDay;

    /** What building one model did. */
    record Outcome(ModelRun.Mode mode, Optional<LocalDate> windowStart, long rows) {
    }

    ModelBuilder(Warehouse wh, Supplier<String> salt, LocalDate snapshotDay) {
        this.wh = wh;
        this.dialect = wh.dialect();
        this.salt = salt;
        this.snapshotDay = snapshotDay;
    }

    TableName relation(Model m) {
        return wh.table(m.layer(), m.name());
    }

    /** The model's SELECT with macros and placeholders rendered, restricted to its declared columns by name. */
    String select(Model m, Optional<LocalDate> windowStart) {
        String body = TransformMacros.render(wh, m.sql(), m.resource(), TransformMacros.of(dialect, salt, windowStart));
        return "SELECT " + String.join(", ", selectColumns(m)) + " FROM (\n" + body + "\n) m";
    }

    /** The columns the model's SELECT returns: all declared ones, less those a snapshot maintains. */
    static List<String> selectColumns(Model m) {
        List<String> managed = m.snapshot().map(Model.Snapshot::managedColumns).orElse(List.of());
        return m.columnNames().stream().filter(c -> !managed.contains(c)).toList();
    }

    Outcome build(Model m, boolean fullRefresh) throws SQLException {
        return switch (m.materialization()) {
            case VIEW -> view(m);
            case TABLE -> wh.withHandle(h -> {
                ensureTable(h.getConnection(), m);
                return new Outcome(ModelRun.Mode.FULL, Optional.empty(), replaceAll(h, m));
            });
            case INCREMENTAL -> incremental(m, fullRefresh);
            case SNAPSHOT -> snapshot(m);
        };
    }

    private Outcome view(Model m) {
        TableName v = relation(m);
        String sql = select(m, Optional.empty());
        return wh.withConnection(c -> {
            if (dialect.runtime().relationKind(c, v).equals(Optional.of(RelationKind.TABLE))) {
                Relations.execute(c, "DROP TABLE " + v.sql());
            }
            for (String s : dialect.replaceView(v, sql)) {
                Relations.execute(c, s);
            }
            return new Outcome(ModelRun.Mode.VIEW, Optional.empty(), 0);
        });
    }

    /**
     * Creates the model's table from its declared columns unless a table with exactly those columns exists; returns
     * whether it was (re)created.
     */
    boolean ensureTable(Connection c, Model m) throws SQLException {
        TableName t = relation(m);
        Optional<RelationKind> kind = dialect.runtime().relationKind(c, t);
        if (kind.equals(Optional.of(RelationKind.TABLE)) && Relations.columns(c, t).equals(m.columnNames())) {
            createDeclaredIndexes(c, t, m); // IF NOT EXISTS: adds an index declared after the table was created
            return false;
        }
        if (kind.isPresent()) {
            LOG.debug("re-creating {}: its columns differ from the declared ones", t);
            Relations.execute(c, (kind.get() == RelationKind.VIEW ? "DROP VIEW " : "DROP TABLE ") + t.sql());
        }
        Relations.execute(c, createTable(t, m.columns()));
        for (String s : dialect.layoutTable(t, m.partitionBy(), m.indexes().isEmpty() ? List.of() : m.indexes().get(0))) {
            Relations.execute(c, s);
        }
        if (!m.uniqueKey().isEmpty()) {
            for (String s : dialect.createIndex(t, Relations.shortName("ix_", t.sql()), m.uniqueKey())) {
                Relations.execute(c, s);
            }
        }
        createDeclaredIndexes(c, t, m);
        return true;
    }

    /** Creates the model's declared indexes ({@code -- index:}) unless they exist; none where the dialect needs none. */
    private void createDeclaredIndexes(Connection c, TableName t, Model m) throws SQLException {
        for (List<String> index : m.indexes()) {
            String name = Relations.shortName("ix_", t.sql() + "(" + String.join(",", index) + ")");
            for (String s : dialect.createIndex(t, name, index)) {
                Relations.execute(c, s);
            }
        }
    }

    private String createTable(TableName t, List<ModelColumn> columns) {
        return dialect.withTableOptions(wh.render(SqlResources.load(ModelBuilder.class, "create_table"), Map.of(
                "table", t.sql(), "columns", columns.stream().map(col -> col.name() + " " + col.type())
                        .collect(Collectors.joining(", ")))));
    }

    /** Runs statement {@code name} (a resource beside this class) on {@code h} with fragments and parameters. */
    private static long update(Handle h, String name, Map<String, String> fragments, Map<String, ?> params) {
        Update u = h.createUpdate(SqlResources.load(ModelBuilder.class, name));
        fragments.forEach(u::define);
        params.forEach(u::bind);
        return u.execute();
    }

    /** Deletes every row and inserts the model's rows, in one transaction. */
    private long replaceAll(Handle h, Model m) throws SQLException {
        TableName t = relation(m);
        Map<String, String> insert = Map.of("table", t.sql(), "columns", String.join(", ", m.columnNames()),
                "select", select(m, Optional.empty()));
        Connection c = h.getConnection();
        return Relations.inTransaction(c, () -> {
            Relations.update(c, dialect.deleteAll(t));
            return update(h, "insert_select", insert, Map.of());
        });
    }

    private Outcome incremental(Model m, boolean fullRefresh) throws SQLException {
        Model.Incremental inc = m.incremental().orElseThrow();
        TableName t = relation(m);
        return wh.withHandle(h -> {
            Connection c = h.getConnection();
            boolean created = ensureTable(c, m);
            Optional<LocalDate> newest = created ? Optional.empty() : maxDate(h, t, inc.dateColumn());
            if (fullRefresh || newest.isEmpty()) {
                return new Outcome(ModelRun.Mode.FULL, Optional.empty(), replaceAll(h, m));
            }
            LocalDate windowStart = newest.get().minusDays(inc.lookbackDays());
            TableName work = wh.table(m.layer(), Relations.shortName("tx_", m.name()));
            String cols = String.join(", ", m.columnNames());
            Relations.drop(wh, c, work);
            Relations.execute(c, createTable(work, m.columns()));
            Map<String, LocalDate> window = Map.of("window_start", windowStart);
            try {
                update(h, "incremental_window_rows", Map.of("work", work.sql(), "columns", cols,
                        "select", select(m, Optional.of(windowStart)), "date_column", inc.dateColumn()), window);
                long rows = Relations.inTransaction(c, () -> {
                    update(h, "incremental_delete_window", Map.of("table", t.sql(), "date_column", inc.dateColumn()),
                            window);
                    Relations.update(c, dialect.deleteMatching(t, work, m.uniqueKey()));
                    return update(h, "insert_from", Map.of("table", t.sql(), "columns", cols, "source", work.sql()),
                            Map.of());
                });
                return new Outcome(ModelRun.Mode.INCREMENTAL, Optional.of(windowStart), rows);
            } finally {
                Relations.drop(wh, c, work);
            }
        });
    }

    private static Optional<LocalDate> maxDate(Handle h, TableName t, String column) {
        return h.createQuery(SqlResources.load(ModelBuilder.class, "max_date")).define("table", t.sql())
                .define("column", column).map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .one();
    }

    private Outcome snapshot(Model m) throws SQLException {
        Model.Snapshot snap = m.snapshot().orElseThrow();
        String key = m.uniqueKey().get(0);
        TableName t = relation(m);
        TableName source = wh.table(m.layer(), Relations.shortName("tx_", m.name()));
        TableName changes = wh.table(m.layer(), Relations.shortName("ty_", m.name()));
        List<String> sourceCols = selectColumns(m);
        List<ModelColumn> sourceDecl = m.columns().stream().filter(col -> sourceCols.contains(col.name())).toList();
        List<String> overwrite = sourceCols.stream()
                .filter(col -> !col.equals(key) && !snap.checkColumns().contains(col)).toList();
        Map<String, LocalDate> day = Map.of("snapshot_day", snapshotDay);
        String keyType = m.column(key).orElseThrow().type();
        return wh.withHandle(h -> {
            Connection c = h.getConnection();
            ensureTable(c, m);
            Relations.drop(wh, c, source);
            Relations.drop(wh, c, changes);
            Relations.execute(c, createTable(source, sourceDecl));
            Relations.execute(c, dialect.withTableOptions(wh.render(SqlResources.load(ModelBuilder.class,
                    "snapshot_changes_table"), Map.of("changes", changes.sql(), "key", key, "key_type", keyType))));
            try {
                String srcCols = String.join(", ", sourceCols);
                update(h, "insert_select", Map.of("table", source.sql(), "columns", srcCols,
                        "select", select(m, Optional.empty())), Map.of());
                String changed = snap.checkColumns().stream().map(col -> "(s." + col + " <> v." + col + " OR (s."
                        + col + " IS NULL AND v." + col + " IS NOT NULL) OR (s." + col + " IS NOT NULL AND v." + col
                        + " IS NULL))").collect(Collectors.joining(" OR "));
                update(h, "snapshot_changed_versions", Map.of("changes", changes.sql(), "key", key,
                        "source", source.sql(), "table", t.sql(), "changed", changed), day);
                Map<String, String> versions = Map.of("table", t.sql(), "key", key, "source", source.sql(),
                        "changes", changes.sql(),
                        "all_columns", srcCols + ", " + String.join(", ", snap.managedColumns()),
                        "source_columns", sourceCols.stream().map(col -> "s." + col).collect(Collectors.joining(", ")),
                        "first_valid_from", snap.initialValidFrom()
                                .map(col -> "COALESCE(s." + col + ", CAST(:snapshot_day AS DATE))")
                                .orElse("CAST(:snapshot_day AS DATE)"));
                long rows = Relations.inTransaction(c, () -> {
                    long n = Relations.update(c, dialect.updateFrom(t, changes, List.of(key, "version_number"),
                            List.of("valid_to", "is_current")));
                    n += update(h, "snapshot_new_versions", versions, Map.of());
                    n += update(h, "snapshot_new_keys", versions, day);
                    if (!overwrite.isEmpty()) {
                        Relations.update(c, dialect.updateFrom(t, source, List.of(key), overwrite));
                    }
                    return n;
                });
                return new Outcome(ModelRun.Mode.SNAPSHOT, Optional.empty(), rows);
            } finally {
                Relations.drop(wh, c, source);
                Relations.drop(wh, c, changes);
            }
        });
    }

    /** Drops the model's relation if there is one. */
    void drop(Model m) {
        wh.withConnection(c -> {
            Relations.drop(wh, c, relation(m));
            return null;
        });
    }

    /** Names of the models' relations that exist, in the given order. */
    List<TableName> existing(List<Model> models) {
        return wh.withConnection(c -> {
            List<TableName> out = new ArrayList<>();
            for (Model m : models) {
                if (dialect.runtime().relationKind(c, relation(m)).isPresent()) {
                    out.add(relation(m));
                }
            }
            return out;
        });
    }
}
