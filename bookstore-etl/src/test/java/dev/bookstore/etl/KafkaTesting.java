package dev.bookstore.etl;


import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real Kafka broker of the stream tests: the one {@code scripts/kafka-broker start} runs, at
 * {@code BOOKSTORE_KAFKA_BOOTSTRAP} (as the script prints it; {@code .ci/run} sets it). Where it is not set or not
 * reachable the tests skip, except under {@code CI=true}, where they fail (like the server databases).
 */
final class KafkaTesting {
    private static Optional<String> probed;

    private KafkaTesting() {
    }

    /** The broker's bootstrap address; skips (or under CI fails) the test when there is none. */
    static synchronized String bootstrap() {
        if (probed == null) {
            probed = probe();
        }
        probed.ifPresent(DatabaseKind::unavailable);
        return configured().orElseThrow();
    }

    private static Optional<String> configured() {
        String v = System.getProperty("bookstore.kafka.bootstrap", System.getenv("BOOKSTORE_KAFKA_BOOTSTRAP"));
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static Optional<String> probe() {
        Optional<String> servers = configured();
        if (servers.isEmpty()) {
            return Optional.of("Kafka is not configured: set BOOKSTORE_KAFKA_BOOTSTRAP to the address that "
                    + "scripts/kafka-broker start prints");
        }
        try (Admin admin = admin(servers.get())) {
            admin.describeCluster().nodes().get(15, java.util.concurrent.TimeUnit.SECONDS);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("Kafka at " + servers.get() + " is not reachable: " + e);
        }
    }

    static Admin admin(String servers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(p);
    }

    /** A new topic with a unique name starting with {@code prefix}, with {@code partitions} partitions. */
    static String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = admin(bootstrap())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        return name;
    }

    /** The consumer properties of a stream on the test broker. */
    static Map<String, String> consumer() {
        return Map.of("bootstrap.servers", bootstrap(), "session.timeout.ms", "10000",
                "heartbeat.interval.ms", "1000");
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // not idempotent: the single test broker was seen reusing a producer id after a restart (the appends then
        // fail as OUT_OF_ORDER_SEQUENCE_NUMBER); one request in flight keeps each partition in send order
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A record to produce: its key (or null) and value, to {@code partition} when not null. */
    record Out(String key, String value, Integer partition) {
        static Out keyed(String key, String value) {
            return new Out(key, value, null);
        }

        static Out to(int partition, String value) {
            return new Out(null, value, partition);
        }
    }

    /** Produces {@code records} to {@code topic}, waiting for every acknowledgement; returns where each went. */
    static List<RecordMetadata> produce(String topic, List<Out> records) throws InterruptedException,
            ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Out r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.partition(),
                        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                        r.value() == null ? null : r.value().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
        List<RecordMetadata> out = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            out.add(f.get());
        }
        return out;
    }

    /** The events of a raw table in a stable order, every stored field as text. */
    static List<List<String>> events(Warehouse wh) {
        return Db.rows(wh, "SELECT event_type, user_id, session_id, event_time, page, search_query, product_id, "
                + "channel, device FROM " + wh.table(Layer.RAW, "events").sql() + " ORDER BY user_id, event_time, "
                + "event_type, session_id, page, search_query, product_id, channel, device");
    }

    /** Waits up to {@code max} for {@code condition}. */
    static boolean eventually(Duration max, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
