package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one source in one transaction: reads it through its {@link Plan}, applies the rules, sorts every row into
 * loaded, rejected (quarantined) or duplicate, writes through a {@link RowWriter}, records the file in the load
 * log and commits; any failure rolls all of it back.
 *
 * @param <T> the typed row
 */
final class SourceLoad<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLoad.class);

    private final LoadContext ctx;
    private final Plan<T> plan;
    private final ProgressListener listener;
    private long read;
    private long loaded;
    private long rejected;
    private long duplicates;
    private final Map<String, Long> rejections = new TreeMap<>();
    private final Map<String, Long> warnings = new TreeMap<>();

    private SourceLoad(LoadContext ctx, Plan<T> plan, ProgressListener listener) {
        this.ctx = ctx;
        this.plan = plan;
        this.listener = listener;
    }

    /** Loads {@code file} as {@code plan}'s kind, or skips it when its content was loaded before. */
    static <T> SourceReport file(LoadContext ctx, Plan<T> plan, Path file, ProgressListener listener) {
        return new SourceLoad<>(ctx, plan, listener).loadFile(file);
    }

    /** Loads the caller's records as {@code plan}'s kind (never skipped: records have no checksum). */
    static <T, I> SourceReport objects(LoadContext ctx, Plan<T> plan, Source.Records<I> source,
                                       ProgressListener listener) {
        return new SourceLoad<>(ctx, plan, listener).loadObjects(source);
    }

    private <I> SourceReport loadObjects(Source.Records<I> source) {
        Warehouse wh = ctx.warehouse();
        long t0 = System.nanoTime();
        try {
            return wh.inJdbcTransaction(c -> {
                plan.prepare(c);
                try (RowWriter out = new RowWriter(c, wh, plan.kind(), plan.columns(), source.name(), ctx.loadId())) {
                    long position = 0;
                    for (I item : source.items()) {
                        position++;
                        accept(item == null
                                ? new Candidate<>(position, "null", Optional.empty(),
                                        List.of(Violation.error("missing_value", "element " + position + " is null")))
                                : plan.candidate(position, source.fields().apply(item)), out);
                    }
                    out.finish();
                }
                listener.progress(plan.kind(), read);
                return report(source.name(), List.of(), Duration.ofNanos(System.nanoTime() - t0));
            });
        } catch (BookstoreException e) {
            throw new BookstoreException("loading " + plan.kind().code() + " from " + source.name() + " failed and "
                    + "was rolled back (nothing from it was loaded): " + e.getMessage(), e);
        }
    }

    private SourceReport loadFile(Path file) {
        Warehouse wh = ctx.warehouse();
        SourceKind kind = plan.kind();
        String name = file.getFileName().toString();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        String sha = LoadLog.sha256(file);
        if (ctx.options().skipLoadedFiles() && LoadLog.loaded(wh, kind, sha)) {
            LOG.debug("{} ({}) was loaded before: skipped", name, sha);
            return new SourceReport(kind, name, true, 0, 0, 0, 0, Map.of(), Map.of(), List.of(),
                    Duration.ofNanos(System.nanoTime() - t0), 0);
        }
        try {
            return wh.inJdbcTransaction(c -> {
                plan.prepare(c);
                MessageDigest md = LoadLog.sha256();
                List<String> ignored;
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), md);
                     BufferedReader reader = utf8(name, in);
                     RowWriter out = new RowWriter(c, wh, kind, plan.columns(), name, ctx.loadId())) {
                    ignored = plan.read(name, reader, candidate -> accept(candidate, out));
                    out.finish();
                } catch (IOException e) {
                    throw CsvPlan.unreadable(name, read, e);
                }
                if (!LoadLog.hex(md.digest()).equals(sha)) {
                    throw new InputException(name + " changed while it was being loaded; load it again when it is "
                            + "complete");
                }
                long bytes = size(file);
                Duration time = Duration.ofNanos(System.nanoTime() - t0);
                SourceReport report = report(name, ignored, time);
                LoadLog.record(c, wh, sha, bytes, ctx.loadId(), started, Instant.now(), report);
                listener.progress(kind, read);
                return report;
            });
        } catch (InputException e) {
            throw e;
        } catch (BookstoreException e) {
            throw new BookstoreException("loading " + kind.code() + " from " + name + " failed and was rolled back "
                    + "(nothing from it was loaded): " + e.getMessage(), e);
        }
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

    private void accept(Candidate<T> candidate, RowWriter out) {
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
            out.quarantine(candidate.line(), candidate.rawText(), violations);
        } else if (!plan.claim(candidate.row().orElseThrow())) {
            duplicates++;
        } else {
            loaded++;
            count(warnings, violations, Severity.WARNING);
            out.row(plan.values(candidate.row().get()), candidate.line());
        }
        if (read % ctx.options().progressEvery() == 0) {
            listener.progress(plan.kind(), read);
        }
    }

    private static void count(Map<String, Long> counts, List<Violation> violations, Severity severity) {
        if (violations.isEmpty()) {
            return;
        }
        Set<String> seen = violations.size() == 1 ? null : new HashSet<>();
        for (Violation v : violations) {
            if (v.severity() == severity && (seen == null || seen.add(v.rule()))) {
                counts.merge(v.rule(), 1L, Long::sum);
            }
        }
    }

    private SourceReport report(String name, List<String> ignored, Duration time) {
        double seconds = time.toNanos() / 1e9;
        return new SourceReport(plan.kind(), name, false, read, loaded, rejected, duplicates, rejections, warnings,
                ignored, time, seconds > 0 ? read / seconds : 0);
    }
}
