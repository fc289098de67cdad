package dev.bookstore.examples.cli;

import dev.bookstore.etl.KafkaStream;
import dev.bookstore.etl.StreamOptions;
import dev.bookstore.etl.StreamReport;
import dev.bookstore.etl.StreamRun;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore stream}: consumes Kafka topics into the raw layer in micro-batches, exactly once (KafkaStream),
 * printing a line per batch with the lag per topic, until SIGTERM or Ctrl-C (the batch in flight is finished).
 */
@Command(name = "stream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Stream clickstream events or order lines from Kafka topics into the warehouse's raw layer in "
                + "micro-batches, with the rules and quarantine of file ingest, exactly once: each batch's rows and "
                + "the partitions' offsets commit in one transaction (meta.stream_offsets).",
            "Runs until SIGTERM or Ctrl-C, which finish the batch in flight. One line per batch: records read, "
                + "loaded, quarantined, duplicates, and the lag per topic (commit time - newest event time)."})
final class StreamCommand implements Callable<Integer> {
    enum Kind { EVENTS, ORDERS }

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, e.g. 127.0.0.1:19092 (scripts/kafka-broker start prints it).")
    private String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "NAME", description = "Topic to consume (repeatable).")
    private List<String> topics;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "events",
            converter = KindConverter.class,
            description = "What the topics carry: events (JSON, default) or orders (JSON objects or CSV lines).")
    private Kind kind;

    @Option(names = "--group", paramLabel = "ID", defaultValue = "bookstore",
            description = "Consumer group (default bookstore); positions are stored per group.")
    private String group;

    @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "50000",
            description = "Close a batch at N records (default 50000).")
    private int batchRows;

    @Option(names = "--batch-ms", paramLabel = "N", defaultValue = "1000",
            description = "Close a batch N ms after its first record (default 1000).")
    private long batchMs;

    @Option(names = "--refresh-every", paramLabel = "S", defaultValue = "0",
            description = "Run the incremental models reading the loaded tables at most every S seconds "
                    + "(default 0: never).")
    private long refreshEvery;

    @Option(names = "--stop-when-idle", paramLabel = "S", defaultValue = "0",
            description = "Stop when no record arrived for S seconds (default 0: run until stopped).")
    private long stopWhenIdle;

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "events" -> Kind.EVENTS;
                case "orders" -> Kind.ORDERS;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a kind: use events or orders");
            };
        }
    }

    @Override
    public Integer call() {
        if (batchRows < 1 || batchMs < 1 || refreshEvery < 0 || stopWhenIdle < 0) {
            throw new ParameterException(spec.commandLine(), "--batch-rows and --batch-ms must be at least 1, "
                    + "--refresh-every and --stop-when-idle at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        StreamOptions options = StreamOptions.defaults().withBatchRows(batchRows)
                .withBatchTime(Duration.ofMillis(batchMs)).withRefreshEvery(Duration.ofSeconds(refreshEvery))
                .withStopWhenIdle(Duration.ofSeconds(stopWhenIdle));
        try (Warehouse wh = warehouse.connectOrCreate()) {
            KafkaStream stream = KafkaStream.from(Map.of("bootstrap.servers", bootstrap)).group(group)
                    .options(options).onBatch(b -> {
                        out.println("batch: " + Units.count(b.read()) + " read, " + Units.count(b.loaded())
                                + " loaded, " + Units.count(b.rejected()) + " quarantined, "
                                + Units.count(b.duplicates()) + " duplicates in " + Units.duration(b.elapsed())
                                + "; lag " + lag(b));
                        out.flush();
                    });
            String[] names = topics.toArray(String[]::new);
            stream = kind == Kind.EVENTS ? stream.events(names) : stream.orders(names);
            StreamRun run = stream.into(wh).start();
            Thread hook = new Thread(() -> {
                run.stop();
                try {
                    run.await();
                } catch (RuntimeException e) {
                    // reported by the main thread
                }
            }, "bookstore-stream-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("streaming " + String.join(", ", topics) + " (" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + ", group " + group + ") from " + bootstrap + " into " + wh + "; stop with Ctrl-C or SIGTERM");
            out.flush();
            StreamReport report = run.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stopped the stream
            }
            out.println("stopped: " + Units.count(report.batches()) + " batches, " + Units.count(report.read())
                    + " read, " + Units.count(report.loaded()) + " loaded, " + Units.count(report.rejected())
                    + " quarantined, " + Units.count(report.duplicates()) + " duplicates, " + report.refreshes()
                    + " model refreshes in " + Units.duration(report.elapsed()));
            out.flush();
        }
        return 0;
    }

    private static String lag(StreamReport batch) {
        return batch.topics().stream().map(t -> t.topic() + " " + t.lag().map(Units::duration).orElse("-"))
                .collect(Collectors.joining(", "));
    }
}
