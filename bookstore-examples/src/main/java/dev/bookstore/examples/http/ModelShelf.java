package dev.bookstore.examples.http;

import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The churn model the service scores with, reloaded when its file changes: {@link #refresh()} (called by the
 * service every few seconds) looks at the file's size and modification time, and when they changed reads it with
 * {@link ModelFile#read}, which checks the file's SHA-256; a file that fails to read keeps the current model and
 * logs why. Swapping is atomic: a request scores with the old model or the new one, never a mix. Thread-safe.
 */
final class ModelShelf {
    private static final Logger LOG = LoggerFactory.getLogger(ModelShelf.class);

    /** The file name of the churn model in the models folder (the one {@code bookstore train} writes). */
    static final String CHURN_FILE = "churn.bsm";

    /**
     * A model in use.
     *
     * @param model the model
     * @param fingerprint its fingerprint ({@link ChurnModel#fingerprint()})
     * @param file where it was read from
     * @param fileSha256 SHA-256 of the whole file
     * @param loadedAt when it was read
     */
    record Loaded(ChurnModel model, String fingerprint, Path file, String fileSha256, Instant loadedAt) {
    }

    /** What was seen of the file at the last look: size, modification time and identity (inode). */
    private record Seen(long size, long modified, Object fileKey) {
        static final Seen NONE = new Seen(-1, -1, "");
    }

    private final Path file;
    private final AtomicReference<Optional<Loaded>> current = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<String>> lastProblem = new AtomicReference<>(Optional.empty());
    private volatile Seen seen = Seen.NONE;

    ModelShelf(Path modelsDir) {
        this.file = modelsDir.resolve(CHURN_FILE);
    }

    /** The model in use, if any was read. */
    Optional<Loaded> churn() {
        return current.get();
    }

    /** Why the last read failed, when it did (the old model, if any, stays in use). */
    Optional<String> problem() {
        return lastProblem.get();
    }

    /** The file watched. */
    Path file() {
        return file;
    }

    /** Reads the file when it is new or changed since the last look; returns whether a new model is in use. */
    synchronized boolean refresh() {
        Seen now;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            now = new Seen(a.size(), a.lastModifiedTime().toMillis(), a.fileKey() == null ? "" : a.fileKey());
        } catch (IOException e) {
            if (seen != Seen.NONE || current.get().isPresent()) {
                LOG.warn("model file {} is gone; still scoring with the model read before", file);
            }
            seen = Seen.NONE;
            return false;
        }
        if (now.equals(seen)) {
            return false;
        }
        seen = now;
        try {
            byte[] bytes = Files.readAllBytes(file);
            String sha = sha256(bytes);
            if (current.get().map(l -> l.fileSha256().equals(sha)).orElse(false)) {
                return false;
            }
            ChurnModel model = ModelFile.read(file);
            current.set(Optional.of(new Loaded(model, model.fingerprint(), file, sha, Instant.now())));
            lastProblem.set(Optional.empty());
            LOG.info("serving churn model {} (trained as of {}) from {}", model.fingerprint().substring(0, 12),
                    model.metadata().trainAsOf(), file);
            return true;
        } catch (IOException | RuntimeException e) {
            String why = file + ": " + e.getMessage();
            lastProblem.set(Optional.of(why));
            LOG.warn("cannot load the new model file, keeping the {} model: {}",
                    current.get().isPresent() ? "current" : "missing", why);
            return false;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
