package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.UtcTimestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one source in one transaction: reads it through its {@link Plan}, applies the rules, quarantines the rows
 * that fail an error rule, stages the valid ones in the load's scratch table, moves the new ones into the raw
 * table ({@link Stage#move}: duplicates are found there, by the database), records the load and commits; any
 * failure rolls all of it back.
 *
 * @param <T> the typed row
 */
final class SourceLoad<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLoad.class);
    private static final int REPLAY_PAGE = 5_000;
    private static final int JDBC_FETCH = 5_000;

    private final LoadContext ctx;
    private final Plan<T> plan;
    private final ProgressListener listener;
    private long read;
    private long rejected;
    private final Map<String, Long> rejections = new TreeMap<>();
    private final Map<String, Long> stagedWarnings = new TreeMap<>();

    private SourceLoad(LoadContext ctx, Plan<T> plan, ProgressListener listener) {
        this.ctx = ctx;
        this.plan = plan;
        this.listener = listener;
    }

    /** The work done inside the staged transaction; returns the input columns that were ignored. */
    @FunctionalInterface
    private interface Body {
        List<String> read(Connection c, RowSink out) throws SQLException;
    }

    /** What is recorded after the move, in the same transaction. */
    @FunctionalInterface
    interface Finish {
        void record(Connection c, SourceReport report) throws SQLException;
    }

    /** Loads {@code file} as {@code plan}'s kind, or skips it when its content was loaded before. */
    static <T> List<SourceReport> file(LoadContext ctx, Plan<T> plan, Path file, ProgressListener listener) {
        return new SourceLoad<>(ctx, plan, listener).loadFile(file);
    }

    /** Loads the caller's records as {@code plan}'s kind (never skipped: records have no checksum). */
    static <T, I> List<SourceReport> objects(LoadContext ctx, Plan<T> plan, Source.Records<I> source,
                                             ProgressListener listener) {
        SourceLoad<T> load = new SourceLoad<>(ctx, plan, listener);
        return load.staged(source.name(), false, (c, out) -> {
            long position = 0;
            for (I item : source.items()) {
                position++;
                load.accept(item == null
                        ? new Candidate<>(position, "null", Optional.empty(),
                                List.of(Violation.error("missing_value", "element " + position + " is null")))
                        : plan.candidate(position, source.fields().apply(item)), out, source.name(), ctx.loadId());
            }
            return List.of();
        }, (c, report) -> { });
    }

    /**
     * A row of a stream with its own location: {@code sourceName} (e.g. {@code topic/partition}) and the
     * candidate, whose {@link Candidate#line()} is its position in that source (e.g. the offset).
     */
    record Located<T>(String sourceName, Candidate<T> candidate) {
    }

    /**
     * Loads one micro-batch of a stream ({@link KafkaStream}) as {@code plan}'s kind: each row validated like a file
     * row under its own source name and position; {@code finish} records the stream's positions in the same
     * transaction as the rows. {@code rows} is iterated once, inside the transaction (after {@link Plan#prepare}).
     */
    static <T> List<SourceReport> stream(LoadContext ctx, Plan<T> plan, String name, Iterable<Located<T>> rows,
                                         Finish finish) {
        SourceLoad<T> load = new SourceLoad<>(ctx, plan, ProgressListener.NONE);
        return load.staged(name, true, (c, out) -> {
            for (Located<T> row : rows) {
                load.accept(row.candidate(), out, row.sourceName(), ctx.loadId());
            }
            return List.of();
        }, finish);
    }

    /** Loads the rows of a query, above its stored watermark when it is incremental. */
    static <T> List<SourceReport> jdbc(LoadContext ctx, Plan<T> plan, JdbcSource source, ProgressListener listener) {
        return new SourceLoad<>(ctx, plan, listener).loadJdbc(source);
    }

    /** Validates {@code kind}'s quarantined rows again and loads those that now pass; one report per format. */
    static List<SourceReport> replay(LoadContext ctx, SourceKind kind, ProgressListener listener) {
        Warehouse wh = ctx.warehouse();
        TableName quarantine = wh.table(Layer.RAW, kind.quarantineTable());
        Map<Format, List<SourceLog.Key>> groups = wh.withConnection(c -> {
            Map<SourceLog.Key, SourceLog.Entry> entries = SourceLog.entries(c, wh, kind);
            Map<Format, List<SourceLog.Key>> byFormat = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT load_id, source_name FROM " + quarantine.sql()
                         + " ORDER BY load_id, source_name")) {
                while (rs.next()) {
                    SourceLog.Key key = new SourceLog.Key(rs.getString(1), rs.getString(2));
                    Format format = Optional.ofNullable(entries.get(key)).flatMap(e -> Format.fromCode(e.format()))
                            .orElse(Format.defaultFor(kind));
                    byFormat.computeIfAbsent(format, f -> new ArrayList<>()).add(key);
                }
            }
            return byFormat;
        });
        List<SourceReport> reports = new ArrayList<>();
        if (groups.isEmpty()) {
            reports.add(new SourceReport(kind, kind.quarantineTable(), false, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of(),
                    Duration.ZERO, 0));
        }
        groups.forEach((format, keys) -> {
            String name = kind.quarantineTable() + (format == Format.defaultFor(kind) ? "" : " (" + format.code()
                    + ")");
            reports.addAll(new SourceLoad<>(ctx, format.plan(kind, ctx), listener).loadQuarantine(name, quarantine,
                    keys));
        });
        return reports;
    }

    private List<SourceReport> loadQuarantine(String name, TableName quarantine, List<SourceLog.Key> keys) {
        Warehouse wh = ctx.warehouse();
        return staged(name, false, (c, out) -> {
            Map<SourceLog.Key, SourceLog.Entry> entries = SourceLog.entries(c, wh, plan.kind());
            for (SourceLog.Key key : keys) {
                Optional<String> header = Optional.ofNullable(entries.get(key)).flatMap(SourceLog.Entry::header);
                long after = Long.MIN_VALUE;
                while (true) {
                    ((RowWriter) out).finish(); // no bulk load may be open while other statements run
                    List<Object[]> page = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT source_line, raw_text FROM "
                            + quarantine.sql() + " WHERE load_id = ? AND source_name = ? AND source_line > ? "
                            + "ORDER BY source_line")) {
                        ps.setMaxRows(REPLAY_PAGE);
                        ps.setString(1, key.loadId());
                        ps.setString(2, key.sourceName());
                        ps.setLong(3, after);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                page.add(new Object[] {rs.getLong(1), rs.getString(2)});
                            }
                        }
                    }
                    if (page.isEmpty()) {
                        break;
                    }
                    long last = (Long) page.get(page.size() - 1)[0];
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + quarantine.sql() + " WHERE "
                            + "load_id = ? AND source_name = ? AND source_line > ? AND source_line <= ?")) {
                        ps.setString(1, key.loadId());
                        ps.setString(2, key.sourceName());
                        ps.setLong(3, after);
                        ps.setLong(4, last);
                        ps.executeUpdate();
                    }
                    // rows still failing go back under their own load and line, at or below 'last': never re-read
                    for (Object[] row : page) {
                        long line = (Long) row[0];
                        accept(plan.reparse(header, (String) row[1], line), out, key.sourceName(), key.loadId());
                    }
                    after = last;
                }
            }
            return List.of();
        }, (c, report) -> { });
    }

    private List<SourceReport> loadFile(Path file) {
        Warehouse wh = ctx.warehouse();
        SourceKind kind = plan.kind();
        String name = file.getFileName().toString();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        String sha = LoadLog.sha256(file);
        Optional<SourceLog.Key> readAgain = LoadLog.toReadAgain(wh, kind, sha);
        if (readAgain.isPresent()) {
            LOG.debug("{} ({}) was loaded before with unknown products, and products were loaded since: read again",
                    name, sha);
        } else if (ctx.options().skipLoadedFiles() && LoadLog.loaded(wh, kind, sha)) {
            LOG.debug("{} ({}) was loaded before: skipped", name, sha);
            return List.of(new SourceReport(kind, name, true, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of(),
                    Duration.ofNanos(System.nanoTime() - t0), 0));
        }
        MessageDigest md = LoadLog.sha256();
        return staged(name, true, (c, out) -> {
            if (readAgain.isPresent()) {
                LoadLog.forgetQuarantined(c, wh, readAgain.get());
            }
            List<String> ignored;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md);
                 BufferedReader reader = utf8(name, in)) {
                ignored = plan.read(name, reader, candidate -> accept(candidate, out, name, ctx.loadId()));
            } catch (IOException e) {
                throw CsvPlan.unreadable(name, read, e);
            }
            if (!LoadLog.hex(md.digest()).equals(sha)) {
                throw new InputException(name + " changed while it was being loaded; load it again when it is "
                        + "complete");
            }
            return ignored;
        }, (c, report) -> LoadLog.record(c, wh, sha, size(file), ctx.loadId(), started, Instant.now(), report));
    }

    private List<SourceReport> loadJdbc(JdbcSource source) {
        Warehouse wh = ctx.warehouse();
        String name = source.name();
        Watermark[] highest = new Watermark[1];
        return staged(name, true, (c, out) -> {
            Optional<Watermark> from = source.watermarkColumn().isPresent()
                    ? Watermark.stored(c, wh, name, source.watermarkColumn().get()) : Optional.empty();
            String sql = from.isPresent() ? "SELECT * FROM (" + source.query() + ") src WHERE src."
                    + source.watermarkColumn().get() + " > ?" : source.query();
            try (Connection in = source.dataSource().getConnection()) {
                in.setReadOnly(true);
                in.setAutoCommit(false); // lets PostgreSQL stream with a cursor
                try (PreparedStatement ps = in.prepareStatement(sql)) {
                    ps.setFetchSize(JDBC_FETCH);
                    if (from.isPresent()) {
                        from.get().bind(ps, 1);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        List<String> ignored = readRows(name, source, rs, out, highest);
                        in.commit();
                        return ignored;
                    }
                } catch (SQLException e) {
                    in.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new InputException("reading JDBC source '" + name + "' failed: " + e.getMessage(), e);
            }
        }, (c, report) -> {
            if (highest[0] != null) {
                highest[0].store(c, wh, name, plan.kind(), source.watermarkColumn().orElseThrow(), ctx.loadId());
            }
        });
    }

    private List<String> readRows(String name, JdbcSource source, ResultSet rs, RowSink out, Watermark[] highest)
            throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        String[] labels = new String[n + 1];
        List<String> found = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            labels[i] = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            found.add(labels[i]);
        }
        Set<String> known = new HashSet<>();
        List<Column> columns = plan instanceof CsvPlan<?> csv ? csv.formatColumns() : EventsPlan.INPUT;
        for (Column col : columns) {
            known.add(col.name());
            if (col.required() && !found.contains(col.name())) {
                throw new InputException(name + ": required column '" + col.name() + "' is missing from the query's "
                        + "columns (found: " + String.join(",", found) + ")");
            }
        }
        int mark = 0;
        String markType = null;
        if (source.watermarkColumn().isPresent()) {
            String column = source.watermarkColumn().get().toLowerCase(Locale.ROOT);
            mark = found.indexOf(column) + 1;
            if (mark == 0) {
                throw new InputException(name + ": watermark column '" + column + "' is not among the query's "
                        + "columns (found: " + String.join(",", found) + ")");
            }
            String typeName = meta.getColumnTypeName(mark);
            markType = Watermark.typeOf(meta.getColumnType(mark)).orElseThrow(() -> new InputException(name
                    + ": watermark column '" + column + "' has type " + typeName + "; a watermark must be a number, "
                    + "a date or a timestamp"));
        }
        int[] types = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            types[i] = meta.getColumnType(i);
        }
        long position = 0;
        while (rs.next()) {
            position++;
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i <= n; i++) {
                if (known.contains(labels[i])) {
                    String v = text(rs, i, types[i]);
                    if (v != null) {
                        values.put(labels[i], v);
                    }
                }
            }
            if (mark > 0) {
                Optional<Watermark> w = Watermark.read(rs, mark, markType);
                if (w.isPresent()) {
                    highest[0] = highest[0] == null ? w.get() : highest[0].max(w.get());
                }
            }
            accept(plan.candidate(position, values), out, name, ctx.loadId());
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!known.contains(labels[i]) && i != mark) {
                ignored.add(meta.getColumnLabel(i));
            }
        }
        return ignored;
    }

    /** A column's value as the text a file would hold, or null. */
    private static String text(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.DATE -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                return d == null ? null : d.toString();
            }
            case Types.TIMESTAMP -> {
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                return t == null ? null : UtcTimestamps.toInstant(t).toString();
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : t.toInstant().toString();
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal d = rs.getBigDecimal(i);
                return d == null ? null : d.toPlainString();
            }
            default -> {
                return rs.getString(i);
            }
        }
    }

    /**
     * Runs {@code body} with a fresh scratch table and a transaction, then moves the staged rows, records the
     * source and commits; the scratch table is dropped afterwards whatever happened.
     */
    private List<SourceReport> staged(String name, boolean async, Body body, Finish finish) {
        Warehouse wh = ctx.warehouse();
        long t0 = System.nanoTime();
        try {
            return wh.withConnection(c -> {
                boolean auto = c.getAutoCommit();
                if (!auto) {
                    c.setAutoCommit(true);
                }
                Stage stage = Stage.create(c, wh, plan);
                try {
                    c.setAutoCommit(false);
                    try {
                        List<SourceReport> reports = inTransaction(c, stage, name, async, body, finish, t0);
                        c.commit();
                        return reports;
                    } catch (SQLException | RuntimeException | Error e) {
                        try {
                            c.rollback();
                        } catch (SQLException rollbackFailure) {
                            e.addSuppressed(rollbackFailure);
                        }
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                } finally {
                    stage.drop(c);
                    c.setAutoCommit(auto);
                }
            });
        } catch (InputException e) {
            throw e;
        } catch (BookstoreException e) {
            throw e.withContext("loading " + plan.kind().code() + " from " + name + " failed and was "
                    + "rolled back (nothing from it was loaded)");
        }
    }

    private List<SourceReport> inTransaction(Connection c, Stage stage, String name, boolean async, Body body,
                                             Finish finish, long t0) throws SQLException {
        plan.prepare(c);
        List<String> ignored;
        long staged;
        try (RowWriter out = new RowWriter(c, ctx.warehouse(), stage, plan.kind())) {
            if (async) {
                try (AsyncRowSink sink = new AsyncRowSink(out, plan.kind().code())) {
                    ignored = body.read(c, sink);
                    sink.finish();
                }
            } else {
                ignored = body.read(c, out);
                out.finish();
            }
            staged = out.staged();
        }
        long t1 = System.nanoTime();
        Stage.Moved moved = stage.move(c, ctx.loadId(), stagedWarnings);
        LOG.debug("{}: read and staged {} rows in {} ms, moved {} in {} ms", name, staged, (t1 - t0) / 1_000_000,
                moved.inserted(), (System.nanoTime() - t1) / 1_000_000);
        List<SourceReport> reports = new ArrayList<>();
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        double seconds = time.toNanos() / 1e9;
        SourceReport report = new SourceReport(plan.kind(), name, false, read, moved.inserted(), rejected,
                staged - moved.inserted(), moved.updated(), rejections, moved.warnings(), ignored, time,
                seconds > 0 ? read / seconds : 0);
        reports.add(report);
        reports.addAll(plan.derive(c, stage.table(), ctx.loadId(), name));
        SourceLog.record(c, ctx.warehouse(), ctx.loadId(), plan, name);
        finish.record(c, report);
        listener.progress(plan.kind(), read);
        return reports;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException("cannot read the size of " + file + ": " + e, e);
        }
    }

    /** A strict UTF-8 reader (bad bytes are an error, never replaced) that skips a leading byte-order mark. */
    static BufferedReader utf8(String name, InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        } catch (IOException e) {
            reader.close();
            throw CsvPlan.unreadable(name, 0, e);
        }
        return reader;
    }

    private void accept(Candidate<T> candidate, RowSink out, String sourceName, String quarantineLoadId) {
        read++;
        List<Violation> violations = candidate.violations();
        if (candidate.row().isPresent()) {
            T row = candidate.row().get();
            for (Rule<T> rule : plan.rules()) {
                Optional<Violation> v = rule.apply(row);
                if (v.isPresent()) {
                    if (violations == candidate.violations()) {
                        violations = new ArrayList<>(violations);
                    }
                    violations.add(v.get());
                }
            }
        }
        boolean error = false;
        for (Violation v : violations) {
            if (v.severity() == Severity.ERROR) {
                error = true;
                break;
            }
        }
        if (error) {
            rejected++;
            count(rejections, violations, Severity.ERROR);
            out.quarantine(sourceName, candidate.line(), candidate.rawText(), violations, quarantineLoadId);
        } else {
            String warned = warnings(violations);
            if (warned != null) {
                count(stagedWarnings, violations, Severity.WARNING);
            }
            out.row(plan.values(candidate.row().orElseThrow()), sourceName, candidate.line(), warned);
        }
        if (read % ctx.options().progressEvery() == 0) {
            listener.progress(plan.kind(), read);
        }
    }

    /** The distinct warning rules of a valid row, comma-separated, or null. */
    private static String warnings(List<Violation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        Map<String, Boolean> rules = new LinkedHashMap<>();
        for (Violation v : violations) {
            if (v.severity() == Severity.WARNING) {
                rules.put(v.rule(), true);
            }
        }
        return rules.isEmpty() ? null : String.join(",", rules.keySet());
    }

    private static void count(Map<String, Long> counts, List<Violation> violations, Severity severity) {
        Set<String> seen = violations.size() == 1 ? null : new HashSet<>();
        for (Violation v : violations) {
            if (v.severity() == severity && (seen == null || seen.add(v.rule()))) {
                counts.merge(v.rule(), 1L, Long::sum);
            }
        }
    }
}
