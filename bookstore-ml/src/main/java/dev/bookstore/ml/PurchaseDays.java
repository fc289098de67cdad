package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.WarehouseException;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The RFM summary from a transactions CSV file in plain Java: purchases merged per customer and day, then
 * summarised like the warehouse SQL (clv_rfm.sql). Bad input is one line naming the file, the line and the column.
 */
final class PurchaseDays {
    private PurchaseDays() {
    }

    static RfmSummary summary(Path file, TransactionColumns columns, LocalDate calibrationEnd,
                              Optional<LocalDate> holdoutEnd) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(columns.datePattern());
        LocalDate last = holdoutEnd.orElse(calibrationEnd);
        Map<String, TreeMap<LocalDate, BigDecimal>> days = new TreeMap<>();
        String name = file.toString();
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(Files.newBufferedReader(file,
                StandardCharsets.UTF_8))) {
            int[] at = null;
            for (CsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                if (at == null) {
                    List<String> header = rec.getFields().stream().map(String::strip).toList();
                    at = new int[] {index(name, header, columns.customer(), "customer"),
                        index(name, header, columns.date(), "date"), index(name, header, columns.amount(), "amount")};
                    continue;
                }
                if (rec.getFieldCount() == 1 && rec.getField(0).isBlank()) {
                    continue;
                }
                String customer = field(name, line, rec, at[0], columns.customer()).strip();
                if (customer.isEmpty()) {
                    throw new InvalidArgumentException(name + " line " + line + ", column " + columns.customer()
                            + ": empty customer id");
                }
                LocalDate day = date(name, line, columns, format, field(name, line, rec, at[1], columns.date()));
                BigDecimal amount = amount(name, line, columns.amount(), field(name, line, rec, at[2],
                        columns.amount()));
                if (!day.isAfter(last)) {
                    days.computeIfAbsent(customer, k -> new TreeMap<>()).merge(day, amount, BigDecimal::add);
                }
            }
            if (at == null) {
                throw new InvalidArgumentException(name + " is empty: expected a header line with the columns "
                        + columns.customer() + ", " + columns.date() + ", " + columns.amount());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException("transactions file " + name + " does not exist", e);
        } catch (CsvParseException e) {
            throw new InvalidArgumentException(name + ": not a valid CSV file: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new WarehouseException("cannot read " + name + ": " + e.getMessage(), e);
        }
        List<RfmSummary.Customer> rows = new ArrayList<>();
        for (var e : days.entrySet()) {
            customer(e.getKey(), e.getValue(), calibrationEnd).ifPresent(rows::add);
        }
        return new RfmSummary(Optional.of(calibrationEnd), holdoutEnd, rows);
    }

    /** One customer's summary from its purchase days and their values; empty when it first bought after the end. */
    static Optional<RfmSummary.Customer> customer(String id, TreeMap<LocalDate, BigDecimal> days,
                                                  LocalDate calibrationEnd) {
        LocalDate first = days.firstKey();
        if (first.isAfter(calibrationEnd)) {
            return Optional.empty();
        }
        LocalDate lastDay = first;
        int repeats = 0;
        BigDecimal repeatValue = BigDecimal.ZERO;
        int holdout = 0;
        BigDecimal holdoutValue = BigDecimal.ZERO;
        for (var d : days.entrySet()) {
            if (d.getKey().isAfter(calibrationEnd)) {
                holdout++;
                holdoutValue = holdoutValue.add(d.getValue());
            } else if (d.getKey().isAfter(first)) {
                repeats++;
                repeatValue = repeatValue.add(d.getValue());
                lastDay = d.getKey();
            }
        }
        return Optional.of(row(id, first, lastDay, calibrationEnd, repeats, repeatValue.doubleValue(), holdout,
                holdoutValue.doubleValue()));
    }

    /** A summary row from days and sums (shared by the SQL and the file paths). */
    static RfmSummary.Customer row(String id, LocalDate first, LocalDate last, LocalDate calibrationEnd, int repeats,
                                   double repeatValue, int holdoutDays, double holdoutValue) {
        return new RfmSummary.Customer(id, repeats, ChronoUnit.DAYS.between(first, last) / 7.0,
                ChronoUnit.DAYS.between(first, calibrationEnd) / 7.0, repeats == 0 ? 0 : repeatValue / repeats,
                holdoutDays, holdoutValue);
    }

    private static int index(String file, List<String> header, String column, String role) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new InvalidArgumentException(file + " line 1: no " + role + " column '" + column + "'; the header has "
                    + String.join(", ", header));
        }
        return i;
    }

    private static String field(String file, long line, CsvRecord rec, int i, String column) {
        if (i >= rec.getFieldCount()) {
            throw new InvalidArgumentException(file + " line " + line + ", column " + column + ": missing (the line has "
                    + rec.getFieldCount() + " fields)");
        }
        return rec.getField(i);
    }

    private static LocalDate date(String file, long line, TransactionColumns c, DateTimeFormatter format,
                                  String text) {
        String t = text.strip();
        ParsePosition pos = new ParsePosition(0);
        try {
            LocalDate day = LocalDate.from(format.parse(t, pos));
            if (!format.format(day).equals(t.substring(0, pos.getIndex()))) {
                throw new IllegalArgumentException("no such day"); // e.g. 31/02, which the formatter would resolve
            }
            return day;
        } catch (RuntimeException e) {
            throw new InvalidArgumentException(file + " line " + line + ", column " + c.date() + ": cannot parse '" + text
                    + "' as a date with the pattern " + c.datePattern());
        }
    }

    private static BigDecimal amount(String file, long line, String column, String text) {
        try {
            BigDecimal v = new BigDecimal(text.strip());
            if (v.signum() < 0) {
                throw new InvalidArgumentException(file + " line " + line + ", column " + column + ": negative amount '"
                        + text + "' (expected a purchase value >= 0)");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(file + " line " + line + ", column " + column + ": cannot parse '" + text
                    + "' as an amount (expected a number like 12.50)");
        }
    }
}
