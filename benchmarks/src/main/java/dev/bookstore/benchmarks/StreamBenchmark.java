package dev.bookstore.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.KafkaStream;
import dev.bookstore.etl.StreamOptions;
import dev.bookstore.etl.StreamReport;
import dev.bookstore.etl.StreamRun;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Streaming ingestion's throughput and lag, broker included (the broker of {@code scripts/kafka-broker start} on
 * the same machine). Two phases per database:
 * <ol>
 *   <li><b>sustained events/s</b>: {@code --events N} generated events are produced to a fresh topic first, then one
 *   {@link KafkaStream} (every rule on) loads them all; events/s = N / the time from start to the last commit;</li>
 *   <li><b>lag at a fixed rate</b>: events are produced at {@code --rate R}/s for {@code --seconds S} with their
 *   timestamp set to the moment they are sent, while the stream runs; each batch's lag (commit time − the newest
 *   event time in it) is one sample; p50 and p99 over the batches are printed, with the batch window.</li>
 * </ol>
 *
 * <pre>
 * BOOTSTRAP=$(scripts/kafka-broker start | tail -1)
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.bookstore.benchmarks.StreamBenchmark \
 *     --bootstrap "$BOOTSTRAP" --events 1000000 --rate 20000 --seconds 60 \
 *     --duckdb /tmp/stream-bench.duckdb --postgresql 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
 * </pre>
 *
 * <p>Options: {@code --bootstrap HOST:PORT}, {@code --events N} (default 1,000,000), {@code --rate R} (default
 * 20,000), {@code --seconds S} (default 60), {@code --batch-rows N} (default 50,000), {@code --batch-ms N} (default
 * 1,000), {@code --duckdb FILE} and/or {@code --postgresql URL} (a fresh namespace {@code streambench_*}).
 */
public final class StreamBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String bootstrap = o.getOrDefault("bootstrap", "127.0.0.1:19092");
        int events = Integer.parseInt(o.getOrDefault("events", "1000000"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "20000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        StreamOptions options = StreamOptions.defaults()
                .withBatchRows(Integer.parseInt(o.getOrDefault("batch-rows", "50000")))
                .withBatchTime(Duration.ofMillis(Long.parseLong(o.getOrDefault("batch-ms", "1000"))))
                .withIngest(IngestOptions.defaults());
        Path data = Files.createTempDirectory("stream-bench");
        Generator.generate(GeneratorOptions.defaults().withEvents(events).withProblems(false), data);
        List<String> lines = Files.readAllLines(data.resolve(Generator.EVENTS_FILE)).stream()
                .filter(l -> !l.isBlank()).toList();
        List<String[]> urls = new ArrayList<>();
        if (o.containsKey("duckdb")) {
            urls.add(new String[] {"duckdb", "jdbc:duckdb:" + o.get("duckdb"), ""});
        }
        if (o.containsKey("postgresql")) {
            urls.add(new String[] {"postgresql", o.get("postgresql"),
                "streambench_" + UUID.randomUUID().toString().substring(0, 6)});
        }
        System.out.println("| database | events | events/s | rate | batches | lag p50 | lag p99 | batch window |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] db : urls) {
            WarehouseConfig config = db[2].isEmpty() ? WarehouseConfig.defaults()
                    : WarehouseConfig.defaults().withNamespace(db[2]);
            try (Warehouse wh = Warehouse.connect(db[1], config)) {
                wh.init();
                String topic = topic(bootstrap, "bench-sustained");
                produce(bootstrap, topic, lines, 0, false);
                long t0 = System.nanoTime();
                long[] lastCommit = {t0};
                StreamReport sustained = KafkaStream.from(Map.of("bootstrap.servers", bootstrap)).events(topic)
                        .group("bench-" + topic).options(options.withStopWhenIdle(Duration.ofSeconds(5)))
                        .onBatch(b -> lastCommit[0] = System.nanoTime()).into(wh).run();
                double secondsTaken = (lastCommit[0] - t0) / 1e9; // start (group join included) to the last commit
                double perSecond = sustained.read() / secondsTaken;

                String lagTopic = topic(bootstrap, "bench-lag");
                List<Long> lags = Collections.synchronizedList(new ArrayList<>());
                StreamRun run = KafkaStream.from(Map.of("bootstrap.servers", bootstrap)).events(lagTopic)
                        .group("bench-" + lagTopic).options(options)
                        .onBatch(b -> b.topics().forEach(t -> t.lag().ifPresent(l -> lags.add(l.toMillis()))))
                        .into(wh).start();
                int n = Math.min(lines.size(), rate * seconds);
                produce(bootstrap, lagTopic, lines.subList(0, n), rate, true);
                Thread.sleep(options.batchTime().toMillis() * 3);
                run.stop();
                StreamReport lagged = run.await();
                List<Long> sorted = new ArrayList<>(lags);
                Collections.sort(sorted);
                System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %,d/s | %,d | %s | %s | %,d ms |%n", db[0],
                        sustained.read(), perSecond, rate, lagged.batches(), pct(sorted, 0.50), pct(sorted, 0.99),
                        options.batchTime().toMillis());
            }
        }
    }

    private static String pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,d ms", sorted.get((int) Math.min(sorted.size() - 1,
                Math.ceil(p * sorted.size()) - 1)));
    }

    private static String topic(String bootstrap, String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
        }
        return name;
    }

    /** Produces {@code lines} (at {@code rate}/s when positive; with the send time as timestamp when asked). */
    private static void produce(String bootstrap, String topic, List<String> lines, int rate, boolean stampNow)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // not idempotent (the local test broker was seen reusing a producer id: appends then fail as
        // OUT_OF_ORDER_SEQUENCE_NUMBER); one request in flight per connection keeps each partition in send order
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long t0 = System.nanoTime();
            long sent = 0;
            for (String line : lines) {
                if (rate > 0) {
                    long wait = t0 + sent * 1_000_000_000L / rate - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                String value = line;
                if (stampNow) {
                    ObjectNode node = (ObjectNode) JSON.readTree(line);
                    node.put("timestamp", Instant.now().toString());
                    value = node.toString();
                }
                String key = JSON.readTree(line).path("user_id").asText();
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
                sent++;
            }
            producer.flush();
        }
    }
}
