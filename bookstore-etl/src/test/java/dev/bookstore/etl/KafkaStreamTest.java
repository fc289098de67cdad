package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.KafkaTesting.Out;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.GeneratedData;
import dev.bookstore.model.testing.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streaming from a real broker (scripts/kafka-broker) into DuckDB and PostgreSQL: what is loaded equals what file
 * ingest loads from the same lines, poison records are quarantined with topic/partition/offset, and a restart
 * resumes from the warehouse's offsets (on all four databases).
 */
@ExtendWith(Warehouses.class)
class KafkaStreamTest {
    static final GeneratedData DATA = GeneratedData.of(GeneratorOptions.defaults().withCustomers(300).withProducts(60)
            .withMonths(1).withEvents(2_000).withSeed(17));
    static final StreamOptions QUICK = StreamOptions.defaults().withBatchRows(700).withBatchTime(Duration.ofMillis(300))
            .withStopWhenIdle(Duration.ofSeconds(2)).withIngest(Warehouses.INGEST);

    static List<String> eventLines() throws Exception {
        return Files.readAllLines(DATA.dir().resolve(Generator.EVENTS_FILE)).stream().filter(l -> !l.isBlank())
                .toList();
    }

    static List<Out> keyedByUser(List<String> lines) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Out> out = new ArrayList<>();
        for (String line : lines) {
            out.add(Out.keyed(json.readTree(line).path("user_id").asText(), line));
        }
        return out;
    }

    /** The events file ingest loads from the same lines, on a fresh warehouse of the same database. */
    static List<List<String>> fileIngestOf(DatabaseKind kind, List<String> lines) throws Exception {
        Path file = Files.createTempFile("stream-reference", ".jsonl");
        Files.write(file, lines);
        Warehouses.Built ref = Warehouses.fresh(kind, WarehouseConfig.defaults());
        try {
            ref.warehouse().init();
            Ingest.into(ref.warehouse()).events(file).options(Warehouses.INGEST).run();
            return KafkaTesting.events(ref.warehouse());
        } finally {
            Warehouses.drop(ref);
            Files.deleteIfExists(file);
        }
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void loadsWhatWasProducedAndQuarantinesAPoisonRecordInEveryPartition(TestDatabase db) throws Exception {
        String topic = KafkaTesting.topic("events", 3);
        List<String> lines = eventLines();
        KafkaTesting.produce(topic, keyedByUser(lines));
        List<String> poison = List.of("not json at all", "{\"event\":\"page_view\",\"user_id\":\"U1\"}", "[1,2]");
        List<Out> bad = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            bad.add(Out.to(p, poison.get(p)));
        }
        List<RecordMetadata> badAt = KafkaTesting.produce(topic, bad);
        KafkaTesting.produce(topic, keyedByUser(lines.subList(0, 50))); // after the poison: still loaded (as duplicates)

        Warehouse wh = db.warehouse();
        StreamReport report = KafkaStream.from(KafkaTesting.consumer()).events(topic).group("g-" + topic)
                .options(QUICK).into(wh).run();

        List<List<String>> expected = fileIngestOf(db.kind(), lines);
        assertEquals(expected, KafkaTesting.events(wh), "raw.events equals file ingest of the same lines");
        assertEquals(lines.size() + 3 + 50, report.read());
        assertEquals(expected.size(), report.loaded());
        assertTrue(report.batches() >= 2, "several batches: " + report.batches());

        List<List<String>> quarantined = Db.rows(wh, "SELECT source_name, source_line, rules FROM "
                + wh.table(Layer.RAW, "events_quarantine").sql() + " WHERE source_name LIKE ? ORDER BY source_name, "
                + "source_line", topic + "/%");
        Set<List<String>> poisonAt = new HashSet<>();
        for (RecordMetadata m : badAt) {
            poisonAt.add(List.of(topic + "/" + m.partition(), Long.toString(m.offset())));
        }
        Set<List<String>> found = new HashSet<>();
        quarantined.forEach(q -> found.add(List.of(q.get(0), q.get(1))));
        assertTrue(found.containsAll(poisonAt), "every poison record quarantined at its topic/partition/offset: "
                + poisonAt + " in " + quarantined);
        assertEquals(Set.of("malformed_json", "missing_value", "not_an_object"), quarantined.stream()
                .filter(q -> poisonAt.contains(List.of(q.get(0), q.get(1)))).map(q -> q.get(2))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(report.rejected(), quarantined.size());
    }

    @EachDatabase
    void aRestartResumesFromTheWarehouseOffsetsAndLoadsNothingTwice(TestDatabase db) throws Exception {
        String topic = KafkaTesting.topic("events", 3);
        List<String> lines = eventLines();
        int half = lines.size() / 2;
        KafkaTesting.produce(topic, keyedByUser(lines.subList(0, half)));
        Warehouse wh = db.warehouse();
        KafkaStream.Bound stream = KafkaStream.from(KafkaTesting.consumer()).events(topic).group("g-" + topic)
                .options(QUICK).into(wh);
        StreamReport first = stream.run();
        assertEquals(half, first.read());

        KafkaTesting.produce(topic, keyedByUser(lines.subList(half, lines.size())));
        StreamReport second = stream.run();
        assertEquals(lines.size() - half, second.read(), "the second run reads only the new records");
        assertEquals(fileIngestOf(db.kind(), lines), KafkaTesting.events(wh));
        StreamReport third = stream.run();
        assertEquals(0, third.read(), "nothing left to read");

        long stored = Db.scalar(wh, "SELECT SUM(next_offset) FROM " + wh.table(Layer.META, "stream_offsets").sql()
                + " WHERE consumer_group = ? AND topic = ?", "g-" + topic, topic);
        assertEquals(lines.size(), stored, "the stored offsets are the partitions' ends");
    }

    /**
     * Pipelining: batch 1 commits, then raw.events is renamed away so that batch 2 fails (after its retries) while
     * batch 3 is read ahead; the stream must stop with the warehouse at batch 1 (batch 3's offsets never stored,
     * not even when the consumer leaves its group), and a restart loads the rest exactly once.
     */
    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void aBatchThatFailsStopsTheStreamBeforeTheBatchReadAfterItIsCommitted(TestDatabase db) throws Exception {
        String topic = KafkaTesting.topic("fail", 3);
        List<String> lines = eventLines();
        KafkaTesting.produce(topic, keyedByUser(lines));
        Warehouse wh = db.warehouse();
        wh.init();
        String events = wh.table(Layer.RAW, "events").sql();
        String away = wh.table(Layer.RAW, "events_away").sql();
        List<StreamReport> committed = new CopyOnWriteArrayList<>();
        StreamOptions small = QUICK.withBatchRows(200).withBatchTime(Duration.ofSeconds(5))
                .withDatabaseRetry(Duration.ofMillis(600));
        KafkaStream.Bound failing = KafkaStream.from(KafkaTesting.consumer()).events(topic).group("g-" + topic)
                .options(small).onBatch(b -> {
                    committed.add(b);
                    if (committed.size() == 1) { // before the writer takes batch 2
                        wh.withHandle(h -> h.execute("ALTER TABLE " + events + " RENAME TO events_away"));
                    }
                }).into(wh);
        BookstoreException e = assertThrows(BookstoreException.class, failing::run);
        assertTrue(e.getMessage().contains("rolled back"), e.getMessage());

        assertEquals(1, committed.size(), "only batch 1 committed");
        long first = committed.get(0).read();
        assertEquals(200, first);
        assertEquals(first, KafkaStreamFaultTest.storedSum(wh, "g-" + topic),
                "the stored offsets are batch 1's: nothing read after the failed batch was committed");
        assertEquals(committed.get(0).loaded(), Db.scalar(wh, "SELECT COUNT(*) FROM " + away));

        wh.withHandle(h -> h.execute("ALTER TABLE " + away + " RENAME TO events"));
        StreamReport restarted = KafkaStream.from(KafkaTesting.consumer()).events(topic).group("g-" + topic)
                .options(QUICK).into(wh).run();
        assertEquals(lines.size() - first, restarted.read(), "the restart reads from batch 1's offsets on");
        assertEquals(fileIngestOf(db.kind(), lines), KafkaTesting.events(wh));
        assertEquals(lines.size(), KafkaStreamFaultTest.storedSum(wh, "g-" + topic));
    }

    @EachDatabase({DatabaseKind.DUCKDB})
    void ordersArriveAsCsvLinesOrJsonObjects(TestDatabase db) throws Exception {
        Warehouse wh = db.warehouse();
        wh.init();
        Ingest.into(wh).customers(DATA.dir().resolve(Generator.CUSTOMERS_FILE))
                .products(DATA.dir().resolve(Generator.PRODUCTS_FILE)).options(Warehouses.INGEST).run();
        List<String> csv = Files.readAllLines(DATA.dir().resolve(Generator.ORDERS_FILE));
        List<String> header = CsvPlan.fields(csv.get(0));
        String topic = KafkaTesting.topic("orders", 2);
        ObjectMapper json = new ObjectMapper();
        List<Out> out = new ArrayList<>();
        for (int i = 1; i < csv.size(); i++) {
            List<String> f = CsvPlan.fields(csv.get(i));
            String orderId = f.get(header.indexOf("order_id"));
            if (i % 2 == 0) {
                var node = json.createObjectNode();
                for (int c = 0; c < header.size(); c++) {
                    if (!f.get(c).isEmpty()) {
                        node.put(header.get(c), f.get(c));
                    }
                }
                out.add(Out.keyed(orderId, node.toString()));
            } else {
                List<String> ordered = OrdersPlan.FORMAT.stream().map(col -> header.contains(col.name())
                        ? f.get(header.indexOf(col.name())) : "").toList();
                out.add(Out.keyed(orderId, CsvPlan.encode(ordered)));
            }
        }
        KafkaTesting.produce(topic, out);
        StreamReport report = KafkaStream.from(KafkaTesting.consumer()).orders(topic).group("g-" + topic)
                .options(QUICK).into(wh).run();
        assertEquals(csv.size() - 1, report.read());

        Warehouses.Built ref = Warehouses.fresh(DatabaseKind.DUCKDB, WarehouseConfig.defaults());
        try {
            ref.warehouse().init();
            IngestReport file = Ingest.into(ref.warehouse()).directory(DATA.dir()).options(Warehouses.INGEST).run();
            String cols = "order_id, product_id, line_no, customer_id, order_date, quantity, unit_price, status, "
                    + "ordered_at, shipping_state";
            String order = " ORDER BY order_id, product_id";
            assertEquals(Db.rows(ref.warehouse(), "SELECT " + cols + " FROM " + ref.warehouse().table(Layer.RAW,
                    "orders").sql() + order), Db.rows(wh, "SELECT " + cols + " FROM " + wh.table(Layer.RAW, "orders")
                    .sql() + order));
            assertEquals(file.source(SourceKind.ORDERS).orElseThrow().rejected(), report.rejected());
        } finally {
            Warehouses.drop(ref);
        }
    }

    @EachDatabase(value = {}, also = DatabaseKind.TRINO)
    void refusesTrinoWhichHasNoTransactions(Warehouse trino) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> KafkaStream.from(Map.of("bootstrap.servers", "127.0.0.1:1")).events("t").into(trino));
        assertEquals("warehouse", e.parameter().orElseThrow());
        assertTrue(e.getMessage().contains("stream into DuckDB, PostgreSQL, MariaDB or H2"), e.getMessage());
    }

    @Test
    void refusesAStreamWithoutTopicsOrServers() {
        InvalidArgumentException none = assertThrows(InvalidArgumentException.class,
                () -> KafkaStream.from(Map.of("bootstrap.servers", "127.0.0.1:1")).into(
                        Warehouse.connect("jdbc:duckdb:")));
        assertTrue(none.getMessage().contains("give at least one topic"), none.getMessage());
        InvalidArgumentException noServers = assertThrows(InvalidArgumentException.class,
                () -> KafkaStream.from(Map.of()));
        assertEquals("bootstrap.servers", noServers.parameter().orElseThrow());
        InvalidArgumentException rows = assertThrows(InvalidArgumentException.class,
                () -> StreamOptions.defaults().withBatchRows(0));
        assertEquals("batchRows", rows.parameter().orElseThrow());
    }
}
