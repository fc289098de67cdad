package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the documentation of a model graph for one warehouse: a Markdown data dictionary, a Mermaid lineage
 * graph, and one self-contained HTML page (inline CSS and an inline SVG drawing of the lineage; no scripts, no
 * network). Only metadata is written (names, types, descriptions, tests, row counts), never a value from a table.
 */
final class DocsWriter {
    static final String DICTIONARY = "data_dictionary.md";
    static final String LINEAGE = "lineage.mmd";
    static final String HTML = "index.html";
    /** The row count of a written mart that no model has written yet. */
    static final String NOT_WRITTEN = "not written yet";

    /** The shared revenue definitions, repeated in the docs because every metric depends on them. */
    static final String REVENUE_DEFINITIONS = """
            - A **valid sale line** has quantity > 0, unit price > 0 and a status other than `cancelled`.
            - **Gross revenue** = Σ quantity × unit price over valid sale lines.
            - **Returned amount** = the gross revenue of valid sale lines whose status is `returned`.
            - **Cancelled amount** = Σ |quantity| × unit price over cancellation lines (quantity < 0, unit price > 0;
              the Online Retail `C` invoices).
            - **Net revenue** = gross revenue − returned amount − cancelled amount.
            - An **order** is a distinct order id with at least one valid sale line.
            - Days are business days in the warehouse's reporting zone (`order_date`, `event_date`).
            - A **session** is a user's run of events with no gap longer than 30 minutes (1,800 s).
            """;

    private final Warehouse wh;
    private final ModelGraph graph;
    /** Marts written back by models of other modules (announced on the class path), documented after the marts. */
    private final List<WrittenMart> written;

    DocsWriter(Warehouse wh, ModelGraph graph) {
        this(wh, graph, WrittenMart.onClassPath(DocsWriter.class.getClassLoader()));
    }

    DocsWriter(Warehouse wh, ModelGraph graph, List<WrittenMart> written) {
        this.wh = wh;
        this.graph = graph;
        this.written = List.copyOf(written);
    }

