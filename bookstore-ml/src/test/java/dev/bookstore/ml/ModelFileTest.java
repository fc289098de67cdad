package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.NotReadyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path tmp;

    private Path written() {
        Path file = tmp.resolve("models/churn.bsm");
        ModelFile.write(ChurnModelTest.model(), file);
        return file;
    }

    @Test
    void aWrittenModelReadsBackAndScoresIdentically() {
        ChurnModel original = ChurnModelTest.model();
        ChurnModel loaded = ModelFile.read(written());
        assertEquals(original.metadata(), loaded.metadata());
        assertEquals(original.scorer().schema(), loaded.scorer().schema());
        assertTrue(loaded.evaluation().isEmpty());
        double[][] rows = Features.of(MlTestData.duckDb()).asOf(original.metadata().evaluationAsOf()).matrix();
        double[] a = new double[rows.length];
        double[] b = new double[rows.length];
        original.scorer().score(rows, a);
        loaded.scorer().score(rows, b);
        assertArrayEquals(a, b);
        assertEquals(64, loaded.metadata().dataFingerprint().length());
        assertTrue(loaded.metadata().metrics().get("forest_auc") > 0.5);
        assertEquals(original.calibration(), loaded.calibration());
        assertArrayEquals(original.reference(), loaded.reference());
        assertArrayEquals(original.probabilities(rows), loaded.probabilities(rows));
        assertEquals(original.fingerprint(), loaded.fingerprint());
    }

    @Test
    void everyCalibrationMethodSurvivesTheFile() {
        ChurnOptions small = ChurnModelTest.OPTIONS.withTrees(10);
        double[][] rows = Features.of(MlTestData.duckDb()).asOf(ChurnModelTest.AS_OF.minusDays(90)).matrix();
        for (ChurnOptions.Calibration c : java.util.List.of(ChurnOptions.Calibration.PLATT,
                ChurnOptions.Calibration.ISOTONIC, ChurnOptions.Calibration.NONE)) {
            ChurnModel m = ChurnModel.train(MlTestData.duckDb(), ChurnModelTest.AS_OF, small.withCalibration(c));
            Path file = tmp.resolve(c + ".bsm");
            ModelFile.write(m, file);
            ChurnModel loaded = ModelFile.read(file);
            assertEquals(c, loaded.calibration());
            assertArrayEquals(m.probabilities(rows), loaded.probabilities(rows), c.toString());
        }
    }

    @Test
    void aModelOnTheFirstFeatureSchemaIsRejectedWithAdviceToRetrain() {
        FeatureSchema v1 = FeatureSchema.CUSTOMER_V1;
        java.util.Random random = new java.util.Random(1);
        double[][] x = new double[200][v1.size()];
        int[] y = new int[200];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < v1.size(); j++) {
                x[i][j] = random.nextDouble();
            }
            y[i] = x[i][0] > 0.5 ? 1 : 0;
        }
        Scorer scorer = ForestCompiler.compile(ChurnModel.fitForest(x, y, v1, ChurnModelTest.OPTIONS.withTrees(3)), v1);
        ModelMetadata metadata = ChurnModelTest.model().metadata();
        Path file = tmp.resolve("v1.bsm");
        ModelFile.write(ChurnModel.loaded(scorer, Calibrator.none(), new double[v1.size()], metadata), file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals("model file " + file + " was trained on feature schema customer_v1, which this library no "
                + "longer computes (it computes customer_v2); retrain it (bookstore train)", e.getMessage());
    }

    @Test
    void aVersionOneFileIsRejectedWithAdviceToRetrain() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 1);
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals("model file " + file + " has format version 1 (no calibration, no reference values); retrain "
                + "it with this release (bookstore train), which writes version 2", e.getMessage());
    }

    @Test
    void aTamperedFileIsRejected() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals("model file " + file + " is truncated or was modified (SHA-256 checksum mismatch)",
                e.getMessage());
    }

    @Test
    void aTruncatedFileIsRejected() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(file, Arrays.copyOf(bytes, 10));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.read(file)).getMessage()
                .contains("truncated"));
    }

    @Test
    void anUnknownVersionIsRejected() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 99);
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals("model file " + file + " has format version 99; this library reads version 2", e.getMessage());
    }

    @Test
    void otherFilesAndMissingFilesAreRejectedOnOneLine() throws IOException {
        Path other = tmp.resolve("notes.txt");
        Files.writeString(other, "hello, this is not a model at all");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(other));
        assertTrue(e.getMessage().contains("not a bookstore model file"), e.getMessage());
        NotReadyException missing = assertThrows(NotReadyException.class,
                () -> ModelFile.read(tmp.resolve("nope.bsm")));
        assertTrue(missing.getMessage().contains("does not exist"));
        assertFalse(missing.getMessage().contains("\n"));
    }
}
