package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.sql.Identifiers;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the model builder; validated on construction, immutable, changed with the {@code with...} methods.
 *
 * <p><b>PII salt.</b> E-mail addresses and names reach the marts only as salted SHA-256 hashes. The salt is
 * configuration, never code; it is taken from, in this order: {@link #withPiiSalt}, the system property
 * {@value #SALT_PROPERTY}, the environment variable {@value #SALT_ENVIRONMENT}, and otherwise a random salt that the
 * first transform generates and keeps in the warehouse's {@code meta.settings} (name {@code pii_salt}), so that
 * hashes stay stable from run to run. Keep it the same for a warehouse: hashes made with another salt do not match.
 *
 * <pre>{@code
 * TransformOptions options = TransformOptions.defaults()
 *         .withPiiSalt(System.getenv("MY_SALT"))
 *         .withAnalystRole("shop_analyst")
 *         .withLockWait(Duration.ofMinutes(1));
 * Transform.on(warehouse).options(options).run();
 * }</pre>
 *
 * @param piiSalt the salt for hashing personal data (8 to 200 of {@code A-Z a-z 0-9 . _ : + / = -}); empty to
 *                resolve it as described above
 * @param analystRole the role that {@code grantAnalystRole()} creates; empty for {@code <namespace>_analyst}, or
 *                    {@code bookstore_analyst} without a namespace
 * @param snapshotDay the business day recorded when a snapshot (customer history) sees a change; empty for today
 *                    in the reporting zone
 * @param lockWait how long a run waits for another transform run on the same warehouse to finish
 */
public record TransformOptions(Optional<String> piiSalt, Optional<String> analystRole, Optional<LocalDate> snapshotDay,
                               Duration lockWait) {
    /** The system property that can hold the PII salt. */
    public static final String SALT_PROPERTY = "bookstore.pii.salt";
    /** The environment variable that can hold the PII salt. */
    public static final String SALT_ENVIRONMENT = "BOOKSTORE_PII_SALT";

    private static final Pattern SALT = Pattern.compile("[A-Za-z0-9._:+/=-]{8,200}");

    /** Validates every component, naming the option and the value when one is wrong. */
    public TransformOptions {
        Objects.requireNonNull(piiSalt, "piiSalt");
        Objects.requireNonNull(analystRole, "analystRole");
        Objects.requireNonNull(snapshotDay, "snapshotDay");
        Objects.requireNonNull(lockWait, "lockWait");
        piiSalt.ifPresent(TransformOptions::requireSalt);
        analystRole.ifPresent(r -> Identifiers.require(r, "analyst role"));
        if (lockWait.isNegative()) {
            throw new InvalidArgumentException("lockWait " + lockWait
                    + " is negative (use Duration.ZERO to fail at once)");
        }
    }

    /** No salt given (resolved as documented above), the default role name, today, ten minutes' wait. */
    public static TransformOptions defaults() {
        return new TransformOptions(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(10));
    }

    /** A copy hashing personal data with {@code salt}. */
    public TransformOptions withPiiSalt(String salt) {
        return new TransformOptions(Optional.of(salt), analystRole, snapshotDay, lockWait);
    }

    /** A copy granting read access on marts to role {@code role}. */
    public TransformOptions withAnalystRole(String role) {
        return new TransformOptions(piiSalt, Optional.of(role), snapshotDay, lockWait);
    }

    /** A copy recording snapshot changes as of {@code day} (for back-fills and tests). */
    public TransformOptions withSnapshotDay(LocalDate day) {
        return new TransformOptions(piiSalt, analystRole, Optional.of(day), lockWait);
    }

    /** A copy waiting up to {@code wait} for another transform run to finish. */
    public TransformOptions withLockWait(Duration wait) {
        return new TransformOptions(piiSalt, analystRole, snapshotDay, wait);
    }

    static String requireSalt(String salt) {
        if (salt == null || !SALT.matcher(salt).matches()) {
            throw new InvalidArgumentException("piiSalt", "PII salt is not valid: use 8 to 200 characters of "
                    + "A-Z a-z 0-9 . _ : + / = - (the value is not shown)");
        }
        return salt;
    }
}
