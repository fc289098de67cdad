package dev.bookstore.model.sql;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * The one place where an {@link Instant} becomes the UTC wall-clock value the warehouse stores in its
 * {@code TIMESTAMP} columns (timestamps without time zone, so that no session or JVM zone is ever applied) and
 * back. The warehouse installs {@link #plugin()} on its Jdbi, so Jdbi binds and maps {@code Instant} this way
 * (and binds {@code LocalDate} as every driver accepts it); the bulk writers use {@link #of(Instant)}.
 *
 * <pre>{@code
 * wh.withHandle(h -> h.createUpdate(sql).bind("started_at", Instant.now()).execute());   // stored as UTC
 * Instant at = wh.withHandle(h -> h.createQuery(sql).mapTo(Instant.class).one());          // read as UTC
 * }</pre>
 */
public final class UtcTimestamps {
    private UtcTimestamps() {
    }

    /** {@code instant} as the UTC wall-clock time stored in {@code TIMESTAMP} columns. */
    public static LocalDateTime of(Instant instant) {
        // not ofInstant: that builds the offset's ZoneRules on every call
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    /** The instant of a stored UTC wall-clock time. */
    public static Instant toInstant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }

    /** A Jdbi plugin binding {@code Instant} parameters and mapping {@code Instant} columns as UTC wall-clock times. */
    public static JdbiPlugin plugin() {
        return new JdbiPlugin() {
            @Override
            public void customizeJdbi(Jdbi jdbi) {
                jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
                    @Override
                    protected Argument build(Instant value, ConfigRegistry config) {
                        return (position, statement, context) -> statement.setObject(position, of(value));
                    }
                });
                // plain setObject: DuckDB's driver rejects setObject(.., Types.DATE), which Jdbi's own binding uses
                jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.DATE) {
                    @Override
                    protected Argument build(LocalDate value, ConfigRegistry config) {
                        return (position, statement, context) -> statement.setObject(position, value);
                    }
                });
                jdbi.registerColumnMapper(Instant.class, (rs, column, context) -> {
                    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                    return t == null ? null : toInstant(t);
                });
            }
        };
    }
}
