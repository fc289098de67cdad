package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bookstore.model.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header of a written mart's create-table resource, as the docs read it, and its one-line errors. */
class WrittenMartTest {
    private static final String HEADER = """
            -- mart: scores
            -- written_by: Scores.store (bookstore score --store)
            -- reads: fct_orders, dim_customers
            -- unique_key: customer_id, as_of
            -- description: One row per customer and day: the
            --    score as of that day.
            -- column customer_id VARCHAR(64) | The customer. |
            -- column as_of DATE | The day. |
            -- column score ${type:double} | The score, 0..1. |
            CREATE TABLE IF NOT EXISTS ${marts:scores} (customer_id VARCHAR(64), as_of DATE, score ${type:double})
            """;

    @Test
    void theHeaderDescribesTheMart() {
        WrittenMart m = ModelFile.writtenMart("x/scores_create.sql", HEADER);
        assertEquals("scores", m.name());
        assertEquals("Scores.store (bookstore score --store)", m.writtenBy());
        assertEquals(List.of("fct_orders", "dim_customers"), m.reads());
        assertEquals(List.of("customer_id", "as_of"), m.uniqueKey());
        assertEquals("One row per customer and day: the score as of that day.", m.description());
        assertEquals(List.of(new ModelColumn("customer_id", "VARCHAR(64)", "The customer.", false),
                new ModelColumn("as_of", "DATE", "The day.", false),
                new ModelColumn("score", "${type:double}", "The score, 0..1.", false)), m.columns());
    }

    @Test
    void badHeadersNameTheFileAndLine() {
        InvalidArgumentException unknown = assertThrows(InvalidArgumentException.class,
                () -> ModelFile.writtenMart("x/scores_create.sql", HEADER.replace("-- reads:", "-- readz:")));
        assertEquals("x/scores_create.sql:3: unknown header key 'readz' (known: description, mart, reads, unique_key, "
                + "written_by, column)", unknown.getMessage());
        InvalidArgumentException key = assertThrows(InvalidArgumentException.class,
                () -> ModelFile.writtenMart("x/scores_create.sql", HEADER.replace("customer_id, as_of", "day")));
        assertEquals("x/scores_create.sql:4: unique_key names column 'day', which is not declared (declared: "
                + "customer_id, as_of, score)", key.getMessage());
        InvalidArgumentException twice = assertThrows(InvalidArgumentException.class,
                () -> ModelFile.writtenMart("x/scores_create.sql", HEADER.replace("-- column as_of DATE",
                        "-- column customer_id DATE")));
        assertEquals("x/scores_create.sql:8: column 'customer_id' is declared twice or has no description",
                twice.getMessage());
    }

    @Test
    void nothingIsAnnouncedWithoutAnIndexOnTheClassPath() {
        assertEquals(List.of(), WrittenMart.onClassPath(WrittenMartTest.class.getClassLoader()));
    }
}
