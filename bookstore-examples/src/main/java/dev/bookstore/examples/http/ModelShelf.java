package dev.bookstore.examples.http;

import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.ml.ModelMetadata;
import dev.bookstore.ml.Recommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model files the service serves, each reloaded when it changes: the churn model ({@value #CHURN_FILE}) and
 * the recommender ({@value #RECS_FILE}), the files {@code bookstore train} writes. {@link #refresh()} (called by
 * the service every few seconds) looks at each file's size, modification time and identity, and when they changed
 * reads it with the library's reader, which checks the file's SHA-256; a file that fails to read keeps the model
 * in use and records why ({@link #problems()}). Swapping is atomic: a request uses the old model or the new one,
 * never a mix. Thread-safe.
 */
final class ModelShelf {
    private static final Logger LOG = LoggerFactory.getLogger(ModelShelf.class);

    /** The file name of the churn model in the models folder (the one {@code bookstore train} writes). */
    static final String CHURN_FILE = "churn.bsm";
    /** The file name of the recommender in the models folder (the one {@code bookstore train} writes). */
    static final String RECS_FILE = "recs.bsr";

    /**
     * A model in use.
     *
     * @param kind what it predicts: churn or recommender
     * @param model the model
     * @param fingerprint its fingerprint (churn: {@link ChurnModel#fingerprint()}; recommender: the file's SHA-256)
     * @param metadata how it was made (its training and evaluation days)
     * @param file where it was read from
     * @param fileSha256 SHA-256 of the whole file
     * @param loadedAt when it was read
     * @param <M> the model's type
     */
    record Loaded<M>(String kind, M model, String fingerprint, ModelMetadata metadata, Path file, String fileSha256,
                     Instant loadedAt) {
    }

    /**
     * One watched model file.
     *
     * @param <M> the model's type
     */
    static final class Slot<M> {
        /** What was seen of the file at the last look: size, modification time and identity (inode). */
        private record Seen(long size, long modified, Object fileKey) {
            static final Seen NONE = new Seen(-1, -1, "");
        }

        private final String kind;
        private final Path file;
        private final String train;
        private final Function<Path, M> read;
        private final Function<M, ModelMetadata> metadata;
        private final BiFunction<M, String, String> fingerprint;
        private final AtomicReference<Optional<Loaded<M>>> current = new AtomicReference<>(Optional.empty());
        private final AtomicReference<Optional<String>> lastProblem = new AtomicReference<>(Optional.empty());
        private volatile Seen seen = Seen.NONE;

        Slot(String kind, Path file, String train, Function<Path, M> read, Function<M, ModelMetadata> metadata,
             BiFunction<M, String, String> fingerprint) {
            this.kind = kind;
            this.file = file;
            this.train = train;
            this.read = read;
            this.metadata = metadata;
            this.fingerprint = fingerprint;
        }

        /** The model in use, if any was read. */
        Optional<Loaded<M>> current() {
            return current.get();
        }

        /** The model in use; without one, a 503 saying which command writes the file. */
        Loaded<M> require() {
            return current.get().orElseThrow(() -> new ApiError.NotReady(kind, "no " + kind + " model is loaded"
                    + lastProblem.get().map(p -> " (" + p + ")").orElse(" (" + file + " does not exist yet)"),
                    train + " (writes " + file + ")"));
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
                    LOG.warn("{} model file {} is gone; still serving the model read before", kind, file);
                }
                seen = Seen.NONE;
                return false;
            }
            if (now.equals(seen)) {
                return false;
            }
            seen = now;
            try {
                String sha = sha256(Files.readAllBytes(file));
                if (current.get().map(l -> l.fileSha256().equals(sha)).orElse(false)) {
                    return false;
                }
                M model = read.apply(file);
                Loaded<M> loaded = new Loaded<>(kind, model, fingerprint.apply(model, sha), metadata.apply(model),
                        file, sha, Instant.now());
                current.set(Optional.of(loaded));
                lastProblem.set(Optional.empty());
                LOG.info("serving {} model {} (trained as of {}) from {}", kind, loaded.fingerprint().substring(0, 12),
                        loaded.metadata().trainAsOf(), file);
                return true;
            } catch (IOException | RuntimeException e) {
                String why = file + ": " + e.getMessage();
                lastProblem.set(Optional.of(why));
                LOG.warn("cannot load the new {} model file, keeping the {} model: {}", kind,
                        current.get().isPresent() ? "current" : "missing", why);
                return false;
            }
        }
    }

    private final Slot<ChurnModel> churn;
    private final Slot<Recommender> recommender;

    ModelShelf(Path modelsDir) {
        this.churn = new Slot<>("churn", modelsDir.resolve(CHURN_FILE),
                "bookstore train --db URL --as-of DATE --models DIR --only churn", ModelFile::read,
                ChurnModel::metadata, (m, sha) -> m.fingerprint());
        this.recommender = new Slot<>("recommender", modelsDir.resolve(RECS_FILE),
                "bookstore train --db URL --as-of DATE --models DIR --only recs", Recommender::read,
                Recommender::metadata, (m, sha) -> sha);
    }

    /** The churn model's file. */
    Slot<ChurnModel> churn() {
        return churn;
    }

    /** The recommender's file. */
    Slot<Recommender> recommender() {
        return recommender;
    }

    /** The models in use, churn first. */
    List<Loaded<?>> loaded() {
        return Stream.concat(churn.current().stream(), recommender.current().stream()).<Loaded<?>>map(l -> l)
                .toList();
    }

    /** Why the last read of a file failed, per file that failed. */
    List<String> problems() {
        return Stream.concat(churn.problem().stream(), recommender.problem().stream()).toList();
    }

    /** Looks at every file (see {@link Slot#refresh()}); returns whether a new model is in use. */
    boolean refresh() {
        boolean churnChanged = churn.refresh();
        boolean recsChanged = recommender.refresh();
        return churnChanged || recsChanged;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
