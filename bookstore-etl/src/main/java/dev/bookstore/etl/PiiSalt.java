package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        TableName settings = wh.table(Layer.META, "settings");
        Optional<String> stored = read(wh, settings);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String fresh = HexFormat.of().formatHex(random);
        try {
            wh.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + settings.sql()
                        + " (name, setting_value) VALUES (?, ?)")) {
                    ps.setString(1, SETTING);
                    ps.setString(2, fresh);
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException raced) {
            // another process stored one first: use that
            return read(wh, settings).orElseThrow(() -> raced);
        }
        return fresh;
    }

    private static Optional<String> read(Warehouse wh, TableName settings) {
        return wh.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM " + settings.sql()
                    + " WHERE name = ?")) {
                ps.setString(1, SETTING);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
