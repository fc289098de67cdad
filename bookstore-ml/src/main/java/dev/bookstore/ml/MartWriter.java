package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes model results back to a mart the models own ({@code customer_clv}, {@code demand_forecast}): creates the
 * table when missing, then in one transaction deletes the rows of the same key (e.g. the as-of day) and inserts the
 * new rows in one batch. The SQL is in the resources {@code <mart>_create}, {@code <mart>_delete} and
 * {@code <mart>_insert} beside this class; the create file's header documents the mart for {@code bookstore docs}
 * (listed in {@code META-INF/bookstore/written-marts.list}).
 */
final class MartWriter {
    private MartWriter() {
    }

    /**
     * @param wh the warehouse
     * @param mart the mart's name (the resources' prefix)
     * @param key the delete statement's binds (values bound with {@code setObject})
     * @param rows the rows
     * @param bind binds one row's values (then the row is added to the batch)
     * @return rows written
     */
    static <T> int replace(Warehouse wh, String mart, Map<String, Object> key, List<T> rows,
                           BiConsumer<PreparedBatch, T> bind) {
        String create = wh.render(SqlResources.load(MartWriter.class, mart + "_create"));
        String delete = wh.render(SqlResources.load(MartWriter.class, mart + "_delete"));
        String insert = wh.render(SqlResources.load(MartWriter.class, mart + "_insert"));
        wh.withHandle(h -> h.execute(create));
        return wh.inTransaction(h -> {
            var update = h.createUpdate(delete);
            key.forEach((name, value) -> update.bind(name, object(value)));
            update.execute();
            PreparedBatch batch = h.prepareBatch(insert);
            for (T row : rows) {
                bind.accept(batch, row);
                batch.add();
            }
            if (!rows.isEmpty()) {
                batch.execute();
            }
            return rows.size();
        });
    }

    /** A value bound with {@code setObject} (DuckDB's driver rejects Jdbi's typed date binding). */
    static org.jdbi.v3.core.argument.Argument object(Object value) {
        return (position, statement, ctx) -> statement.setObject(position, value);
    }
}
