package dev.bookstore.etl;

import static dev.bookstore.etl.Column.required;

import dev.bookstore.model.OrderLine;
import dev.bookstore.model.OrderStatus;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UCI "Online Retail" CSV ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,
 * Country}, header names case-insensitive) into {@code raw.orders}, with the products it names derived into
 * {@code raw.products}.
 *
 * <ul>
 *   <li>invoice → {@code order_id}, stock code → {@code product_id} (upper-cased: the data writes some codes
 *       both ways, {@code 85123a} and {@code 85123A}, for one item), {@code Country} →
 *       {@code shipping_country}; an invoice starting with {@code C} is a cancellation: status {@code cancelled},
 *       its negative quantity kept; every other invoice is a completed sale, status {@code delivered} (the data
 *       has no shipping states, so no {@code missing_shipping_state} warning).</li>
 *   <li>{@code CustomerID} blank is a guest ({@code customer_id NULL}); written as a float ({@code 17850.0}) it
 *       becomes {@code 17850}; a fraction is rejected as {@code invalid_number}.</li>
 *   <li>{@code InvoiceDate} is UK local time, {@code yyyy-MM-dd HH:mm[:ss]} or the UCI spreadsheet's month-first
 *       {@code M/d/yyyy H:mm[:ss]} (that form is the data set's own, not a guess, so no date policy applies):
 *       {@code ordered_at} is the instant in Europe/London (a time in the autumn overlap is the earlier instant,
 *       one in the spring gap moves an hour on) and {@code order_date} its business day in the reporting zone.</li>
 *   <li>Descriptions are trimmed; a blank one is {@code NULL}.</li>
 *   <li>Prices of 0 or less are adjustments (bad debt, damages, samples): real rows, loaded and counted as the
 *       warning {@code non_positive_price}; a negative quantity on an invoice that is not a cancellation is
 *       loaded with the warning {@code negative_quantity}. Prices with more than 2 decimals are rejected
 *       ({@code invalid_number}: the warehouse keeps money to the penny).</li>
 * </ul>
 *
 * <p>Natural key: the whole row (invoice, stock code, quantity, price, time, customer, country): only an exact
 * repeat of a row is a duplicate, so an invoice listing the same stock code twice keeps both lines (numbered by
 * {@code line_no}). The description is not stored on the order line, so two rows differing only in it count as
 * duplicates.
 *
 * <p>Products: one per stock code named by a valid line and not yet in {@code raw.products}: title = the first
 * non-blank description (else the stock code), price = the first positive unit price (else 0), category and
 * subcategory {@code Unknown}, author empty, stock 0, lineage of that first line. Postage, fees and manual
 * adjustments ({@code POST}, {@code M}, {@code BANK CHARGES}) become products too. They are reported as a second
 * source: {@code read} = distinct stock codes, {@code loaded} = new products, {@code duplicates} = known ones.
 */
final class OnlineRetailPlan extends CsvPlan<OnlineRetailPlan.RetailLine> {
    static final ZoneId UK = ZoneId.of("Europe/London");
    static final Column INVOICE_NO = required("invoiceno", 64);
    static final Column STOCK_CODE = required("stockcode", 64);
    static final Column DESCRIPTION = required("description", 500);
    static final Column QUANTITY = required("quantity", 0);
    static final Column INVOICE_DATE = required("invoicedate", 0);
    static final Column UNIT_PRICE = required("unitprice", 0);
    static final Column CUSTOMER_ID = required("customerid", 64);
    static final Column COUNTRY = required("country", 100);
    private static final List<Column> FORMAT = List.of(INVOICE_NO, STOCK_CODE, DESCRIPTION, QUANTITY, INVOICE_DATE,
            UNIT_PRICE, CUSTOMER_ID, COUNTRY);
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})[ T](\\d{1,2}):(\\d{2})"
            + "(?::(\\d{2}))?");
    private static final Pattern UCI = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}) (\\d{1,2}):(\\d{2})"
            + "(?::(\\d{2}))?");
    private static final Pattern WHOLE = Pattern.compile("(\\d+)(?:\\.0*)?");

    /** An order line with the description its row gave its product. */
    record RetailLine(OrderLine line, Optional<String> description) {
    }

    private final List<Rule<RetailLine>> rules;

    OnlineRetailPlan(LoadContext ctx) {
        super(ctx);
        this.rules = List.of(
                Rule.error("future_date", r -> OrdersPlan.future(ctx, r.line())),
                Rule.when("non_positive_price", Severity.WARNING, r -> r.line().unitPrice().signum() <= 0,
                        r -> "UnitPrice " + r.line().unitPrice().toPlainString() + " is not positive: loaded as an "
                                + "adjustment"),
                Rule.when("negative_quantity", Severity.WARNING,
                        r -> r.line().quantity() < 0 && r.line().status() != OrderStatus.CANCELLED,
                        r -> "Quantity " + r.line().quantity() + " is negative on invoice " + r.line().orderId()
                                + ", which is not a cancellation"));
    }

    @Override
    public SourceKind kind() {
        return SourceKind.ORDERS;
    }

    @Override
    public String format() {
        return Format.ONLINE_RETAIL.code();
    }

    @Override
    List<Column> formatColumns() {
        return FORMAT;
    }

    @Override
    public List<String> columns() {
        return OrdersPlan.COLUMNS;
    }

    @Override
    public Map<String, String> stageOnlyColumns() {
        return Map.of("description", "VARCHAR(500)");
    }

    @Override
    public List<Rule<RetailLine>> rules() {
        return rules;
    }

    @Override
    public NaturalKey naturalKey() {
        return NaturalKey.of("order_id", "product_id", "quantity", "unit_price", "ordered_at", "customer_id",
                "shipping_country").nullable("customer_id", "shipping_country");
    }

    @Override
    public boolean numbersLines() {
        return true;
    }

    @Override
    RetailLine parse(Fields f) {
        String invoice = f.text(INVOICE_NO);
        String stockCode = f.text(STOCK_CODE);
        if (stockCode != null) {
            stockCode = stockCode.toUpperCase(java.util.Locale.ROOT);
        }
        Optional<String> description = f.optionalText(DESCRIPTION);
        Integer quantity = f.integer(QUANTITY);
        Instant at = invoiceDate(f);
        BigDecimal price = f.decimal(UNIT_PRICE, 14, 2);
        Optional<String> customer = f.optionalText(CUSTOMER_ID).flatMap(v -> customerId(f, v));
        Optional<String> country = f.optionalText(COUNTRY);
        if (f.failed()) {
            return null;
        }
        boolean cancelled = invoice.charAt(0) == 'C' || invoice.charAt(0) == 'c';
        OrderLine line = new OrderLine(invoice, customer, ctx.warehouse().calendar().businessDay(at), stockCode,
                quantity, price, Optional.empty(), cancelled ? OrderStatus.CANCELLED : OrderStatus.DELIVERED,
                Optional.of(at), Optional.empty(), Optional.empty(), Optional.empty(), country, Optional.empty(),
                Optional.empty());
        return new RetailLine(line, description);
    }

    private static Optional<String> customerId(Fields f, String v) {
        Matcher m = WHOLE.matcher(v);
        if (!m.matches()) {
            f.error("invalid_number", "customerid '" + Fields.abbreviate(v) + "' is not a whole number");
            return Optional.empty();
        }
        String digits = m.group(1);
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return Optional.of(digits.substring(i));
    }

    /** The invoice's instant: UK local time in either accepted form. */
    private static Instant invoiceDate(Fields f) {
        String v = f.text(INVOICE_DATE);
        if (v == null) {
            return null;
        }
        Matcher m = ISO.matcher(v);
        boolean iso = m.matches();
        if (!iso) {
            m = UCI.matcher(v);
        }
        if (iso || m.matches()) {
            int year = Integer.parseInt(m.group(iso ? 1 : 3));
            int month = Integer.parseInt(m.group(iso ? 2 : 1));
            int day = Integer.parseInt(m.group(iso ? 3 : 2));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            try {
                LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), second);
                return ZonedDateTime.ofLocal(local, UK, null).toInstant();
            } catch (DateTimeException e) {
                f.error("invalid_timestamp", "invoicedate '" + v + "' is not a valid date and time");
                return null;
            }
        }
        f.error("invalid_timestamp", "invoicedate '" + Fields.abbreviate(v) + "' is not a date and time (expected "
                + "yyyy-MM-dd HH:mm:ss or M/d/yyyy H:mm, UK local time)");
        return null;
    }

    @Override
    public Object[] values(RetailLine r) {
        OrderLine l = r.line();
        return new Object[] {l.orderId(), l.customerId(), l.orderDate(), l.productId(), l.quantity(),
            l.unitPrice(), l.paymentMethod(), l.status().code(), l.orderedAt(), l.channel(), l.shippingCity(),
            l.shippingState(), l.shippingCountry(), l.shippedDate(), l.deliveredDate(), r.description()};
    }

    @Override
    public List<SourceReport> derive(Connection c, TableName stage, String loadId, String sourceName)
            throws SQLException {
        long t0 = System.nanoTime();
        TableName products = ctx.warehouse().table(Layer.RAW, "products");
        long codes;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT product_id) FROM " + stage.sql())) {
            rs.next();
            codes = rs.getLong(1);
        }
        long inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + products.sql() + " (product_id, title, "
                + "author, category, subcategory, price, stock, source_name, source_line, load_id) "
                + "SELECT d.product_id, COALESCE(d.description, d.product_id), '', 'Unknown', 'Unknown', "
                + "CASE WHEN d.unit_price > 0 THEN d.unit_price ELSE 0 END, 0, d.source_name, d.source_line, ? "
                + "FROM (SELECT s.product_id, s.description, s.unit_price, s.source_name, s.source_line, "
                + "ROW_NUMBER() OVER (PARTITION BY s.product_id ORDER BY CASE WHEN s.description IS NULL THEN 1 "
                + "ELSE 0 END, CASE WHEN s.unit_price > 0 THEN 0 ELSE 1 END, s.stage_row) AS pick FROM "
                + stage.sql() + " s) d WHERE d.pick = 1 AND NOT EXISTS (SELECT 1 FROM " + products.sql()
                + " p WHERE p.product_id = d.product_id)")) {
            ps.setString(1, loadId);
            inserted = ps.executeUpdate();
        }
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        return List.of(new SourceReport(SourceKind.PRODUCTS, sourceName + " (stock codes)", false, codes, inserted,
                0, codes - inserted, 0, Map.of(), Map.of(), List.of(), time, codes / Math.max(1e-9, time.toNanos() / 1e9)));
    }
}
