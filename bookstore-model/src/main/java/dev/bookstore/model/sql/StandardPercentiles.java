package dev.bookstore.model.sql;

import java.util.ArrayList;
import java.util.List;

/** Percentiles as ordered-set aggregates ({@code PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY v)}). */
final class StandardPercentiles {
    private StandardPercentiles() {
    }

    static String query(String relation, List<String> groupBy, String valueExpr, double... fractions) {
        checkFractions(fractions);
        List<String> select = new ArrayList<>(groupBy);
        for (int i = 0; i < fractions.length; i++) {
            select.add("PERCENTILE_CONT(" + fractions[i] + ") WITHIN GROUP (ORDER BY " + valueExpr + ") AS p" + i);
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + relation + " WHERE " + valueExpr
                + " IS NOT NULL";
        if (!groupBy.isEmpty()) {
            sql += " GROUP BY " + String.join(", ", groupBy);
        }
        return sql + " HAVING COUNT(*) > 0";
    }

    static void checkFractions(double... fractions) {
        if (fractions.length == 0) {
            throw new IllegalArgumentException("percentiles need at least one fraction");
        }
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("percentile fraction " + f + " is outside [0, 1]");
            }
        }
    }
}
