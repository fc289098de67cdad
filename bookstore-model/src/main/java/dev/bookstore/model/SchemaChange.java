package dev.bookstore.model;

/**
 * What {@link Warehouse#init()} did: the schema version before and after (equal when nothing was to do).
 *
 * @param fromVersion version found (0 for a new warehouse)
 * @param toVersion version now
 */
public record SchemaChange(int fromVersion, int toVersion) {
    /** Whether any migration ran. */
    public boolean changed() {
        return toVersion != fromVersion;
    }
}
