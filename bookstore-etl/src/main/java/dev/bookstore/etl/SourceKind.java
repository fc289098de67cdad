package dev.bookstore.etl;

import java.util.Locale;

/**
 * The kinds of source {@link Ingest} loads, in the order it loads them (products before orders, so that order
 * lines can be checked against the catalogue).
 *
 * <pre>{@code
 * SourceReport orders = report.source(SourceKind.ORDERS).orElseThrow();
 * }</pre>
 */
public enum SourceKind {
    /** Customers ({@code raw_customers.csv}) into {@code raw.customers}. */
    CUSTOMERS,
    /** The catalogue ({@code raw_products.csv}) into {@code raw.products}. */
    PRODUCTS,
    /** Order lines ({@code raw_orders.csv}, an Online Retail file or a JDBC query) into {@code raw.orders}. */
    ORDERS,
    /** Clickstream events ({@code clickstream_events.jsonl}) into {@code raw.events}. */
    EVENTS;

    /** The lower-case name used in reports and in the warehouse, e.g. {@code orders}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The logical raw-layer table this kind is loaded into, e.g. {@code orders}. */
    String table() {
        return code();
    }

    /** The logical raw-layer table holding this kind's rejected rows, e.g. {@code orders_quarantine}. */
    String quarantineTable() {
        return code() + "_quarantine";
    }
}
