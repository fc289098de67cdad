package dev.bookstore.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One clickstream event; the closed set of kinds is this sealed interface's records.
 *
 * <pre>{@code
 * ClickstreamEvent e = new ClickstreamEvent.AddToCart(context, "BOOK_17");
 * String label = switch (e) {
 *     case ClickstreamEvent.AddToCart a -> "cart " + a.productId();
 *     default -> e.type().code();
 * };
 * }</pre>
 */
public sealed interface ClickstreamEvent {
    /** Who, when, where. */
    EventContext context();

    /** The kind of event. */
    EventType type();

    /** The product the event is about, for product-level events. */
    default Optional<String> productId() {
        return Optional.empty();
    }

    /** Shorthand for {@code context().userId()}. */
    default String userId() {
        return context().userId();
    }

    /** Shorthand for {@code context().timestamp()}. */
    default Instant timestamp() {
        return context().timestamp();
    }

    /** A page view. @param context who/when @param page the page path, e.g. {@code /home} */
    record PageView(EventContext context, String page) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public PageView {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(page, "page");
        }

        @Override
        public EventType type() {
            return EventType.PAGE_VIEW;
        }
    }

    /** A search. @param context who/when @param query the search text */
    record Search(EventContext context, String query) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public Search {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(query, "query");
        }

        @Override
        public EventType type() {
            return EventType.SEARCH;
        }
    }

    /** A product page view. @param context who/when @param product the product id */
    record ProductView(EventContext context, String product) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public ProductView {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(product, "product");
        }

        @Override
        public EventType type() {
            return EventType.PRODUCT_VIEW;
        }

        @Override
        public Optional<String> productId() {
            return Optional.of(product);
        }
    }

    /** A product added to the cart. @param context who/when @param product the product id */
    record AddToCart(EventContext context, String product) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public AddToCart {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(product, "product");
        }

        @Override
        public EventType type() {
            return EventType.ADD_TO_CART;
        }

        @Override
        public Optional<String> productId() {
            return Optional.of(product);
        }
    }

    /** A product removed from the cart. @param context who/when @param product the product id */
    record RemoveFromCart(EventContext context, String product) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public RemoveFromCart {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(product, "product");
        }

        @Override
        public EventType type() {
            return EventType.REMOVE_FROM_CART;
        }

        @Override
        public Optional<String> productId() {
            return Optional.of(product);
        }
    }

    /** Checkout started. @param context who/when */
    record Checkout(EventContext context) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public Checkout {
            Objects.requireNonNull(context, "context");
        }

        @Override
        public EventType type() {
            return EventType.CHECKOUT;
        }
    }

    /** An order placed. @param context who/when @param product the product bought, when the source says */
    record Purchase(EventContext context, Optional<String> product) implements ClickstreamEvent {
        /** Rejects missing fields. */
        public Purchase {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(product, "product");
        }

        @Override
        public EventType type() {
            return EventType.PURCHASE;
        }

        @Override
        public Optional<String> productId() {
            return product;
        }
    }
}
