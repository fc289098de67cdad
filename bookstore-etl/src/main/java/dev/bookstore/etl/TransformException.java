package dev.bookstore.etl;

import dev.bookstore.model.WarehouseException;
import java.util.Objects;

/**
 * A transform run in which at least one model failed. Models that did not depend on the failed ones were still
 * built; {@link #report()} says which did what. The message names each failed model, its SQL resource and the
 * database's error.
 *
 * <pre>{@code
 * try {
 *     Transform.on(warehouse).run();
 * } catch (TransformException e) {
 *     e.report().failed().forEach(m -> log.error("{}: {}", m.model(), m.error().orElse("")));
 * }
 * }</pre>
 */
public class TransformException extends WarehouseException {
    private static final long serialVersionUID = 1L;
    private final transient TransformReport report;

    /** A failed run described by {@code message}, with everything that happened in {@code report}. */
    public TransformException(String message, TransformReport report) {
        super(message);
        this.report = Objects.requireNonNull(report, "report");
    }

    /** What happened to every model of the run. */
    public TransformReport report() {
        return report;
    }
}
