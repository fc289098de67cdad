package dev.bookstore.model.sql;

import java.util.List;
import java.util.Locale;

/**
 * What the schema-capable databases (DuckDB, PostgreSQL, H2) share: double-quoted identifiers, a schema per layer,
 * ordered-set percentiles, {@code date_trunc}, and (overridable) {@code INSERT ... ON CONFLICT} upserts.
 */
abstract class StandardDialect implements Dialect {
    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public boolean layersAreSchemas() {
        return true;
    }

    @Override
    public String upsert(TableName table, List<String> columns, List<String> keyColumns) {
        return Upserts.onConflict(table, columns, keyColumns);
    }

    @Override
    public String dateTrunc(DateUnit unit, String expr) {
        return "CAST(date_trunc('" + unit.name().toLowerCase(Locale.ROOT) + "', " + expr + ") AS DATE)";
    }

    @Override
    public String percentiles(String relation, List<String> groupBy, String valueExpr, double... fractions) {
        return StandardPercentiles.query(relation, groupBy, valueExpr, fractions);
    }
}
