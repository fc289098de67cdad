package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ModelHealthTest {
    @Test
    void psiIsZeroForTheSameDistributionAndLargeForAShiftedOne() {
        double[] a = new double[1_000];
        double[] b = new double[1_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
            b[i] = i + 600;
        }
        assertEquals(0.0, ModelHealth.psi(a, a.clone()), 1e-12);
        assertTrue(ModelHealth.psi(a, b) > 0.25);
    }

    @Test
    void healthReportsDriftAndRealisedAuc() {
        ChurnModel m = ChurnModelTest.model();
        ModelHealth h = ModelHealth.check(MlTestData.duckDb(), m, LocalDate.of(2025, 12, 31));
        assertEquals(m.fingerprint(), h.modelFingerprint());
        assertEquals("churn", h.modelKind());
        assertEquals(64, h.modelFingerprint().length());
        assertEquals(Features.SCHEMA.size(), h.features().size());
        assertTrue(h.scorePsi() >= 0);
        assertTrue(h.realisedAuc().orElseThrow() > 0.7, h.report());
        ModelHealth same = ModelHealth.check(MlTestData.duckDb(), m, m.metadata().trainAsOf());
        assertEquals(0.0, same.scorePsi(), 1e-12);
    }
}
