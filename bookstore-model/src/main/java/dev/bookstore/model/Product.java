package dev.bookstore.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A product in the catalogue: a book in the running example, a stock item in the Online Retail data.
 *
 * <pre>{@code
 * Product p = new Product("BOOK_17", "The Silent River", "Jane Hart", "Fiction", "Mystery",
 *         new BigDecimal("12.99"), Optional.of(new BigDecimal("4.3")), 42);
 * }</pre>
 *
 * @param productId stable identifier, e.g. {@code BOOK_17}
 * @param title display title
 * @param author author, or empty text when not applicable
 * @param category top-level category
 * @param subcategory category within {@code category}
 * @param price list price, exact
 * @param rating average rating 1.0–5.0, when rated
 * @param stock units in stock
 */
public record Product(String productId, String title, String author, String category, String subcategory,
                      BigDecimal price, Optional<BigDecimal> rating, int stock) {
    /** Rejects missing required fields. */
    public Product {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subcategory, "subcategory");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(rating, "rating");
    }
}
