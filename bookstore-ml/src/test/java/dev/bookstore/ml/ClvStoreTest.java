package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The customer_clv mart written on every database holds exactly the values computed, and is replaced per day. */
class ClvStoreTest {
    private static RfmSummary cdnow;
    private static Clv clv;

    @BeforeAll
    static void fit() throws Exception {
        cdnow = RfmSummary.of(ClvPublishedTest.cdnow().customers().subList(0, 300));
        clv = Clv.fit(ClvPublishedTest.cdnow());
    }

    @EachDatabase
    void storedValuesReadBackAndReplace(Warehouse wh) {
        wh.init();
        LocalDate day = LocalDate.of(1997, 9, 30);
        List<CustomerValue> values = clv.values(cdnow, clv.bgNbd(), 52, 0.01);
        assertEquals(300, clv.store(wh, day, clv.bgNbd(), 52, values));
        assertEquals(300, clv.store(wh, day, clv.bgNbd(), 52, values), "a second store replaces the day's rows");
        clv.store(wh, day.plusDays(1), clv.bgNbd(), 52, values.subList(0, 10));
        String sql = wh.render("SELECT COUNT(*) AS n, SUM(clv) AS total, MIN(model) AS model, "
                + "MAX(model_fingerprint) AS fp FROM ${marts:customer_clv} WHERE as_of = :as_of");
        var row = wh.withHandle(h -> h.createQuery(sql).bind("as_of", Clv.date(day)).mapToMap().one());
        assertEquals(300, ((Number) row.get("n")).intValue());
        assertEquals(values.stream().mapToDouble(CustomerValue::clv).sum(), ((Number) row.get("total")).doubleValue(),
                1e-6);
        assertEquals("bgnbd", row.get("model"));
        assertEquals(clv.fingerprint(clv.bgNbd()), row.get("fp"));
        String count = wh.render("SELECT COUNT(*) FROM ${marts:customer_clv}");
        int rows = wh.withHandle(h -> h.createQuery(count).mapTo(Integer.class).one());
        assertEquals(310, rows);
    }
}
