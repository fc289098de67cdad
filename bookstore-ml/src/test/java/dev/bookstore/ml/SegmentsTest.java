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
