package dev.bookstore.model;

import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.SqlResources;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.WarehouseLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.JdbiException;

/**
 * The versioned warehouse schema: the migrations in {@code dev/bookstore/model/schema/V<n>__<name>.sql}, applied in
 * order, each recorded in {@code meta.schema_version}.
 */
final class Schema {
    /** Every migration, in order. Add a file and a line here to change the schema. */
    static final List<String> MIGRATIONS = List.of("V1__raw_layer.sql", "V2__ingest.sql", "V3__transform.sql",
            "V4__ingest_sources.sql", "V5__model_health.sql");

    private static final Duration INIT_LOCK_WAIT = Duration.ofMinutes(2);
    private final Warehouse wh;

    Schema(Warehouse wh) {
        this.wh = wh;
    }

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    TableName versionTable() {
        return wh.table(Layer.META, "schema_version");
    }

    TableName settingsTable() {
        return wh.table(Layer.META, "settings");
    }

    int currentVersion() {
        try {
            return wh.withHandle(h -> h.createQuery(SqlResources.load(Schema.class, "schema_current_version"))
                    .map((rs, ctx) -> rs.getInt(1)).one());
        } catch (JdbiException | NotReadyException e) {
            return 0; // no version table yet (Warehouse.withHandle reports it as NotReadyException)
        }
    }

    SchemaChange migrate() {
        createSchemas();
        try (WarehouseLock lock = wh.lock("schema-init", INIT_LOCK_WAIT)) {
            wh.withConnection(c -> {
                execute(c, wh.dialect().withTableOptions(wh.render(SqlResources.load(Schema.class,
                        "schema_version_table"))));
                execute(c, wh.dialect().withTableOptions(wh.render(SqlResources.load(Schema.class,
                        "settings_table"))));
                return null;
            });
            int from = currentVersion();
            if (from > latestVersion()) {
                throw new WarehouseException("the warehouse on " + wh.description() + " has schema version " + from
                        + ", newer than this library knows (" + latestVersion() + "): upgrade Bookstore Analytics");
            }
            for (int v = from + 1; v <= latestVersion(); v++) {
                apply(v, MIGRATIONS.get(v - 1));
            }
            checkSetting("reporting_zone", wh.calendar().zone().getId());
            return new SchemaChange(from, latestVersion());
        }
    }

    private void createSchemas() {
        Set<String> statements = new LinkedHashSet<>();
        for (Layer layer : Layer.values()) {
            statements.addAll(wh.dialect().createSchemaFor(wh.table(layer, "x")));
        }
        if (!statements.isEmpty()) {
            wh.withConnection(c -> {
                for (String s : statements) {
                    execute(c, s);
                }
                return null;
            });
        }
    }

    private void apply(int version, String file) {
        String description = file.substring(file.indexOf("__") + 2, file.length() - 4);
        List<String> statements = statements(wh.render(read(file))).stream()
                .map(s -> s.stripLeading().regionMatches(true, 0, "CREATE TABLE", 0, 12)
                        ? wh.dialect().withTableOptions(s) : s)
                .toList();
        wh.inTransaction(h -> {
            for (String s : statements) {
                try {
                    h.execute(s);
                } catch (JdbiException e) {
                    String cause = e.getCause() instanceof SQLException sql ? sql.getMessage() : e.getMessage();
                    throw new WarehouseException("schema migration " + file + " failed on " + wh.dialect().name()
                            + " at statement:\n" + s + "\n" + cause, e);
                }
            }
            return h.createUpdate(SqlResources.load(Schema.class, "schema_record_version")).bind("version", version)
                    .bind("description", description)
                    .bind("applied_at", Instant.now()).execute();
        });
    }

    private void checkSetting(String name, String expected) {
        Optional<String> stored = wh.withHandle(h -> h.createQuery(SqlResources.load(Schema.class, "setting"))
                .bind("name", name).mapTo(String.class).findOne());
        if (stored.isEmpty()) {
            wh.withHandle(h -> h.createUpdate(SqlResources.load(Schema.class, "store_setting")).bind("name", name)
                    .bind("value", expected).execute());
        } else if (!stored.get().equals(expected)) {
            throw new WarehouseException("the warehouse on " + wh.description() + " was initialised with " + name
                    + " '" + stored.get() + "' but the configuration says '" + expected + "': business days "
                    + "already stored would disagree; use the stored value or a new namespace");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String read(String file) {
        return SqlResources.load(Schema.class, "schema/" + file);
    }

    /** Splits a script into statements at semicolons ending a line; drops {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
