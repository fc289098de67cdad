package dev.bookstore.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.ml.RecommenderOptions.Method;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recommender's model file, of the churn model file's family ({@link ModelFile}): the 8-byte magic
 * {@code BSRECOM\n}, the format version (int, {@value #FORMAT_VERSION}), a length-prefixed UTF-8 JSON header
 * (kind, served method, metadata, table sizes), the tables as big-endian primitive arrays (catalogue, customers,
 * history, neighbour lists (also-bought, item-kNN, same-customer LLR), popularity, ALS factors when served), and a SHA-256 of
 * everything before it. No Java serialization; a file that is not a recommender model, has an unknown version, is
 * truncated or was modified is refused with a one-line {@link ModelFileException}.
 */
final class RecommenderFile {
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "BSRECOM\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHURN_MAGIC = "BSMODEL\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecommenderFile() {
    }

    static void write(Recommender r, Path file) {
        byte[] bytes = encode(r);
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

    static Recommender read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    /** SHA-256 (hex) of the model's history table: identifies the training data. */
    static String fingerprint(Ranker r) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            ints(out, r.history.start);
            ints(out, r.history.column);
            ints(out, r.history.value);
            out.flush();
            return HexFormat.of().formatHex(sha256(buf.toByteArray(), buf.size()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(Recommender model) {
        Ranker r = model.ranker();
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] header = JSON.writeValueAsBytes(header(model));
            out.writeInt(header.length);
            out.write(header);
            RecommenderData.Space s = r.space;
            strings(out, s.products());
            strings(out, s.categories());
            ints(out, s.category());
            byte[] stock = new byte[s.items()];
            for (int i = 0; i < stock.length; i++) {
                stock[i] = (byte) (s.inStock()[i] ? 1 : 0);
            }
            out.writeInt(stock.length);
            out.write(stock);
            strings(out, s.customers());
            ints(out, r.history.start);
            ints(out, r.history.column);
            ints(out, r.history.value);
            neighbours(out, r.alsoBought);
            neighbours(out, r.knn);
            neighbours(out, r.llrCustomer);
            ints(out, r.popular);
            floats(out, r.popularScore);
            out.writeBoolean(r.als != null);
            if (r.als != null) {
                out.writeInt(r.als.f());
                out.writeDouble(r.alsAlpha);
                floats(out, r.als.users());
                floats(out, r.als.items());
                out.writeInt(r.alsGram.length);
                for (double g : r.alsGram) {
                    out.writeDouble(g);
                }
            }
            out.flush();
            out.write(sha256(buf.toByteArray(), buf.size()));
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new ModelFileException("cannot encode recommender model: " + e.getMessage(), e);
        }
    }

    static Recommender decode(byte[] bytes, String name) {
        int prefix = Math.min(bytes.length, MAGIC.length);
        if (bytes.length >= CHURN_MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, CHURN_MAGIC.length),
                CHURN_MAGIC)) {
            throw new ModelFileException("model file " + name + " is a churn model, not a recommender model");
        }
        boolean magic = Arrays.equals(Arrays.copyOf(bytes, prefix), Arrays.copyOf(MAGIC, prefix));
        if (!magic || bytes.length == 0) {
            throw new ModelFileException("model file " + name
                    + " is not a bookstore recommender model file (bad magic bytes)");
        }
        if (bytes.length < MAGIC.length + 8 + DIGEST) {
            throw new ModelFileException("model file " + name + " is truncated (" + bytes.length + " bytes)");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != FORMAT_VERSION) {
            throw new ModelFileException("model file " + name + " has recommender format version " + version
                    + "; this library reads version " + FORMAT_VERSION);
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
            String methodName = required(header, "method").asText();
            Method method;
            try {
                method = Method.valueOf(methodName);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException("model file " + name + " serves method '" + methodName
                        + "', which this library does not know");
            }
            ModelMetadata metadata = metadata(required(header, "metadata"));
            String[] products = strings(in);
            String[] categories = strings(in);
            int[] category = ints(in);
            int n = in.readInt();
            byte[] stock = in.readNBytes(n);
            boolean[] inStock = new boolean[n];
            for (int i = 0; i < n; i++) {
                inStock[i] = stock[i] != 0;
            }
            String[] customers = strings(in);
            if (category.length != products.length || n != products.length) {
                throw new ModelFileException("model file " + name + " has catalogue tables of different lengths");
            }
            RecommenderData.Space space = RecommenderData.Space.of(products, category, categories, inStock,
                    customers);
            Sparse history = new Sparse(customers.length, products.length, ints(in), ints(in), ints(in));
            Neighbours also = neighbours(in);
            Neighbours knn = neighbours(in);
            Neighbours llrCustomer = neighbours(in);
            int[] popular = ints(in);
            float[] popularScore = floats(in);
            ImplicitAls.Factors als = null;
            double alpha = 0;
            double[] gram = null;
            if (in.readBoolean()) {
                int f = in.readInt();
                alpha = in.readDouble();
                als = new ImplicitAls.Factors(f, floats(in), floats(in));
                gram = new double[in.readInt()];
                for (int i = 0; i < gram.length; i++) {
                    gram[i] = in.readDouble();
                }
            }
            if (in.available() != 0) {
                throw new ModelFileException("model file " + name + " has " + in.available()
                        + " unexpected bytes after its tables");
            }
            Ranker ranker = new Ranker(space, history, also, knn, llrCustomer, als, alpha, gram, popular, popularScore);
            return new Recommender(ranker, method, metadata, null);
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

    private static ObjectNode header(Recommender model) {
        ObjectNode h = JSON.createObjectNode();
        h.put("kind", "recommender");
        h.put("method", model.method().name());
        ModelMetadata md = model.metadata();
        ObjectNode m = h.putObject("metadata");
        m.put("kind", md.kind());
        m.put("train_as_of", md.trainAsOf().toString());
        m.put("evaluation_as_of", md.evaluationAsOf().toString());
        m.put("horizon_days", md.horizonDays());
        m.put("train_rows", md.trainRows());
        m.put("data_fingerprint", md.dataFingerprint());
        ObjectNode metrics = m.putObject("metrics");
        md.metrics().forEach(metrics::put);
        return h;
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

    private static void neighbours(DataOutputStream out, Neighbours n) throws IOException {
        ints(out, n.start);
        ints(out, n.item);
        floats(out, n.score);
    }

    private static Neighbours neighbours(DataInputStream in) throws IOException {
        return new Neighbours(ints(in), ints(in), floats(in));
    }

    private static void strings(DataOutputStream out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static String[] strings(DataInputStream in) throws IOException {
        String[] v = new String[length(in)];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readUTF();
        }
        return v;
    }

    private static void ints(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] v = new int[length(in)];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
        }
        return v;
    }

    private static void floats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] v = new float[length(in)];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new ModelFileException("a table length " + n + " exceeds what the file holds");
        }
        return n;
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
