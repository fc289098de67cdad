package dev.bookstore.etl;

import java.util.List;
import java.util.Objects;

/**
 * What granting the analyst role did: on PostgreSQL and MariaDB the role was created (if missing) and given read
 * access to every mart; on the embedded databases (DuckDB, H2) roles are not applicable.
 *
 * <pre>{@code
 * GrantResult result = Transform.on(warehouse).grantAnalystRole();
 * if (result instanceof GrantResult.Granted g) {
 *     log.info("{} can read {}", g.role(), g.relations());
 * } else if (result instanceof GrantResult.NotApplicable n) {
 *     log.info("no grants: {}", n.reason());
 * }
 * }</pre>
 */
public sealed interface GrantResult permits GrantResult.Granted, GrantResult.NotApplicable {

    /**
     * The role exists and can read these marts (and nothing else in the warehouse).
     *
     * @param role the role's name
     * @param relations the mart tables and views it may {@code SELECT} from, as written in SQL
     */
    record Granted(String role, List<String> relations) implements GrantResult {
        /** Validates and copies the components. */
        public Granted {
            Objects.requireNonNull(role, "role");
            relations = List.copyOf(relations);
        }
    }

    /**
     * The database has no roles of its own (an embedded database: protect its file instead).
     *
     * @param database the dialect's name
     * @param reason why grants do not apply
     */
    record NotApplicable(String database, String reason) implements GrantResult {
        /** Validates the components. */
        public NotApplicable {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