    DocsFiles write(Path dir) {
        Map<String, Optional<Long>> rows = rowCounts();
        String mermaid = mermaid();
        try {
            Files.createDirectories(dir);
            Path md = dir.resolve(DICTIONARY);
            Path mmd = dir.resolve(LINEAGE);
            Path html = dir.resolve(HTML);
            Files.writeString(md, markdown(rows, mermaid), StandardCharsets.UTF_8);
            Files.writeString(mmd, mermaid, StandardCharsets.UTF_8);
            Files.writeString(html, html(rows, mermaid), StandardCharsets.UTF_8);
            return new DocsFiles(md, mmd, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the docs into " + dir + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Optional<Long>> rowCounts() {
        Map<String, Optional<Long>> out = new LinkedHashMap<>();
        wh.withConnection(c -> {
            for (Model m : graph.order()) {
                out.put(m.name(), rowCount(c, wh.table(m.layer(), m.name())));
            }
            for (WrittenMart w : written) {
                out.put(w.name(), rowCount(c, wh.table(Layer.MARTS, w.name())));
            }
            return null;
        });
        return out;
    }

    private Optional<Long> rowCount(java.sql.Connection c, TableName t) throws java.sql.SQLException {
        if (wh.dialect().runtime().relationKind(c, t).isEmpty()) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(wh.render(
                SqlResources.load(DocsWriter.class, "row_count"), Map.of("relation", t.sql())))) {
            rs.next();
            return Optional.of(rs.getLong(1));
        }
    }

    private static String count(Optional<Long> rows, String missing) {
        return rows.map(n -> String.format(Locale.ROOT, "%,d", n)).orElse(missing);
    }

    private List<String> readers(Model m) {
        return graph.order().stream().filter(o -> o.dependsOn().contains(m.name())).map(Model::name).toList();
    }

    private List<DataTest> testsOf(Model m) {
        List<DataTest> out = new ArrayList<>(m.tests());
        graph.customTests().stream().filter(t -> t.model().equals(m.name())).forEach(out::add);
        return out;
    }

    private String columnTests(Model m, String column) {
        return m.tests().stream().filter(t -> column(t).equals(Optional.of(column))).map(DataTest::declaration)
                .collect(Collectors.joining(", "));
    }

    private static Optional<String> column(DataTest t) {
        if (t instanceof DataTest.NotNull n) {
            return Optional.of(n.column());
        } else if (t instanceof DataTest.Unique u && u.columns().size() == 1) {
            return Optional.of(u.columns().get(0));
        } else if (t instanceof DataTest.AcceptedValues a) {
            return Optional.of(a.column());
        } else if (t instanceof DataTest.Relationships r) {
            return Optional.of(r.column());
        }
        return Optional.empty();
    }

    private List<DataTest> modelLevelTests(Model m) {
        return testsOf(m).stream().filter(t -> column(t).isEmpty()).toList();
    }

    private String keyLine(Model m) {
        StringBuilder s = new StringBuilder("materialized: " + m.materialization().word());
        if (!m.uniqueKey().isEmpty()) {
            s.append(" · unique key: ").append(String.join(", ", m.uniqueKey()));
        }
        m.incremental().ifPresent(i -> s.append(" · incremental on ").append(i.dateColumn()).append(", look-back ")
                .append(i.lookbackDays()).append(" days"));
        m.snapshot().ifPresent(sn -> s.append(" · history of ").append(String.join(", ", sn.checkColumns()))
                .append(" (valid_from, valid_to exclusive, is_current)"));
        return s.toString();
    }

    // ------------------------------------------------------------------------------------------- Markdown

    private String markdown(Map<String, Optional<Long>> rows, String mermaid) {
        StringBuilder md = new StringBuilder();
        md.append("# Bookstore Analytics data dictionary\n\n");
        md.append("Database: ").append(wh.dialect().name()).append(wh.config().namespace().isEmpty() ? ""
                : " · namespace `" + wh.config().namespace() + "`").append(" · reporting zone ")
                .append(wh.calendar().zone().getId()).append(" · generated ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        md.append("Columns marked PII hold personal data: in marts only as salted SHA-256 hashes (the salt is "
                + "configuration, see `TransformOptions`); raw e-mail addresses and names stay in the raw and "
                + "staging layers, which analysts are not granted.\n\n");
        md.append("## Revenue and session definitions\n\n").append(REVENUE_DEFINITIONS).append('\n');
        md.append("## Models\n\n| model | relation | layer | materialized | rows | description |\n"
                + "|---|---|---|---|---:|---|\n");
        for (Model m : graph.order()) {
            md.append("| [").append(m.name()).append("](#").append(m.name()).append(") | `")
                    .append(wh.table(m.layer(), m.name()).sql()).append("` | ").append(m.layer().word()).append(" | ")
                    .append(m.materialization().word()).append(" | ").append(rows.get(m.name()).map(n ->
                            String.format(Locale.ROOT, "%,d", n)).orElse("not built")).append(" | ")
                    .append(cell(firstSentence(m.description()))).append(" |\n");
        }
        for (WrittenMart w : written) {
            md.append("| [").append(w.name()).append("](#").append(w.name()).append(") | `")
                    .append(wh.table(Layer.MARTS, w.name()).sql()).append("` | marts | written by a model | ")
                    .append(count(rows.get(w.name()), NOT_WRITTEN)).append(" | ")
                    .append(cell(firstSentence(w.description()))).append(" |\n");
        }
        md.append("\n## Lineage\n\n```mermaid\n").append(mermaid).append("```\n");
        for (Layer layer : List.of(Layer.STAGING, Layer.INTERMEDIATE, Layer.MARTS)) {
            md.append("\n## ").append(capitalised(layer.word())).append("\n");
            for (Model m : graph.order()) {
                if (m.layer() != layer) {
                    continue;
                }
                md.append("\n### ").append(m.name()).append("\n\n").append(m.description()).append("\n\n");
                md.append("- relation: `").append(wh.table(m.layer(), m.name()).sql()).append("` · ")
                        .append(keyLine(m)).append('\n');
                md.append("- reads: ").append(reads(m)).append('\n');
                List<String> readers = readers(m);
                md.append("- read by: ").append(readers.isEmpty() ? "—" : String.join(", ", readers)).append('\n');
                md.append("- rows: ").append(rows.get(m.name()).map(n -> String.format(Locale.ROOT, "%,d", n))
                        .orElse("not built")).append("\n\n");
                md.append("| column | type | description | tests | PII |\n|---|---|---|---|---|\n");
                for (ModelColumn col : m.columns()) {
                    md.append("| ").append(col.name()).append(" | ").append(cell(type(col))).append(" | ")
                            .append(cell(col.description())).append(" | ").append(cell(columnTests(m, col.name())))
                            .append(" | ").append(col.pii() ? "yes (masked)" : "").append(" |\n");
                }
                List<DataTest> modelTests = modelLevelTests(m);
                if (!modelTests.isEmpty()) {
                    md.append("\nModel tests:\n\n");
                    for (DataTest t : modelTests) {
                        md.append("- `").append(t.declaration()).append('`');
                        if (t instanceof DataTest.Custom c) {
                            md.append(": ").append(c.description());
                        }
                        md.append('\n');
                    }
                }
            }
        }
        if (!written.isEmpty()) {
            md.append("\n## Marts written by the models\n\nThese marts are not built by the transform: a model "
                    + "writes them back (created on its first write), each run replacing the rows of its key's day.\n");
        }
        for (WrittenMart w : written) {
            md.append("\n### ").append(w.name()).append("\n\n").append(w.description()).append("\n\n");
            md.append("- relation: `").append(wh.table(Layer.MARTS, w.name()).sql()).append("` · ")
                    .append(writtenKeyLine(w)).append('\n');
            md.append("- written by: ").append(w.writtenBy()).append('\n');
            md.append("- reads: ").append(w.reads().isEmpty() ? "—" : String.join(", ", w.reads())).append('\n');
            md.append("- rows: ").append(count(rows.get(w.name()), NOT_WRITTEN)).append("\n\n");
            md.append("| column | type | description |\n|---|---|---|\n");
            for (ModelColumn col : w.columns()) {
                md.append("| ").append(col.name()).append(" | ").append(cell(type(col))).append(" | ")
                        .append(cell(col.description())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String writtenKeyLine(WrittenMart w) {
        return "written by a model" + (w.uniqueKey().isEmpty() ? "" : " · unique key: " + String.join(", ",
                w.uniqueKey()));
    }

    private String reads(Model m) {
        List<String> out = new ArrayList<>();
        new TreeSet<>(m.sources()).forEach(s -> out.add("raw." + s));
        graph.order().stream().filter(o -> m.dependsOn().contains(o.name())).forEach(o -> out.add(o.name()));
        return out.isEmpty() ? "—" : String.join(", ", out);
    }

    private String type(ModelColumn col) {
        return wh.render(col.type());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        return dot < 0 ? text : text.substring(0, dot + 1);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    // ------------------------------------------------------------------------------------------- Mermaid

    private String mermaid() {
        StringBuilder g = new StringBuilder("graph LR\n");
        TreeSet<String> sources = new TreeSet<>();
        graph.order().forEach(m -> sources.addAll(m.sources()));
        g.append("  subgraph raw\n");
        for (String s : sources) {
            g.append("    raw_").append(s).append("[(raw.").append(s).append(")]\n");
        }
        g.append("  end\n");
        for (Layer layer : List.of(Layer.STAGING, Layer.INTERMEDIATE, Layer.MARTS)) {
            g.append("  subgraph ").append(layer.word()).append('\n');
            for (Model m : graph.order()) {
                if (m.layer() == layer) {
                    g.append("    ").append(m.name()).append('[').append(m.name()).append("]\n");
                }
            }
            g.append("  end\n");
        }
        if (!written.isEmpty()) {
            g.append("  subgraph written_by_models[written by the models]\n");
            for (WrittenMart w : written) {
                g.append("    ").append(w.name()).append('[').append(w.name()).append("]\n");
            }
            g.append("  end\n");
        }
        for (WrittenMart w : written) {
            for (String r : w.reads()) {
                g.append("  ").append(r).append(" -.-> ").append(w.name()).append('\n');
            }
        }
        for (Model m : graph.order()) {
            for (String s : new TreeSet<>(m.sources())) {
                g.append("  raw_").append(s).append(" --> ").append(m.name()).append('\n');
            }
            for (Model up : graph.order()) {
                if (m.dependsOn().contains(up.name())) {
                    g.append("  ").append(up.name()).append(" --> ").append(m.name()).append('\n');
                }
            }
        }
        return g.toString();
    }

    // ------------------------------------------------------------------------------------------- HTML

    private String html(Map<String, Optional<Long>> rows, String mermaid) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Bookstore Analytics — "
                + "data dictionary and lineage</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#222}"
                        + "h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}"
                        + "h3{margin-top:1.6rem}table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}"
                        + "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
                        + "th{background:#f3f3f3}code{background:#f6f6f6;padding:0 .2rem}.meta{color:#555}"
                        + ".pii{color:#a33;font-weight:600}svg text{font-size:12px;font-family:inherit}"
                        + "pre{background:#f6f6f6;padding:.8rem;overflow:auto}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Bookstore Analytics — data dictionary and lineage</h1>\n<p class=\"meta\">Database ")
                .append(esc(wh.dialect().name())).append(wh.config().namespace().isEmpty() ? ""
                        : ", namespace <code>" + esc(wh.config().namespace()) + "</code>")
                .append(", reporting zone ").append(esc(wh.calendar().zone().getId())).append(", generated ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".</p>\n");
        h.append("<h2>Definitions</h2>\n<ul>\n");
        for (String line : REVENUE_DEFINITIONS.strip().split("\n- ")) {
            h.append("<li>").append(inlineMarkdown(line.replaceFirst("^- ", "").replace("\n  ", " ")))
                    .append("</li>\n");
        }
        h.append("</ul>\n<h2>Lineage</h2>\n").append(svg()).append("\n<details><summary>Mermaid source</summary><pre>")
                .append(esc(mermaid)).append("</pre></details>\n");
        h.append("<h2>Models</h2>\n<table><tr><th>model</th><th>layer</th><th>materialized</th><th>rows</th>"
                + "<th>description</th></tr>\n");
        for (Model m : graph.order()) {
            h.append("<tr><td><a href=\"#").append(m.name()).append("\">").append(m.name()).append("</a></td><td>")
                    .append(m.layer().word()).append("</td><td>").append(m.materialization().word())
                    .append("</td><td>").append(rows.get(m.name()).map(n -> String.format(Locale.ROOT, "%,d", n))
                            .orElse("not built")).append("</td><td>").append(esc(firstSentence(m.description())))
                    .append("</td></tr>\n");
        }
        for (WrittenMart w : written) {
            h.append("<tr><td><a href=\"#").append(w.name()).append("\">").append(w.name())
                    .append("</a></td><td>marts</td><td>written by a model</td><td>")
                    .append(count(rows.get(w.name()), NOT_WRITTEN)).append("</td><td>")
                    .append(esc(firstSentence(w.description()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Model m : graph.order()) {
            h.append("<h3 id=\"").append(m.name()).append("\">").append(esc(m.layer().word())).append(" · ")
                    .append(m.name()).append("</h3>\n<p>").append(esc(m.description())).append("</p>\n")
                    .append("<p class=\"meta\"><code>").append(esc(wh.table(m.layer(), m.name()).sql()))
                    .append("</code> · ").append(esc(keyLine(m))).append("<br>reads: ").append(esc(reads(m)))
                    .append("</p>\n<table><tr><th>column</th><th>type</th><th>description</th><th>tests</th>"
                            + "<th>PII</th></tr>\n");
            for (ModelColumn col : m.columns()) {
                h.append("<tr><td>").append(col.name()).append("</td><td>").append(esc(type(col))).append("</td><td>")
                        .append(esc(col.description())).append("</td><td>").append(esc(columnTests(m, col.name())))
                        .append("</td><td>").append(col.pii() ? "<span class=\"pii\">masked</span>" : "")
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
            List<DataTest> modelTests = modelLevelTests(m);
            if (!modelTests.isEmpty()) {
                h.append("<p>Model tests:</p><ul>\n");
                for (DataTest t : modelTests) {
                    h.append("<li><code>").append(esc(t.declaration())).append("</code>");
                    if (t instanceof DataTest.Custom c) {
                        h.append(": ").append(esc(c.description()));
                    }
                    h.append("</li>\n");
                }
                h.append("</ul>\n");
            }
        }
        for (WrittenMart w : written) {
            h.append("<h3 id=\"").append(w.name()).append("\">marts (written by a model) · ").append(w.name())
                    .append("</h3>\n<p>").append(esc(w.description())).append("</p>\n<p class=\"meta\"><code>")
                    .append(esc(wh.table(Layer.MARTS, w.name()).sql())).append("</code> · ")
                    .append(esc(writtenKeyLine(w))).append("<br>written by: ").append(esc(w.writtenBy()))
                    .append("<br>reads: ").append(esc(String.join(", ", w.reads()))).append("<br>rows: ")
                    .append(count(rows.get(w.name()), NOT_WRITTEN))
                    .append("</p>\n<table><tr><th>column</th><th>type</th><th>description</th></tr>\n");
            for (ModelColumn col : w.columns()) {
                h.append("<tr><td>").append(col.name()).append("</td><td>").append(esc(type(col))).append("</td><td>")
                        .append(esc(col.description())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The lineage as an SVG: one column per depth (raw sources first), an arrow from each input to its reader. */
    private String svg() {
        Map<String, Integer> depth = new HashMap<>();
        Map<Integer, List<String>> columns = new LinkedHashMap<>();
        Map<String, String> layerOf = new HashMap<>();
        TreeSet<String> sources = new TreeSet<>();
        graph.order().forEach(m -> m.sources().forEach(s -> sources.add("raw." + s)));
        for (String s : sources) {
            depth.put(s, 0);
            layerOf.put(s, "raw");
            columns.computeIfAbsent(0, k -> new ArrayList<>()).add(s);
        }
        for (Model m : graph.order()) {
            int d = 1;
            for (String up : m.dependsOn()) {
                d = Math.max(d, depth.get(up) + 1);
            }
            depth.put(m.name(), d);
            layerOf.put(m.name(), m.layer().word());
            columns.computeIfAbsent(d, k -> new ArrayList<>()).add(m.name());
        }
        Map<String, List<String>> inputsOf = new LinkedHashMap<>();
        for (Model m : graph.order()) {
            List<String> inputs = new ArrayList<>();
            new TreeSet<>(m.sources()).forEach(x -> inputs.add("raw." + x));
            inputs.addAll(new TreeSet<>(m.dependsOn()));
            inputsOf.put(m.name(), inputs);
        }
        for (WrittenMart w : written) {
            List<String> inputs = w.reads().stream().filter(depth::containsKey).toList();
            int d = 1 + inputs.stream().mapToInt(depth::get).max().orElse(0);
            depth.put(w.name(), d);
            layerOf.put(w.name(), "written");
            columns.computeIfAbsent(d, k -> new ArrayList<>()).add(w.name());
            inputsOf.put(w.name(), inputs);
        }
        int boxW = 170;
        int boxH = 24;
        int gapX = 70;
        int gapY = 14;
        int maxRows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        int width = columns.size() * (boxW + gapX) + 20;
        int height = maxRows * (boxH + gapY) + 20;
        Map<String, int[]> at = new HashMap<>();
        for (Map.Entry<Integer, List<String>> e : columns.entrySet()) {
            int x = 10 + e.getKey() * (boxW + gapX);
            List<String> names = e.getValue();
            int offset = (maxRows - names.size()) * (boxH + gapY) / 2;
            for (int i = 0; i < names.size(); i++) {
                at.put(names.get(i), new int[] {x, 10 + offset + i * (boxH + gapY)});
            }
        }
        Map<String, String> fill = Map.of("raw", "#eeeeee", "staging", "#dbeafe", "intermediate", "#fef3c7",
                "marts", "#dcfce7", "written", "#fce7f3");
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"model lineage\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\""
                        + " refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0"
                        + " L10,5 L0,10 z\" fill=\"#888\"/></marker></defs>\n");
        for (Map.Entry<String, List<String>> reader : inputsOf.entrySet()) {
            int[] to = at.get(reader.getKey());
            for (String in : reader.getValue()) {
                int[] from = at.get(in);
                int x1 = from[0] + boxW;
                int y1 = from[1] + boxH / 2;
                int x2 = to[0];
                int y2 = to[1] + boxH / 2;
                int mid = (x1 + x2) / 2;
                s.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',')
                        .append(y1).append(' ').append(mid).append(',').append(y2).append(' ').append(x2).append(',')
                        .append(y2).append("\" fill=\"none\" stroke=\"#999\" stroke-width=\"1\" "
                                + "marker-end=\"url(#arrow)\"/>\n");
            }
        }
        for (Map.Entry<String, int[]> e : at.entrySet()) {
            int[] p = e.getValue();
            s.append("<g><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(boxW)
                    .append("\" height=\"").append(boxH).append("\" rx=\"4\" fill=\"")
                    .append(fill.get(layerOf.get(e.getKey()))).append("\" stroke=\"#777\"/><text x=\"")
                    .append(p[0] + 8).append("\" y=\"").append(p[1] + 16).append("\">").append(esc(e.getKey()))
                    .append("</text></g>\n");
        }
        s.append("</svg>");
        return s.toString();
    }

    private static String inlineMarkdown(String text) {
        return esc(text).replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
