package dev.bookstore.model.generator;

import static dev.bookstore.model.generator.Catalog.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes {@code raw_orders.csv} from an {@link OrderBook}, planting line-level problems at exact
 * counts when enabled.
 *
 * <p>Problem counts are {@code ceil(rate x generated lines)}; the affected lines are a uniform
 * random subset chosen without replacement, so every problem hits a distinct line and duplicated
 * originals carry no other problem.
 */
final class OrdersWriter {

    static final String HEADER =
            "order_id,customer_id,order_date,product_id,quantity,unit_price,payment_method,status,"
                    + "ordered_at,channel,shipping_city,shipping_state,shipping_country,shipped_date,"
                    + "delivered_date";

    static final int NONE = 0;
    static final int DUPLICATE = 1;
    static final int MISSING_STATE = 2;
    static final int DAY_FIRST = 3;
    static final int NEGATIVE_PRICE = 4;
    static final int UNKNOWN_PRODUCT = 5;
    static final int FUTURE_DATE = 6;
    /** Rates indexed by the constants above (index 0 unused). */
    static final double[] RATES = {0, 0.005, 0.01, 0.01, 0.002, 0.002, 0.001};

    /** Outcome of writing: counts per problem kind and data rows. */
    static final class Result {
        final long[] problemCounts = new long[RATES.length];
        long ambiguousDayFirst;
        long rows;
    }

    private OrdersWriter() {}

    static Result write(World w, OrderBook b, Path file) throws IOException {
        Result result = new Result();
        byte[] problemOf = assignProblems(w, b.lines, result);
        SplittableRandom rng = w.orderProblemsRng;
        int unknownBase = Math.max(900_000, w.productCount + 100_000);
        int unknownSeq = 0;

        String[] cityField = new String[CITIES.length];
        String[] stateField = new String[CITIES.length];
        for (int i = 0; i < CITIES.length; i++) {
            StringBuilder sb = new StringBuilder();
            Fmt.csv(sb, CITIES[i]);
            cityField[i] = sb.toString();
            sb.setLength(0);
            Fmt.csv(sb, STATES[i]);
            stateField[i] = sb.toString();
        }

        StringBuilder sb = new StringBuilder(256);
        try (TextOut out = new TextOut(file)) {
            out.line(HEADER);
            for (int o = 0; o < b.orders; o++) {
                int day = b.orderDay[o];
                long ts = b.orderedAt[o];
                int shipped = b.shippedDay[o];
                int delivered = b.deliveredDay[o];
                for (int l = b.lineStart[o]; l < b.lineStart[o + 1]; l++) {
                    int problem = problemOf[l];
                    int lineDay = day;
                    long lineTs = ts;
                    int lineShipped = shipped;
                    int lineDelivered = delivered;
                    if (problem == FUTURE_DATE) {
                        int newDay = w.endDay + 365 + rng.nextInt(731);
                        int delta = newDay - day;
                        lineTs = w.toUtc(newDay, w.localSecondOfDay(ts));
                        lineDay = newDay;
                        lineShipped = shipped < 0 ? -1 : shipped + delta;
                        lineDelivered = delivered < 0 ? -1 : delivered + delta;
                    }
                    sb.setLength(0);
                    sb.append("ORD_").append(o + 1).append(",CUST_").append(b.customer[o] + 1).append(',');
                    if (problem == DAY_FIRST) {
                        Fmt.dayFirstDate(sb, lineDay);
                        if (Fmt.dayOfMonth(lineDay) <= 12) {
                            result.ambiguousDayFirst++;
                        }
                    } else {
                        Fmt.date(sb, lineDay);
                    }
                    sb.append(",BOOK_");
                    if (problem == UNKNOWN_PRODUCT) {
                        sb.append(unknownBase + ++unknownSeq);
                    } else {
                        sb.append(b.lineProduct[l] + 1);
                    }
                    sb.append(',').append(b.lineQuantity[l]).append(',');
                    int price = w.pricePence[b.lineProduct[l]];
                    Fmt.price(sb, problem == NEGATIVE_PRICE ? -price : price);
                    sb.append(',').append(PAYMENT_METHODS[b.payment[o]]);
                    sb.append(',').append(STATUS_CODES[b.status[o]]).append(',');
                    Fmt.instant(sb, lineTs);
                    sb.append(',').append(CHANNELS[b.channel[o]]);
                    int city = b.city[o];
                    sb.append(',').append(cityField[city]).append(',');
                    if (problem != MISSING_STATE) {
                        sb.append(stateField[city]);
                    }
                    sb.append(',').append(COUNTRY).append(',');
                    if (lineShipped >= 0) {
                        Fmt.date(sb, lineShipped);
                    }
                    sb.append(',');
                    if (lineDelivered >= 0) {
                        Fmt.date(sb, lineDelivered);
                    }
                    out.line(sb);
                    if (problem == DUPLICATE) {
                        out.line(sb);
                    }
                }
            }
            result.rows = out.lines() - 1;
        }
        return result;
    }

    /** Chooses disjoint random line sets for each problem kind; returns the kind per line. */
    private static byte[] assignProblems(World w, int lines, Result result) {
        byte[] problemOf = new byte[lines];
        if (!w.options.problems() || lines == 0) {
            return problemOf;
        }
        long[] counts = new long[RATES.length];
        long total = 0;
        for (int k = 1; k < RATES.length; k++) {
            counts[k] = (long) Math.ceil(RATES[k] * lines);
            total += counts[k];
        }
        while (total > lines) { // only for tiny data sets: shrink the largest count
            int max = 1;
            for (int k = 2; k < RATES.length; k++) {
                if (counts[k] > counts[max]) {
                    max = k;
                }
            }
            counts[max]--;
            total--;
        }
        int[] perm = World.identity(lines);
        World.partialShuffle(perm, (int) total, w.orderProblemsRng);
        int pos = 0;
        for (int k = 1; k < RATES.length; k++) {
            for (long c = 0; c < counts[k]; c++) {
                problemOf[perm[pos++]] = (byte) k;
            }
            result.problemCounts[k] = counts[k];
        }
        return problemOf;
    }
}
