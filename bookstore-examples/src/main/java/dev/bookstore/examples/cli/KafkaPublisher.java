package dev.bookstore.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.generator.Generator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code bookstore generate --to-kafka}: publishes the generated events (in time order) and orders to Kafka. */
final class KafkaPublisher {
    private KafkaPublisher() {
    }

    /** One record to publish: its key, value and time. */
    private record Out(String key, String value, Instant at) {
    }

    static void publish(Path dir, String bootstrap, String topic, String ordersTopic, long rate, PrintWriter out)
            throws IOException {
        List<Out> events = events(dir.resolve(Generator.EVENTS_FILE));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // not idempotent (the local test broker was seen reusing a producer id: appends then fail as
        // OUT_OF_ORDER_SEQUENCE_NUMBER); one request in flight per connection keeps each partition in send order
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        long t0 = System.nanoTime();
        long orders = 0;
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        org.apache.kafka.clients.producer.Callback remember = (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            if (ordersTopic != null) {
                List<String> lines = Files.readAllLines(dir.resolve(Generator.ORDERS_FILE), StandardCharsets.UTF_8);
                List<String> header = List.of(lines.get(0).split(","));
                int orderId = header.indexOf("order_id");
                for (String line : lines.subList(1, lines.size())) {
                    String key = line.split(",", -1)[orderId];
                    producer.send(new ProducerRecord<>(ordersTopic, bytes(key), bytes(line)), remember);
                    orders++;
                }
            }
            long sent = 0;
            for (Out e : events) {
                if (rate > 0) {
                    long due = t0 + sent * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                producer.send(new ProducerRecord<>(topic, bytes(e.key()), bytes(e.value())), remember);
                sent++;
            }
            producer.flush(); // waits for every send: a failure is in 'failed'
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while publishing to Kafka", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            failed.compareAndSet(null, e);
        }
        if (failed.get() != null) {
            throw new WarehouseException("publishing to Kafka at " + bootstrap + " failed: " + failed.get().getMessage()
                    + " (is the broker running? scripts/kafka-broker start)", failed.get());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        out.println("published " + Units.count(events.size()) + " events to " + topic
                + (ordersTopic != null ? " and " + Units.count(orders) + " order lines to " + ordersTopic : "")
                + " at " + bootstrap + " in " + Units.duration(took));
        out.flush();
    }

    private static List<Out> events(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Out> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Instant at;
            String user;
            try {
                JsonNode node = json.readTree(line);
                user = node.path("user_id").asText(null);
                at = Instant.parse(node.path("timestamp").asText());
            } catch (IOException | RuntimeException e) {
                user = null;
                at = Instant.MAX; // a planted bad line: published last, the stream quarantines it
            }
            out.add(new Out(user, line, at));
        }
        out.sort(Comparator.comparing(Out::at)); // stable: lines of one instant keep their file order
        return out;
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
