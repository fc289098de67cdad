package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bookstore.model.ClickstreamEvent;
import dev.bookstore.model.Customer;
import dev.bookstore.model.EventContext;
import dev.bookstore.model.OrderLine;
import dev.bookstore.model.OrderStatus;
import dev.bookstore.model.Product;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Model records given by an embedding service are validated and loaded like file rows. */
class IngestRecordsTest {
    static OrderLine line(String order, String product, String price) {
        return new OrderLine(order, Optional.of("CUST_1"), LocalDate.of(2025, 3, 4), product, 1, new BigDecimal(price),
                Optional.empty(), OrderStatus.DELIVERED, Optional.of(Instant.parse("2025-03-04T10:15:30Z")),
                Optional.empty(), Optional.of("Leeds"), Optional.of("West Yorkshire"), Optional.of("United Kingdom"),
                Optional.empty(), Optional.empty());
    }

    @EachDatabase
    void recordsAreValidatedAndLoadedLikeFileRows(Warehouse wh) {
        List<Customer> customers = List.of(new Customer("CUST_1", "ada@example.com", "Ada", "Lovelace",
                LocalDate.of(2024, 11, 2), "London", Optional.of("Greater London"), "United Kingdom", Optional.empty()));
        List<Product> products = List.of(
                new Product("BOOK_1", "The Silent River", "Jane Hart", "Fiction", "Mystery", new BigDecimal("12.99"),
                        Optional.of(new BigDecimal("4.3")), 42),
                new Product("BOOK_2", "Too Precise", "", "Fiction", "Mystery", new BigDecimal("1.005"),
                        Optional.empty(), 1));
        Stream<OrderLine> lines = Arrays.asList(line("ORD_1", "BOOK_1", "12.99"), line("ORD_1", "BOOK_1", "12.99"),
                line("ORD_2", "BOOK_1", "-1.00"), null, line("ORD_3", "BOOK_1", "5.00")).stream();
        EventContext ctx = new EventContext("CUST_1", Optional.of("S_1"), Instant.parse("2025-03-30T23:30:00Z"),
                Optional.of("email"), Optional.empty());
        Stream<ClickstreamEvent> events = Stream.of(new ClickstreamEvent.Search(ctx, "river"),
                new ClickstreamEvent.AddToCart(ctx, "BOOK_1"));

        IngestReport report = Ingest.into(wh).customers(customers).products(products).orderLines(lines)
                .events(events).options(IngestFilesTest.options()).run();

        SourceReport p = report.source(SourceKind.PRODUCTS).orElseThrow();
        assertEquals(Map.of("invalid_number", 1L), p.rejectionsByRule());
        SourceReport o = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(5, o.read());
        assertEquals(2, o.loaded());
        assertEquals(1, o.duplicates());
        assertEquals(Map.of("negative_price", 1L, "missing_value", 1L), o.rejectionsByRule());
        assertEquals("Stream<OrderLine>", o.file());
        assertEquals(List.of(List.of("ORD_1", "1", "1"), List.of("ORD_3", "1", "5")),
                Db.rows(wh, "SELECT order_id, line_no, source_line FROM ${raw:orders} ORDER BY order_id"));
        assertEquals(List.of(List.of("3", "ORD_2,CUST_1,2025-03-04,BOOK_1,1,-1.00,,delivered,2025-03-04T10:15:30Z,,"
                        + "Leeds,West Yorkshire,United Kingdom,,"), List.of("4", "null")),
                Db.rows(wh, "SELECT source_line, raw_text FROM ${raw:orders_quarantine} ORDER BY source_line"));
        assertEquals(List.of(List.of("search", "river", "2025-03-31"), Arrays.asList("add_to_cart", null, "2025-03-31")),
                Db.rows(wh, "SELECT event_type, search_query, CAST(event_date AS VARCHAR(10)) FROM ${raw:events} "
                        + "ORDER BY source_line").stream().map(r -> Arrays.asList(r.get(0), r.get(1), r.get(2)))
                        .toList());
        assertEquals(1, report.source(SourceKind.CUSTOMERS).orElseThrow().loaded());

        // records are not checksummed: the same customers again are duplicates by key
        SourceReport again = Ingest.into(wh).customers(customers).options(IngestFilesTest.options()).run()
                .sources().get(0);
        assertEquals(1, again.duplicates());
        assertEquals(1, Db.raw(wh, "customers"));
    }
}
