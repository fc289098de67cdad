package dev.bookstore.etl;

import static dev.bookstore.etl.Column.optional;
import static dev.bookstore.etl.Column.required;

import dev.bookstore.model.OrderLine;
import dev.bookstore.model.OrderStatus;
import dev.bookstore.model.sql.Layer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Order lines in the generator's format ({@code raw_orders.csv}) into {@code raw.orders}.
 *
 * <p>Natural key: ({@code order_id}, {@code product_id}): a valid line is a duplicate when its order already has a
 * line of that product in the warehouse or earlier in the load (exact copies included). {@code line_no} numbers
 * the loaded lines of an order in load order, after the highest line number the order already has, so lines
 * added to an order by a later load (or a quarantine replay) continue its numbering. The only state kept is the
 * catalogue's product ids (for the {@code unknown_product} rule), whatever the size of the file.
 */
final class OrdersPlan extends CsvPlan<OrderLine> {
    static final Column ORDER_ID = required("order_id", 64);
    static final Column CUSTOMER_ID = optional("customer_id", 64);
    static final Column ORDER_DATE = required("order_date", 0);
    static final Column PRODUCT_ID = required("product_id", 64);
    static final Column QUANTITY = required("quantity", 0);
    static final Column UNIT_PRICE = required("unit_price", 0);
    static final Column PAYMENT_METHOD = optional("payment_method", 32);
    static final Column STATUS = required("status", 0);
    static final Column ORDERED_AT = optional("ordered_at", 0);
    static final Column CHANNEL = optional("channel", 32);
    static final Column SHIPPING_CITY = optional("shipping_city", 100);
    static final Column SHIPPING_STATE = optional("shipping_state", 100);
    static final Column SHIPPING_COUNTRY = optional("shipping_country", 100);
    static final Column SHIPPED_DATE = optional("shipped_date", 0);
    static final Column DELIVERED_DATE = optional("delivered_date", 0);

    static final List<Column> FORMAT = List.of(ORDER_ID, CUSTOMER_ID, ORDER_DATE, PRODUCT_ID, QUANTITY,
            UNIT_PRICE, PAYMENT_METHOD, STATUS, ORDERED_AT, CHANNEL, SHIPPING_CITY, SHIPPING_STATE, SHIPPING_COUNTRY,
            SHIPPED_DATE, DELIVERED_DATE);

    /** The data columns of {@code raw.orders} ({@code line_no} is computed when rows are moved). */
    static final List<String> COLUMNS = List.of("order_id", "customer_id", "order_date", "product_id", "quantity",
            "unit_price", "payment_method", "status", "ordered_at", "channel", "shipping_city", "shipping_state",
            "shipping_country", "shipped_date", "delivered_date");

    private final Map<String, String> knownProducts = new HashMap<>();
    private final List<Rule<OrderLine>> rules;

    OrdersPlan(LoadContext ctx) {
        super(ctx);
        this.rules = List.of(
                Rule.when("negative_price", Severity.ERROR, l -> l.unitPrice().signum() < 0,
                        l -> "unit_price " + l.unitPrice().toPlainString() + " is negative"),
                Rule.when("unknown_product", Severity.ERROR, l -> !knownProducts.containsKey(l.productId()),
                        l -> "product_id '" + l.productId() + "' is not a known product (not in "
                                + ctx.warehouse().table(Layer.RAW, "products") + " nor in this run's products)"),
                Rule.error("future_date", l -> future(ctx, l)),
                Rule.when("missing_shipping_state", Severity.WARNING, l -> l.shippingState().isEmpty(),
                        l -> "shipping_state is empty"));
    }

    @Override
    public SourceKind kind() {
        return SourceKind.ORDERS;
    }

    @Override
    public String format() {
        return "bookstore";
    }

    @Override
    List<Column> formatColumns() {
        return FORMAT;
    }

    @Override
    public NaturalKey naturalKey() {
        return NaturalKey.of("order_id", "product_id");
    }

