package dev.bookstore.etl;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A source in a CSV format with a header line: checks the header (a missing required column refuses the file,
 * extra columns are ignored and reported), then parses every record with {@link Fields}. Streaming: one record
 * in memory at a time. A file without even a header line is refused as empty; a header-only file has 0 rows.
 *
 * @param <T> the typed row
 */
abstract class CsvPlan<T> implements Plan<T> {
    protected final LoadContext ctx;
    private Header lastHeader;

    CsvPlan(LoadContext ctx) {
        this.ctx = ctx;
    }

    /** The columns of the format, in their usual order (the header written for records). */
    abstract List<Column> formatColumns();

    /** The row built from {@code f}; may return {@code null} when {@link Fields#failed()}. */
    abstract T parse(Fields f);

    @Override
    public List<String> read(String sourceName, Reader input, Consumer<Candidate<T>> sink) {
        long lastLine = 0;
        try (CsvReader<CsvRecord> csv = reader(input)) {
            Header header = null;
            for (CsvRecord rec : csv) {
                lastLine = rec.getStartingLineNumber();
                if (header == null) {
                    header = Header.of(sourceName, rec.getFields(), formatColumns());
                    lastHeader = header;
                    continue;
                }
                sink.accept(candidate(rec.getStartingLineNumber(), rec.getFields(), header));
            }
            if (header == null) {
                throw new InputException(sourceName + " is empty: expected a header line with the columns "
                        + formatColumns().stream().map(Column::name).collect(Collectors.joining(",")));
            }
            return header.ignored();
        } catch (CsvParseException e) {
            throw new InputException(sourceName + ": cannot parse the CSV after line " + lastLine + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw unreadable(sourceName, lastLine, e.getCause());
        } catch (IOException e) {
            throw unreadable(sourceName, lastLine, e);
        }
    }

    private static CsvReader<CsvRecord> reader(Reader input) {
        return CsvReader.builder()
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(input);
    }

    @Override
    public Optional<String> header() {
        return Optional.of(lastHeader != null ? encode(lastHeader.names())
                : formatColumns().stream().map(Column::name).collect(Collectors.joining(",")));
    }

    static InputException unreadable(String sourceName, long lastLine, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InputException(sourceName + " is not valid UTF-8 text (bad bytes after line " + lastLine
                    + ")", e);
        }
        return new InputException("cannot read " + sourceName + " after line " + lastLine + ": " + e, e);
    }

    private Candidate<T> candidate(long line, List<String> values, Header header) {
        Supplier<String> raw = () -> encode(values);
        List<Violation> violations = new ArrayList<>(2);
        if (values.size() != header.size()) {
            violations.add(Violation.error("field_count", "the row has " + values.size() + " fields but the header "
                    + "has " + header.size()));
            return new Candidate<>(line, raw, Optional.empty(), violations);
        }
        Fields f = new Fields(name -> header.value(values, name), ctx.options().datePolicy(), violations);
        T row = parse(f);
        Optional<T> parsed = f.failed() || row == null ? Optional.empty() : Optional.of(row);
        return new Candidate<>(line, raw, parsed, violations);
    }

    @Override
    public Candidate<T> candidate(long position, Map<String, String> values) {
        List<String> ordered = formatColumns().stream().map(c -> values.getOrDefault(c.name(), "")).toList();
        List<Violation> violations = new ArrayList<>(2);
        Fields f = new Fields(values::get, ctx.options().datePolicy(), violations);
        T row = parse(f);
        Optional<T> parsed = f.failed() || row == null ? Optional.empty() : Optional.of(row);
        return new Candidate<>(position, encode(ordered), parsed, violations);
    }

    @Override
    public Candidate<T> reparse(Optional<String> headerLine, String rawText, long line) {
        List<String> names = headerLine.map(CsvPlan::fields).orElseGet(() -> formatColumns().stream()
                .map(Column::name).toList());
        Header header;
        try {
            header = Header.of("the stored header", names, formatColumns());
        } catch (InputException e) {
            return new Candidate<>(line, rawText, Optional.empty(), List.of(Violation.error("field_count",
                    e.getMessage())));
        }
        List<String> values;
        try {
            values = fields(rawText);
        } catch (CsvParseException e) {
            return new Candidate<>(line, rawText, Optional.empty(), List.of(Violation.error("field_count",
                    "the row is not one CSV record: " + e.getMessage())));
        }
        Candidate<T> c = candidate(line, values, header);
        return new Candidate<>(line, rawText, c.row(), c.violations());
    }

    /** The fields of the first CSV record of {@code text} (none for an empty text). */
    static List<String> fields(String text) {
        try (CsvReader<CsvRecord> csv = reader(new java.io.StringReader(text))) {
            Iterator<CsvRecord> it = csv.iterator();
            return it.hasNext() ? it.next().getFields() : List.of();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /** The record as one RFC 4180 CSV line (fields quoted only where needed). */
    static String encode(List<String> fields) {
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                    || f.indexOf('\r') >= 0;
            if (quote) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /** The header of a file: where each format column is, and what is ignored. */
    record Header(List<String> names, Map<String, Integer> index, List<String> ignored) {
        static Header of(String sourceName, List<String> names, List<Column> format) {
            Map<String, Column> known = new HashMap<>();
            format.forEach(c -> known.put(c.name(), c));
            Map<String, Integer> index = new HashMap<>();
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip().toLowerCase(Locale.ROOT);
                if (known.containsKey(name)) {
                    if (index.putIfAbsent(name, i) != null) {
                        throw new InputException(sourceName + ": column '" + name + "' appears twice in the header");
                    }
                } else {
                    ignored.add(names.get(i));
                }
            }
            for (Column c : format) {
                if (c.required() && !index.containsKey(c.name())) {
                    throw new InputException(sourceName + ": required column '" + c.name() + "' is missing from "
                            + "the header (found: " + Fields.abbreviate(String.join(",", names)) + ")");
                }
            }
            return new Header(List.copyOf(names), Map.copyOf(index), List.copyOf(ignored));
        }

        int size() {
            return names.size();
        }

        String value(List<String> values, String column) {
            Integer i = index.get(column);
            return i == null ? null : values.get(i);
        }
    }
}
