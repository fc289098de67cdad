package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.BulkWriter;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.SqlResources;
import dev.bookstore.model.sql.TableName;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes model results back to a mart the models own ({@code customer_clv}, {@code demand_forecast}): creates the
 * table when missing (resource {@code <mart>_create}, whose header documents the mart for {@code bookstore docs},
 * listed in {@code META-INF/bookstore/written-marts.list}), then in one transaction deletes the rows of the same
 * key (resource {@code <mart>_delete}, e.g. the as-of day) and appends the new rows with the database's bulk writer
 * (the DuckDB Appender, PostgreSQL {@code COPY}, MariaDB multi-row inserts, H2 batches).
 */
final class MartWriter {
    private MartWriter() {
    }

    /**
     * @param wh the warehouse
     * @param mart the mart's name (the resources' prefix)
     * @param key the delete statement's binds (values bound with {@code setObject})
     * @param columns the columns {@code values} gives, in its order
     * @param rows the rows
     * @param values one row's values ({@code String}, {@code Integer}, {@code Double}, {@code LocalDate}, null)
     * @return rows written
     */
    static <T> int replace(Warehouse wh, String mart, Map<String, Object> key, List<String> columns, List<T> rows,
                           Function<T, Object[]> values) {
        String create = wh.render(SqlResources.load(MartWriter.class, mart + "_create"));
        String delete = wh.render(SqlResources.load(MartWriter.class, mart + "_delete"));
        TableName table = wh.table(Layer.MARTS, mart);
        wh.withHandle(h -> h.execute(create));
        return wh.inJdbcTransaction(c -> {
            wh.withHandle(c, h -> {
                var update = h.createUpdate(delete);
                key.forEach((name, value) -> update.bind(name, object(value)));
                return update.execute();
            });
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, table, columns)) {
                for (T row : rows) {
                    w.row(values.apply(row));
                }
                w.finish();
            }
            return rows.size();
        });
    }

    /** A value bound with {@code setObject} (DuckDB's driver rejects Jdbi's typed date binding). */
    static org.jdbi.v3.core.argument.Argument object(Object value) {
        return (position, statement, ctx) -> statement.setObject(position, value);
    }
}