    @Override
    public boolean numbersLines() {
        return true;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<Rule<OrderLine>> rules() {
        return rules;
    }

    @Override
    public void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT product_id FROM "
                     + ctx.warehouse().table(Layer.RAW, "products").sql())) {
            while (rs.next()) {
                String id = rs.getString(1);
                knownProducts.put(id, id);
            }
        }
    }

    @Override
    OrderLine parse(Fields f) {
        String orderId = f.text(ORDER_ID);
        Optional<String> customerId = f.optionalText(CUSTOMER_ID);
        LocalDate orderDate = f.date(ORDER_DATE);
        String productId = f.text(PRODUCT_ID);
        Integer quantity = f.integer(QUANTITY);
        BigDecimal unitPrice = f.decimal(UNIT_PRICE, 14, 2);
        Optional<String> payment = f.optionalText(PAYMENT_METHOD);
        String statusText = f.text(STATUS);
        OrderStatus status = null;
        if (statusText != null) {
            status = OrderStatus.fromCode(statusText).orElse(null);
            if (status == null) {
                f.error("unknown_status", "status '" + Fields.abbreviate(statusText) + "' is not one of "
                        + Arrays.stream(OrderStatus.values()).map(OrderStatus::code).toList());
            }
        }
        Optional<Instant> orderedAt = f.optionalInstant(ORDERED_AT);
        Optional<String> channel = f.optionalText(CHANNEL);
        Optional<String> city = f.optionalText(SHIPPING_CITY);
        Optional<String> state = f.optionalText(SHIPPING_STATE);
        Optional<String> country = f.optionalText(SHIPPING_COUNTRY);
        Optional<LocalDate> shipped = f.optionalDate(SHIPPED_DATE);
        Optional<LocalDate> delivered = f.optionalDate(DELIVERED_DATE);
        if (f.failed()) {
            return null;
        }
        return new OrderLine(orderId, customerId, orderDate, productId, quantity, unitPrice, payment, status,
                orderedAt, channel, city, state, country, shipped, delivered);
    }

    @Override
    public Object[] values(OrderLine l) {
        return new Object[] {l.orderId(), l.customerId(), l.orderDate(), l.productId(), l.quantity(),
            l.unitPrice(), l.paymentMethod(), l.status().code(), l.orderedAt(), l.channel(), l.shippingCity(),
            l.shippingState(), l.shippingCountry(), l.shippedDate(), l.deliveredDate()};
    }

    /** The file columns of a model order line, as text. */
    static Map<String, String> fields(OrderLine l) {
        Map<String, String> m = new HashMap<>();
        m.put(ORDER_ID.name(), l.orderId());
        l.customerId().ifPresent(v -> m.put(CUSTOMER_ID.name(), v));
        m.put(ORDER_DATE.name(), l.orderDate().toString());
        m.put(PRODUCT_ID.name(), l.productId());
        m.put(QUANTITY.name(), Integer.toString(l.quantity()));
        m.put(UNIT_PRICE.name(), l.unitPrice().toPlainString());
        l.paymentMethod().ifPresent(v -> m.put(PAYMENT_METHOD.name(), v));
        m.put(STATUS.name(), l.status().code());
        l.orderedAt().ifPresent(v -> m.put(ORDERED_AT.name(), v.toString()));
        l.channel().ifPresent(v -> m.put(CHANNEL.name(), v));
        l.shippingCity().ifPresent(v -> m.put(SHIPPING_CITY.name(), v));
        l.shippingState().ifPresent(v -> m.put(SHIPPING_STATE.name(), v));
        l.shippingCountry().ifPresent(v -> m.put(SHIPPING_COUNTRY.name(), v));
        l.shippedDate().ifPresent(v -> m.put(SHIPPED_DATE.name(), v.toString()));
        l.deliveredDate().ifPresent(v -> m.put(DELIVERED_DATE.name(), v.toString()));
        return m;
    }

    /** The {@code future_date} check of an order line: its dates after today, its instant after now. */
    static Optional<String> future(LoadContext ctx, OrderLine l) {
        List<String> late = new ArrayList<>(4);
        if (l.orderDate().isAfter(ctx.today())) {
            late.add("order_date " + l.orderDate());
        }
        l.orderedAt().filter(t -> t.isAfter(ctx.now())).ifPresent(t -> late.add("ordered_at " + t));
        l.shippedDate().filter(d -> d.isAfter(ctx.today())).ifPresent(d -> late.add("shipped_date " + d));
        l.deliveredDate().filter(d -> d.isAfter(ctx.today())).ifPresent(d -> late.add("delivered_date " + d));
        if (late.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", late) + (late.size() == 1 ? " is" : " are") + " in the future (today is "
                + ctx.today() + " in " + ctx.zone() + ")");
    }
}
