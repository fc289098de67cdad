package dev.bookstore.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Product view → purchase conversion in a date range ({@link Metrics#viewToPurchase}), counted in (session,
 * product) pairs: a session that viewed a product, and bought that product in the same session at or after its
 * first view of it.
 *
 * <pre>{@code
 * ViewToPurchase v = metrics.viewToPurchase(q4, 10);
 * double overall = v.rate();
 * ProductConversion mostViewed = v.products().get(0);
 * }</pre>
 *
 * @param viewSessions (session, product) pairs with a view
 * @param purchaseSessions of those, pairs where the product was bought after the view
 * @param products the most viewed products (by view sessions, then product id)
 */
public record ViewToPurchase(long viewSessions, long purchaseSessions, List<ProductConversion> products) {
    /** Validates and copies the fields. */
    public ViewToPurchase {
        products = List.copyOf(products);
    }

    /** purchaseSessions ÷ viewSessions; 0 without views. */
    public double rate() {
        return Money.rate(purchaseSessions, viewSessions);
    }

    /**
     * One product's view → purchase conversion.
     *
     * @param productId the product
     * @param title its title ({@value Metrics#UNKNOWN} when not in the catalogue)
     * @param viewSessions sessions that viewed it
     * @param purchaseSessions of those, sessions that bought it after viewing it
     */
    public record ProductConversion(String productId, String title, long viewSessions, long purchaseSessions) {
        /** Validates the fields. */
        public ProductConversion {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(title, "title");
        }

        /** purchaseSessions ÷ viewSessions. */
        public double rate() {
            return Money.rate(purchaseSessions, viewSessions);
        }
    }
}
