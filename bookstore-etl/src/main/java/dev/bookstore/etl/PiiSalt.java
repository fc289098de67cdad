package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the salt for hashing personal data: the options, the system property {@code bookstore.pii.salt}, the
 * environment variable {@code BOOKSTORE_PII_SALT}, else the warehouse's own salt in {@code meta.settings}
 * ({@code pii_salt}), generated at random the first time.
 */
final class PiiSalt {
    static final String SETTING = "pii_salt";

    private PiiSalt() {
    }

    static String resolve(Warehouse wh, TransformOptions options) {
        if (options.piiSalt().isPresent()) {
            return options.piiSalt().get();
        }
        String property = System.getProperty(TransformOptions.SALT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return TransformOptions.requireSalt(property.strip());
        }
        String env = System.getenv(TransformOptions.SALT_ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return TransformOptions.requireSalt(env.strip());
        }
        Optional<String> stored = read(wh);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String fresh = HexFormat.of().formatHex(random);
        try {
            wh.withHandle(h -> h.createUpdate(SqlResources.load(PiiSalt.class, "store_pii_salt"))
                    .bind("name", SETTING).bind("value", fresh).execute());
        } catch (RuntimeException raced) {
            // another process stored one first: use that
            return read(wh).orElseThrow(() -> raced);
        }
        return fresh;
    }

    private static Optional<String> read(Warehouse wh) {
        return wh.withHandle(h -> h.createQuery(SqlResources.load(PiiSalt.class, "pii_salt")).bind("name", SETTING)
                .mapTo(String.class).findOne());
    }
}
