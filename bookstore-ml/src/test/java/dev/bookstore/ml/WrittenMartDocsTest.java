package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.DocsFiles;
import dev.bookstore.etl.Transform;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Transform.docs} documents the marts the ml models write (customer_clv, demand_forecast) from their
 * create-table headers, with their row counts; the documented columns are exactly the columns of the tables the
 * writers create, on every database.
 */
class WrittenMartDocsTest {
    private static final Pattern SECTION_COLUMN = Pattern.compile("^\\| ([a-z_]+) \\| [^|]+ \\| [^|]+ \\|$",
            Pattern.MULTILINE);

    @EachDatabase
    void bothMartsAreDocumentedWithTheirColumnsAndRows(Warehouse wh, @TempDir Path dir) throws Exception {
        wh.init();
        DocsFiles before = Transform.on(wh).docs(dir.resolve("before"));
        String empty = Files.readString(before.dataDictionary());
        assertTrue(empty.contains("### customer_clv") && empty.contains("### demand_forecast"), empty);
        assertTrue(empty.contains("- rows: not written yet"), "a mart not written yet says so");

        Clv clv = Clv.fit(ClvPublishedTest.cdnow());
        RfmSummary some = RfmSummary.of(ClvPublishedTest.cdnow().customers().subList(0, 25));
        clv.store(wh, LocalDate.of(1997, 9, 30), clv.bgNbd(), 52, clv.values(some, clv.bgNbd(), 52, 0.01));
        double[] y = new double[40];
        java.util.Arrays.fill(y, 4);
        DemandForecast.of(wh).store(DemandForecast.forecast(LocalDate.of(2025, 12, 31), LocalDate.of(2025, 12, 22),
                DemandForecast.Options.defaults().withHorizonWeeks(3), new TreeMap<>(Map.of("P1", y)), Map.of(),
                Map.of("P1", 2)));
        DocsFiles docs = Transform.on(wh).docs(dir.resolve("after"));
        String md = Files.readString(docs.dataDictionary());
        for (String mart : List.of("customer_clv", "demand_forecast")) {
            String section = md.substring(md.indexOf("### " + mart));
            int next = section.indexOf("\n### ", 4);
            section = next < 0 ? section : section.substring(0, next);
            assertEquals(actualColumns(wh, mart), documentedColumns(section), mart);
            assertTrue(section.contains("- rows: " + (mart.equals("customer_clv") ? "25" : "3")), section);
            assertTrue(section.contains("- written by: "), section);
        }
        assertTrue(md.contains("| [customer_clv](#customer_clv) |"), "listed with the models");
        assertTrue(Files.readString(docs.lineage()).contains("fct_orders -.-> customer_clv"));
        String html = Files.readString(docs.html());
        assertTrue(html.contains("id=\"demand_forecast\"") && html.contains(">demand_forecast</text>"), "html");
    }

    private static List<String> documentedColumns(String section) {
        List<String> out = new ArrayList<>();
        Matcher m = SECTION_COLUMN.matcher(section);
        while (m.find()) {
            if (!m.group(1).equals("column")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static List<String> actualColumns(Warehouse wh, String mart) throws java.sql.SQLException {
        String sql = wh.render("SELECT * FROM ${marts:" + mart + "} WHERE 1 = 0");
        return wh.withHandle(h -> columns(h.getConnection(), sql));
    }

    private static List<String> columns(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            return out;
        }
    }
}
