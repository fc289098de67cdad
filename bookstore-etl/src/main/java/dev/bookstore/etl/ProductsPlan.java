package dev.bookstore.etl;

import static dev.bookstore.etl.Column.optional;
import static dev.bookstore.etl.Column.required;

import dev.bookstore.model.Product;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue in the generator's format ({@code raw_products.csv}) into {@code raw.products}. Natural key:
 * {@code product_id}; the latest load wins ({@link #latestWins()}): a product already loaded is updated when its
 * price, stock or any other value changed, and is a duplicate when nothing changed.
 */
final class ProductsPlan extends ReferencePlan<Product> {
    static final Column PRODUCT_ID = required("product_id", 64);
    static final Column TITLE = required("title", 500);
    static final Column AUTHOR = optional("author", 200);
    static final Column CATEGORY = required("category", 100);
    static final Column SUBCATEGORY = required("subcategory", 100);
    static final Column PRICE = required("price", 0);
    static final Column RATING = optional("rating", 0);
    static final Column STOCK = required("stock", 0);

    private static final List<Column> FORMAT = List.of(PRODUCT_ID, TITLE, AUTHOR, CATEGORY, SUBCATEGORY, PRICE,
            RATING, STOCK);
    private static final BigDecimal MIN_RATING = BigDecimal.ONE;
    private static final BigDecimal MAX_RATING = BigDecimal.valueOf(5);

    private static final List<Rule<Product>> RULES = List.of(
            Rule.when("negative_price", Severity.ERROR, p -> p.price().signum() < 0,
                    p -> "price " + p.price().toPlainString() + " is negative"),
            Rule.when("out_of_range", Severity.ERROR,
                    p -> p.rating().filter(r -> r.compareTo(MIN_RATING) < 0 || r.compareTo(MAX_RATING) > 0).isPresent(),
                    p -> "rating " + p.rating().orElseThrow().toPlainString() + " is outside 1.0..5.0"),
            Rule.when("out_of_range", Severity.ERROR, p -> p.stock() < 0,
                    p -> "stock " + p.stock() + " is negative"));

    ProductsPlan(LoadContext ctx) {
        super(ctx, SourceKind.PRODUCTS, FORMAT, PRODUCT_ID, RULES);
    }

    @Override
    Product parse(Fields f) {
        String id = f.text(PRODUCT_ID);
        String title = f.text(TITLE);
        String author = f.textOrEmpty(AUTHOR);
        String category = f.text(CATEGORY);
        String subcategory = f.text(SUBCATEGORY);
        BigDecimal price = f.decimal(PRICE, 14, 2);
        Optional<BigDecimal> rating = f.optionalDecimal(RATING, 3, 1);
        Integer stock = f.integer(STOCK);
        if (f.failed()) {
            return null;
        }
        return new Product(id, title, author, category, subcategory, price, rating, stock);
    }

    /** The file columns of a model product, as text. */
    static Map<String, String> fields(Product p) {
        Map<String, String> m = new HashMap<>();
        m.put(PRODUCT_ID.name(), p.productId());
        m.put(TITLE.name(), p.title());
        m.put(AUTHOR.name(), p.author());
        m.put(CATEGORY.name(), p.category());
        m.put(SUBCATEGORY.name(), p.subcategory());
        m.put(PRICE.name(), p.price().toPlainString());
        p.rating().ifPresent(v -> m.put(RATING.name(), v.toPlainString()));
        m.put(STOCK.name(), Integer.toString(p.stock()));
        return m;
    }

    @Override
    public Object[] values(Product p) {
        return new Object[] {p.productId(), p.title(), p.author(), p.category(), p.subcategory(), p.price(),
            p.rating(), p.stock()};
    }
}
