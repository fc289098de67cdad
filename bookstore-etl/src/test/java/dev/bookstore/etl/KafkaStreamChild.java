package dev.bookstore.etl;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import java.time.Duration;
import java.util.Map;

/**
 * A stream in a JVM of its own, for the fault tests: {@code KafkaStreamChild URL NAMESPACE BOOTSTRAP TOPIC GROUP
 * BATCH_ROWS}; prints {@code committed N} after each batch (N records read and committed) and stops cleanly on
 * SIGTERM (the batch in flight is finished), or dies on SIGKILL wherever it is.
 */
public final class KafkaStreamChild {
    private KafkaStreamChild() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String namespace = args[1];
        WarehouseConfig config = namespace.isEmpty() ? WarehouseConfig.defaults()
                : WarehouseConfig.defaults().withNamespace(namespace);
        try (Warehouse wh = Warehouse.connect(url, config)) {
            StreamRun run = KafkaStream.from(Map.of("bootstrap.servers", args[2], "session.timeout.ms", "10000",
                            "heartbeat.interval.ms", "1000"))
                    .events(args[3]).group(args[4])
                    .options(StreamOptions.defaults().withBatchRows(Integer.parseInt(args[5]))
                            .withBatchTime(Duration.ofMillis(200)).withIngest(Warehouses.INGEST))
                    .onBatch(b -> {
                        System.out.println("committed " + b.read());
                        System.out.flush();
                    })
                    .into(wh).start();
            Thread hook = new Thread(() -> {
                run.stop();
                StreamReport r = run.await();
                System.out.println("stopped after " + r.batches() + " batches");
                System.out.flush();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("started");
            System.out.flush();
            run.await();
        }
    }
}
