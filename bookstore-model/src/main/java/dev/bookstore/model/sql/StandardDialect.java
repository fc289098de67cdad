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

    /** {@code UPDATE ... FROM}, as PostgreSQL and DuckDB write it. */
    @Override
    public String updateFrom(TableName target, TableName source, List<String> keyColumns, List<String> columns) {
        return "UPDATE " + target.sql() + " AS t SET " + assignments(columns, "") + " FROM " + source.sql()
                + " AS s WHERE " + keyMatch(keyColumns);
    }

    /** {@code c1 = s.c1, c2 = s.c2}, each target column prefixed with {@code targetPrefix}. */
    static String assignments(List<String> columns, String targetPrefix) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("at least one column to set is needed");
        }
        StringBuilder out = new StringBuilder();
        for (String c : columns) {
            Identifiers.require(c, "column name");
            out.append(out.length() == 0 ? "" : ", ").append(targetPrefix).append(c).append(" = s.").append(c);
        }
        return out.toString();
    }

    /** {@code t.k1 = s.k1 AND t.k2 = s.k2}. */
    static String keyMatch(List<String> keyColumns) {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("at least one key column is needed");
        }
        StringBuilder out = new StringBuilder();
        for (String k : keyColumns) {
            Identifiers.require(k, "key column");
            out.append(out.length() == 0 ? "" : " AND ").append("t.").append(k).append(" = s.").append(k);
        }
        return out.toString();
    }

    @Override
    public String percentiles(String relation, List<String> groupBy, String valueExpr, double... fractions) {
        return StandardPercentiles.query(relation, groupBy, valueExpr, fractions);
    }
}
