package dev.bookstore.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.model.NotReadyException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes churn models in the library's own versioned binary format (no Java serialization).
 *
 * <p>Layout (big-endian): the 8-byte magic {@code BSMODEL\n}; the format version (int, currently
 * {@value #FORMAT_VERSION}); the header length (int) and a UTF-8 JSON header (kind, feature schema, training
 * metadata, calibration — method and parameters —, the reference vector of training medians, and the kind of
 * trees: {@code forest}, or {@code boosting} with its intercept and shrinkage); the trees (tree count, node count,
 * roots, then per node: feature, threshold, left, right, vote0, vote1 — a boosting leaf's output in vote1); and a
 * SHA-256 of everything before it. A file that is not a model, has an unknown version, is truncated
 * or was modified is rejected with a one-line {@link ModelFileException}. Version 1 files (written before
 * calibration and the reference vector existed) are rejected with a message asking to retrain: they hold neither,
 * and their feature schema is no longer computed.
 *
 * <pre>{@code
 * ModelFile.write(churn, Path.of("models/churn.bsm"));
 * ChurnModel loaded = ModelFile.read(Path.of("models/churn.bsm"));
 * }</pre>
 */
public final class ModelFile {
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 2;

    private static final byte[] MAGIC = "BSMODEL\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /**
     * Writes a model atomically (to a sibling temporary file, then moved into place).
     *
     * @param model the model
     * @param file the target file; parent directories are created
     * @throws ModelFileException when the file cannot be written
     */
    public static void write(ChurnModel model, Path file) {
        byte[] bytes = encode(model);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModelFileException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and verifies a model.
     *
     * @param file the model file
     * @return the model (scorer and metadata; no evaluation)
     * @throws NotReadyException when the file does not exist (no model trained yet)
     * @throws ModelFileException when the file is not a model, of an unknown version, truncated or modified
     */
    public static ChurnModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NotReadyException("model file " + file + " does not exist: train a model first "
                    + "(ModelFile.write(ChurnModel.train(warehouse, asOf), file), or bookstore train)");
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    static byte[] encode(ChurnModel model) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] header = JSON.writeValueAsBytes(header(model));
            out.writeInt(header.length);
            out.write(header);
            Scorer s = model.scorer();
            out.writeInt(s.trees());
            out.writeInt(s.nodes());
            for (int r : s.roots()) {
                out.writeInt(r);
            }
            for (int i = 0; i < s.nodes(); i++) {
                out.writeInt(s.feature()[i]);
                out.writeDouble(s.threshold()[i]);
                out.writeInt(s.left()[i]);
                out.writeInt(s.right()[i]);
                out.writeDouble(s.vote0()[i]);
                out.writeDouble(s.vote1()[i]);
            }
            out.flush();
            out.write(sha256(buf.toByteArray(), buf.size()));
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new ModelFileException("cannot encode model: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 a model's file ends with (its checksum, over everything before it). */
    static byte[] digest(ChurnModel model) {
        byte[] bytes = encode(model);
        return Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length);
    }

    static ChurnModel decode(byte[] bytes, String name) {
        int prefix = Math.min(bytes.length, MAGIC.length);
        boolean magic = Arrays.equals(Arrays.copyOf(bytes, prefix), Arrays.copyOf(MAGIC, prefix));
        if (magic && bytes.length < MAGIC.length + 4) {
            throw new ModelFileException("model file " + name + " is truncated (" + bytes.length + " bytes)");
        }
        if (!magic || bytes.length == 0) {
            throw new ModelFileException("model file " + name + " is not a bookstore model file (bad magic bytes)");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version == 1) {
            throw new ModelFileException("model file " + name + " has format version 1 (no calibration, no reference "
                    + "values); retrain it with this release (bookstore train), which writes version " + FORMAT_VERSION);
        }
        if (version != FORMAT_VERSION) {
            throw new ModelFileException("model file " + name + " has format version " + version
                    + "; this library reads version " + FORMAT_VERSION);
        }
        if (bytes.length < MAGIC.length + 8 + DIGEST) {
            throw new ModelFileException("model file " + name + " is truncated (" + bytes.length + " bytes)");
        }
        int body = bytes.length - DIGEST;
        if (!MessageDigest.isEqual(sha256(bytes, body), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new ModelFileException("model file " + name
                    + " is truncated or was modified (SHA-256 checksum mismatch)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body));
            in.skipNBytes(MAGIC.length + 4);
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > body) {
                throw new ModelFileException("model file " + name + " has a bad header length " + headerLength);
            }
            JsonNode header = JSON.readTree(in.readNBytes(headerLength));
            FeatureSchema schema = schema(header.path("schema"));
            if (!schema.equals(Features.SCHEMA)) {
                throw new ModelFileException("model file " + name + " was trained on feature schema " + schema.name()
                        + ", which this library no longer computes (it computes " + Features.SCHEMA.name()
                        + "); retrain it (bookstore train)");
            }
            ModelMetadata metadata = metadata(header.path("metadata"));
            Calibrator calibrator = calibrator(header.path("calibration"));
            double[] reference = doubles(header, "reference");
            if (reference.length != schema.size()) {
                throw new ModelFileException("model file " + name + " has " + reference.length
                        + " reference values for the " + schema.size() + " features of " + schema.name());
            }
            int trees = in.readInt();
            int nodes = in.readInt();
            if (trees < 1 || nodes < trees || (long) nodes * 36 > body) {
                throw new ModelFileException("model file " + name + " declares " + trees + " trees and " + nodes
                        + " nodes, which its size cannot hold");
            }
            int[] roots = new int[trees];
            for (int t = 0; t < trees; t++) {
                roots[t] = in.readInt();
            }
            int[] feature = new int[nodes];
            double[] threshold = new double[nodes];
            int[] left = new int[nodes];
            int[] right = new int[nodes];
            double[] vote0 = new double[nodes];
            double[] vote1 = new double[nodes];
            for (int i = 0; i < nodes; i++) {
                feature[i] = in.readInt();
                threshold[i] = in.readDouble();
                left[i] = in.readInt();
                right[i] = in.readInt();
                vote0[i] = in.readDouble();
                vote1[i] = in.readDouble();
            }
            if (in.available() != 0) {
                throw new ModelFileException("model file " + name + " has " + in.available()
                        + " unexpected bytes after the forest");
            }
            JsonNode treeKind = header.path("trees");
            String kind = treeKind.path("kind").asText("forest");
            Scorer scorer = switch (kind) {
                case "forest" -> new Scorer(schema, roots, feature, threshold, left, right, vote0, vote1);
                case "boosting" -> Scorer.boosted(schema, roots, feature, threshold, left, right, vote1,
                        required(treeKind, "intercept").asDouble(), required(treeKind, "shrinkage").asDouble());
                default -> throw new ModelFileException("model file " + name + " has trees of kind '" + kind
                        + "'; valid: forest, boosting");
            };
            return ChurnModel.loaded(scorer, calibrator, reference, metadata);
        } catch (EOFException e) {
            throw new ModelFileException("model file " + name + " is truncated");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException("model file " + name + " is malformed: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private static ObjectNode header(ChurnModel model) {
        ObjectNode h = JSON.createObjectNode();
        h.put("kind", model.metadata().kind());
        ObjectNode schema = h.putObject("schema");
        schema.put("name", model.scorer().schema().name());
        model.scorer().schema().columns().forEach(schema.putArray("columns")::add);
        // forest: P = Σ vote1 / Σ (vote0 + vote1) of the leaves reached; boosting: f = intercept + shrinkage ×
        // Σ vote1 (the trees' outputs; vote0 is 0), P = 1 - 1 / (1 + e^(2f))
        ObjectNode trees = h.putObject("trees");
        Scorer scorer = model.scorer();
        trees.put("kind", scorer.boosted() ? "boosting" : "forest");
        if (scorer.boosted()) {
            trees.put("intercept", scorer.intercept());
            trees.put("shrinkage", scorer.shrinkage());
        }
        ObjectNode m = h.putObject("metadata");
        ModelMetadata md = model.metadata();
        m.put("kind", md.kind());
        m.put("train_as_of", md.trainAsOf().toString());
        m.put("evaluation_as_of", md.evaluationAsOf().toString());
        m.put("horizon_days", md.horizonDays());
        m.put("train_rows", md.trainRows());
        m.put("data_fingerprint", md.dataFingerprint());
        ObjectNode metrics = m.putObject("metrics");
        md.metrics().forEach(metrics::put);
        Calibrator c = model.calibrator();
        ObjectNode calibration = h.putObject("calibration");
        calibration.put("method", c.method().name().toLowerCase(java.util.Locale.ROOT));
        switch (c.method()) {
            case PLATT -> {
                calibration.put("alpha", c.alpha());
                calibration.put("beta", c.beta());
            }
            case ISOTONIC -> {
                Arrays.stream(c.upper()).forEach(calibration.putArray("upper")::add);
                Arrays.stream(c.value()).forEach(calibration.putArray("value")::add);
            }
            default -> {
            }
        }
        Arrays.stream(model.reference()).forEach(h.putArray("reference")::add);
        return h;
    }

    private static Calibrator calibrator(JsonNode n) {
        String method = required(n, "method").asText();
        return switch (method) {
            case "none" -> Calibrator.none();
            case "platt" -> Calibrator.platt(required(n, "alpha").asDouble(), required(n, "beta").asDouble());
            case "isotonic" -> Calibrator.isotonic(doubles(n, "upper"), doubles(n, "value"));
            default -> throw new ModelFileException("header field 'calibration.method' is '" + method
                    + "'; valid: none, platt, isotonic");
        };
    }

    private static double[] doubles(JsonNode n, String field) {
        JsonNode array = required(n, field);
        if (!array.isArray()) {
            throw new ModelFileException("header field '" + field + "' is not an array");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new ModelFileException("header field '" + field + "' holds a non-number at index " + i);
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static FeatureSchema schema(JsonNode n) {
        List<String> columns = new ArrayList<>();
        n.path("columns").forEach(c -> columns.add(c.asText()));
        return new FeatureSchema(required(n, "name").asText(), columns);
    }

    private static ModelMetadata metadata(JsonNode n) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        n.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        return new ModelMetadata(required(n, "kind").asText(), LocalDate.parse(required(n, "train_as_of").asText()),
                LocalDate.parse(required(n, "evaluation_as_of").asText()), required(n, "horizon_days").asInt(),
                required(n, "train_rows").asInt(), required(n, "data_fingerprint").asText(), metrics);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ModelFileException("header field '" + field + "' is missing");
        }
        return v;
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
