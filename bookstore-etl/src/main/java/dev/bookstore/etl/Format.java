package dev.bookstore.etl;

import java.util.Arrays;
import java.util.Optional;

/** The input formats, by the code stored with each load in {@code meta.ingest_sources}. */
enum Format {
    /** The generator's CSV files (customers, products, orders). */
    BOOKSTORE("bookstore"),
    /** The UCI "Online Retail" CSV, into orders (and products derived from its stock codes). */
    ONLINE_RETAIL("online-retail"),
    /** JSON Lines clickstream events. */
    JSONL("jsonl");

    private final String code;

    Format(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<Format> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }

    /** The format a kind's files have unless told otherwise. */
    static Format defaultFor(SourceKind kind) {
        return kind == SourceKind.EVENTS ? JSONL : BOOKSTORE;
    }

    /** A new plan reading {@code kind} in this format, for one load. */
    Plan<?> plan(SourceKind kind, LoadContext ctx) {
        if (this == ONLINE_RETAIL && kind == SourceKind.ORDERS) {
            return new OnlineRetailPlan(ctx);
        }
        if (this != defaultFor(kind)) {
            throw new InputException("the " + code + " format has no " + kind.code());
        }
        return switch (kind) {
            case CUSTOMERS -> new CustomersPlan(ctx);
            case PRODUCTS -> new ProductsPlan(ctx);
            case ORDERS -> new OrdersPlan(ctx);
            case EVENTS -> new EventsPlan(ctx);
        };
    }
}
