package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SegmentsTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

    @Test
    void segmentsAreNamedProfiledAndStableForASeed() {
        Segmentation a = Segments.of(MlTestData.duckDb()).asOf(AS_OF);
        Segmentation b = Segments.of(MlTestData.duckDb()).asOf(AS_OF);
        assertEquals(a, b, "same seed, same segments");
        assertTrue(a.k() >= 2 && a.k() <= 6);
        assertEquals(a.k(), a.segments().size());
        assertEquals(a.assignments().size(), a.segments().stream().mapToInt(Segmentation.SegmentProfile::size).sum());
        assertEquals(1.0, a.segments().stream().mapToDouble(Segmentation.SegmentProfile::revenueShare).sum(), 1e-9);
        assertTrue(a.silhouette() > 0, "silhouette " + a.silhouette());
        assertTrue(a.segments().stream().anyMatch(p -> p.name().equals("high value")
                || p.name().equals("at risk")), a.segments().toString());
        assertTrue(a.segmentOf("CUST_NOPE").isEmpty());
    }

    @Test
    void segmentsAreStableAcrossSeedsAndAdjacentMonths() {
        Segments.Stability s = Segments.of(MlTestData.duckDb()).stability(AS_OF, 1L, 7L, 2025L);
        System.err.println(s);
        assertTrue(s.seedAri() >= 0.9, s.toString());
        assertTrue(s.monthAri() >= 0.9, s.toString());
        // the month check can fail: another month's segments differ from a partition with one segment fewer
        Segments.Fit now = Segments.of(MlTestData.duckDb()).fit(AS_OF);
        Segments.Fit fewer = Segments.of(MlTestData.duckDb()).kRange(2, 2).fit(AS_OF.minusMonths(1));
        assertTrue(smile.validation.metric.AdjustedRandIndex.of(now.km().y, fewer.assign(now.table())) < 0.9);
    }

    @Test
    void namesFollowTheProfiles() {
        Segmentation a = Segments.of(MlTestData.duckDb()).kRange(5, 5).asOf(AS_OF);
        System.err.println(a.segments());
        // oracle: every active segment bought more recently than every at-risk one, and those than every lapsed one
        double activeMax = recency(a, " value", Math::max);
        double atRiskMin = recency(a, "at risk", Math::min);
        double atRiskMax = recency(a, "at risk", Math::max);
        double lapsedMin = recency(a, "lapsed", Math::min);
        assertTrue(activeMax < atRiskMin || Double.isNaN(atRiskMin), a.segments().toString());
        assertTrue(atRiskMax < lapsedMin || Double.isNaN(lapsedMin) || Double.isNaN(atRiskMax),
                a.segments().toString());
        assertTrue(a.segments().stream().anyMatch(p -> p.name().contains(" value")), a.segments().toString());
        // the high-value segment spends more per customer than any other recent buyers' segment
        a.segments().stream().filter(p -> p.name().equals("high value")).findFirst().ifPresent(high ->
                a.segments().stream().filter(p -> p.name().contains(" value") && p != high).forEach(p ->
                        assertTrue(high.meanMonetary() > p.meanMonetary(), a.segments().toString())));
    }

    private static double recency(Segmentation s, String kind, java.util.function.DoubleBinaryOperator pick) {
        return s.segments().stream().filter(p -> p.name().contains(kind))
                .mapToDouble(Segmentation.SegmentProfile::meanRecencyDays).reduce(pick).orElse(Double.NaN);
    }

    @Test
    void aFixedKIsHonoured() {
        Segmentation s = Segments.of(MlTestData.duckDb()).kRange(4, 4).asOf(AS_OF);
        assertEquals(4, s.k());
    }

    @Test
    void aBadRangeNamesTheValidOne() {
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Segments.of(MlTestData.duckDb()).kRange(1, 3));
        assertEquals("segment count range was 1..3; valid: 2 <= min <= max <= 12", e.getMessage());
    }
}
