package dev.bookstore.examples.cli;

import dev.bookstore.model.generator.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore generate}: writes a deterministic synthetic data set and prints a line per file. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = DataSetOptions.Defaults.class,
        description = {"Write a synthetic bookstore data set: raw_orders.csv, raw_customers.csv, raw_products.csv, "
                + "clickstream_events.jsonl and manifest.json (counts, options and the planted truth).",
            "The same options always give byte-identical files; existing files of these names are replaced.",
            "With --to-kafka, also publishes the events to a Kafka topic in time order (key: user_id), at --rate "
                + "events per second, for trying bookstore stream."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataSetOptions data;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write into (created if missing); "
            + "required unless --to-kafka is given (then a temporary directory is used).")
    private Path out;

    @Option(names = "--to-kafka", paramLabel = "BOOTSTRAP",
            description = "Publish the events to Kafka at BOOTSTRAP (HOST:PORT) in time order.")
    private String toKafka;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "clickstream",
            description = "Topic of the events with --to-kafka (default clickstream).")
    private String topic;

    @Option(names = "--orders-topic", paramLabel = "NAME",
            description = "With --to-kafka, also publish the order lines (CSV lines, key: order_id) to this topic.")
    private String ordersTopic;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Events per second with --to-kafka (default 0: as fast as the broker takes them).")
    private long rate;

    @Override
    public Integer call() throws java.io.IOException {
        if (out == null && toKafka == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--out=DIR' (or --to-kafka BOOTSTRAP)");
        }
        if (rate < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be at least 0");
        }
        BookstoreCli root = BookstoreCli.of(spec);
        Path dir = out != null ? out : java.nio.file.Files.createTempDirectory("bookstore-generate");
        DataSet.Generated generated = DataSet.generate(data.options(), dir, spec.commandLine().getErr(),
                root.stderrIsTerminal());
        print(generated, spec.commandLine().getOut());
        if (toKafka != null) {
            KafkaPublisher.publish(dir, toKafka, topic, ordersTopic, rate, spec.commandLine().getOut());
        }
        return 0;
    }

    private static void print(DataSet.Generated generated, PrintWriter out) {
        Manifest m = generated.manifest();
        TextTable table = new TextTable("file", ">rows", ">size");
        m.files().forEach((file, rows) -> table.row(file, Units.count(rows), Units.bytes(generated.sizeOf(file))));
        table.print(out);
        out.println("generated " + Units.count(generated.rows()) + " rows in " + m.files().size() + " files into "
                + generated.dir() + " in " + Units.duration(generated.time()) + " (seed " + m.options().seed()
                + ", problems " + (m.options().problems() ? "on" : "off") + ")");
        if (m.options().problems()) {
            out.println("planted problems: " + DataSet.describeProblems(m));
        }
        out.flush();
    }
}
