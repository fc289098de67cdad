package dev.bookstore.model.generator;

import static dev.bookstore.model.generator.Catalog.*;

import dev.bookstore.model.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Generates and writes {@code clickstream_events.jsonl}: exactly {@code options.events()} lines,
 * ordered by timestamp over the whole file (ties keep generation order).
 *
 * <p>The event budget is spread over the days like the planted order volume. Each day, sessions
 * are planned (user, channel, device, funnel outcome), given start times from the hour profile,
 * processed in start order so that a user's next session starts more than 30 minutes after the
 * previous one ended (shifted later if needed), and their events are buffered and flushed in
 * timestamp order once no later-generated event can precede them. Only the very last session of
 * the file may be cut short to hit the exact line count.
 */
final class EventsWriter {

    static final double MALFORMED_RATE = 0.001;
    static final String ORDERING =
            "ascending timestamp over the whole file; ties in generation order";

    /** Outcome of writing. */
    static final class Result {
        long lines;
        long sessions;
        long malformed;
        final long[] byType = new long[EVENT_TYPES.length];
        final long[] sessionsByChannel = new long[CHANNELS.length];
        final long[] purchasingByChannel = new long[CHANNELS.length];
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;
    }

    private final World w;
    private final SplittableRandom rng;
    private final int events;
    private final Result result = new Result();

    // planned sessions of the current day
    private int nSessions;
    private int[] sUser = new int[256];
    private byte[] sChannel = new byte[256];
    private byte[] sDevice = new byte[256];
    private int[] sOffset = new int[256];
    private int[] sLength = new int[256];
    private long[] sStart = new long[256];
    private long[] sKeys = new long[256];
    private int nPlanned;
    private byte[] pType = new byte[1024];
    private int[] pExtra = new int[1024];

    // buffered timed events not yet written
    private int nBuffered;
    private long[] bTs = new long[1024];
    private int[] bUser = new int[1024];
    private long[] bSession = new long[1024];
    private byte[] bType = new byte[1024];
    private int[] bExtra = new int[1024];
    private byte[] bChannel = new byte[1024];
    private byte[] bDevice = new byte[1024];
    private long[] bKeys = new long[1024];

    private final long[] lastEventTs;
    private long sessionCounter;
    private long lineNo;
    private final BitSet malformed;

    private final String[] prefix = new String[EVENT_TYPES.length];
    private final String[][] suffix = new String[CHANNELS.length][DEVICES.length];
    private final String[] pageJson = new String[PAGES.length];
    private final String[] queryJson = new String[SEARCH_TERMS.length];
    private final StringBuilder sb = new StringBuilder(256);

    private EventsWriter(World w) {
        this.w = w;
        this.rng = w.eventsRng;
        this.events = w.options.events();
        this.lastEventTs = new long[w.customerCount];
        Arrays.fill(lastEventTs, Long.MIN_VALUE / 2);
        this.malformed = chooseMalformed(w);
        for (int t = 0; t < EVENT_TYPES.length; t++) {
            prefix[t] = "{\"event\":\"" + EVENT_TYPES[t].code() + "\",\"user_id\":\"CUST_";
        }
        for (int c = 0; c < CHANNELS.length; c++) {
            for (int d = 0; d < DEVICES.length; d++) {
                suffix[c][d] = ",\"channel\":\"" + CHANNELS[c] + "\",\"device\":\"" + DEVICES[d] + "\"}";
            }
        }
        for (int i = 0; i < PAGES.length; i++) {
            pageJson[i] = ",\"page\":\"" + Fmt.jsonEscape(PAGES[i]) + "\"";
        }
        for (int i = 0; i < SEARCH_TERMS.length; i++) {
            queryJson[i] = ",\"query\":\"" + Fmt.jsonEscape(SEARCH_TERMS[i]) + "\"";
        }
    }

    static Result write(World w, Path file) throws IOException {
        EventsWriter writer = new EventsWriter(w);
        try (TextOut out = new TextOut(file)) {
            writer.run(out);
            writer.result.lines = out.lines();
        }
        return writer.result;
    }

    private static BitSet chooseMalformed(World w) {
        int n = w.options.events();
        BitSet set = new BitSet(n);
        if (!w.options.problems()) {
            return set;
        }
        long m = (long) Math.ceil(MALFORMED_RATE * n);
        SplittableRandom r = w.eventProblemsRng;
        int chosen = 0;
        while (chosen < m) {
            int i = r.nextInt(n);
            if (!set.get(i)) {
                set.set(i);
                chosen++;
            }
        }
        return set;
    }

    private void run(TextOut out) throws IOException {
        double total = 0;
        for (double e : w.expectedOrders) {
            total += e;
        }
        double cumulative = 0;
        long emitted = 0;
        for (int d = 0; d < w.days; d++) {
            int day = w.startDay + d;
            cumulative += w.expectedOrders[d];
            long target =
                    d == w.days - 1 ? events : Math.min(events, StrictMath.round(events * cumulative / total));
            nSessions = 0;
            nPlanned = 0;
            while (emitted + nPlanned < target) {
                int user = w.sessionCustomer(rng, day);
                if (user < 0) {
                    break;
                }
                planSession(user);
                long over = emitted + nPlanned - events;
                if (over > 0) { // only the very last session of the file
                    nPlanned -= (int) over;
                    sLength[nSessions - 1] -= (int) over;
                }
            }
            scheduleDay(day);
            emitted += nPlanned;
            flush(out, w.toUtc(day + 1, 0));
        }
        flush(out, Long.MAX_VALUE);
    }

    // ------------------------------------------------------------------ planning

    private void planSession(int user) {
        int s = nSessions;
        if (s == sUser.length) {
            int n = s * 2;
            sUser = Arrays.copyOf(sUser, n);
            sChannel = Arrays.copyOf(sChannel, n);
            sDevice = Arrays.copyOf(sDevice, n);
            sOffset = Arrays.copyOf(sOffset, n);
            sLength = Arrays.copyOf(sLength, n);
            sStart = Arrays.copyOf(sStart, n);
            sKeys = Arrays.copyOf(sKeys, n);
        }
        int ch = w.channelFor(rng, user, SESSION_CHANNEL_IS_ACQUISITION);
        sUser[s] = user;
        sChannel[s] = (byte) ch;
        sDevice[s] = (byte) w.devices.sample(rng);
        sOffset[s] = nPlanned;

        // entry and browsing
        if (rng.nextDouble() < SEARCH_ENTRY_PROBABILITY) {
            plan(EventType.SEARCH, w.searchTerms.sample(rng));
        } else if (ch == EMAIL && rng.nextBoolean()) {
            plan(EventType.PAGE_VIEW, DEALS_PAGE);
        } else {
            plan(EventType.PAGE_VIEW, w.pages.sample(rng));
        }
        int browse = rng.nextInt(3);
        for (int i = 0; i < browse; i++) {
            if (rng.nextBoolean()) {
                plan(EventType.PAGE_VIEW, w.pages.sample(rng));
            } else {
                plan(EventType.SEARCH, w.searchTerms.sample(rng));
            }
        }
        // funnel
        double[] rates = FUNNEL_RATES[ch];
        if (rng.nextDouble() < rates[0]) {
            int views = 1 + rng.nextInt(4);
            int last = -1;
            int previous = -1;
            for (int i = 0; i < views; i++) {
                int p = w.product(rng, user);
                plan(EventType.PRODUCT_VIEW, p);
                if (p != last) {
                    previous = last;
                    last = p;
                }
            }
            if (rng.nextDouble() < rates[1]) {
                plan(EventType.ADD_TO_CART, last);
                int cart = 1;
                boolean second = previous >= 0 && rng.nextDouble() < 0.3;
                if (second) {
                    plan(EventType.ADD_TO_CART, previous);
                    cart = 2;
                    if (rng.nextDouble() < 0.25) {
                        plan(EventType.REMOVE_FROM_CART, previous);
                        cart = 1;
                    }
                }
                if (rng.nextDouble() < rates[2]) {
                    plan(EventType.CHECKOUT, -1);
                    if (rng.nextDouble() < rates[3]) {
                        plan(EventType.PURCHASE, last);
                        if (cart == 2) {
                            plan(EventType.PURCHASE, previous);
                        }
                    }
                }
            }
        }
        sLength[s] = nPlanned - sOffset[s];
        nSessions = s + 1;
    }

    private void plan(EventType type, int extra) {
        if (nPlanned == pType.length) {
            pType = Arrays.copyOf(pType, nPlanned * 2);
            pExtra = Arrays.copyOf(pExtra, nPlanned * 2);
        }
        pType[nPlanned] = (byte) type.ordinal();
        pExtra[nPlanned] = extra;
        nPlanned++;
    }

    // ------------------------------------------------------------------ timing

    private void scheduleDay(int day) {
        long base = w.toUtc(day, 0) - 1;
        for (int s = 0; s < nSessions; s++) {
            int local = w.hours.sample(rng) * 3600 + rng.nextInt(3600);
            sStart[s] = w.toUtc(day, local);
            sKeys[s] = ((sStart[s] - base) << 32) | s;
        }
        Arrays.sort(sKeys, 0, nSessions);
        long gap = SESSION_GAP_MINUTES * 60L;
        for (int k = 0; k < nSessions; k++) {
            int s = (int) sKeys[k];
            int len = sLength[s];
            if (len == 0) {
                continue;
            }
            int user = sUser[s];
            long ts = sStart[s];
            if (ts <= lastEventTs[user] + gap) {
                ts = lastEventTs[user] + gap + 1 + rng.nextInt(3600);
            }
            long session = ++sessionCounter;
            int ch = sChannel[s];
            boolean purchased = false;
            for (int e = 0; e < len; e++) {
                if (e > 0) {
                    ts += 5 + Math.min(gap - 300, (long) Sampler.exponential(rng, 50));
                }
                int idx = sOffset[s] + e;
                int type = pType[idx];
                buffer(ts, user, session, type, pExtra[idx], ch, sDevice[s]);
                result.byType[type]++;
                purchased |= type == EventType.PURCHASE.ordinal();
                result.firstTs = Math.min(result.firstTs, ts);
                result.lastTs = Math.max(result.lastTs, ts);
            }
            lastEventTs[user] = ts;
            result.sessions++;
            result.sessionsByChannel[ch]++;
            if (purchased) {
                result.purchasingByChannel[ch]++;
            }
        }
    }

    private void buffer(long ts, int user, long session, int type, int extra, int ch, int device) {
        int i = nBuffered;
        if (i == bTs.length) {
            int n = i * 2;
            bTs = Arrays.copyOf(bTs, n);
            bUser = Arrays.copyOf(bUser, n);
            bSession = Arrays.copyOf(bSession, n);
            bType = Arrays.copyOf(bType, n);
            bExtra = Arrays.copyOf(bExtra, n);
            bChannel = Arrays.copyOf(bChannel, n);
            bDevice = Arrays.copyOf(bDevice, n);
            bKeys = Arrays.copyOf(bKeys, n);
        }
        bTs[i] = ts;
        bUser[i] = user;
        bSession[i] = session;
        bType[i] = (byte) type;
        bExtra[i] = extra;
        bChannel[i] = (byte) ch;
        bDevice[i] = (byte) device;
        nBuffered = i + 1;
    }

    /** Writes buffered events with timestamp before {@code boundary}, in timestamp order. */
    private void flush(TextOut out, long boundary) throws IOException {
        int n = nBuffered;
        if (n == 0) {
            return;
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, bTs[i]);
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (bTs[i] < boundary) {
                bKeys[k++] = ((bTs[i] - min) << 32) | i;
            }
        }
        Arrays.sort(bKeys, 0, k);
        for (int j = 0; j < k; j++) {
            writeEvent(out, (int) bKeys[j]);
        }
        // keep the rest, in generation order
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (bTs[i] >= boundary) {
                bTs[kept] = bTs[i];
                bUser[kept] = bUser[i];
                bSession[kept] = bSession[i];
                bType[kept] = bType[i];
                bExtra[kept] = bExtra[i];
                bChannel[kept] = bChannel[i];
                bDevice[kept] = bDevice[i];
                kept++;
            }
        }
        nBuffered = kept;
    }

    private void writeEvent(TextOut out, int i) throws IOException {
        StringBuilder b = sb;
        b.setLength(0);
        int type = bType[i];
        b.append(prefix[type]).append(bUser[i] + 1);
        b.append("\",\"session_id\":\"S_").append(bSession[i]);
        b.append("\",\"timestamp\":\"");
        Fmt.instant(b, bTs[i]);
        b.append('"');
        switch (EVENT_TYPES[type]) {
            case PAGE_VIEW -> b.append(pageJson[bExtra[i]]);
            case SEARCH -> b.append(queryJson[bExtra[i]]);
            case CHECKOUT -> {}
            default -> b.append(",\"product_id\":\"BOOK_").append(bExtra[i] + 1).append('"');
        }
        b.append(suffix[bChannel[i]][bDevice[i]]);
        if (malformed.get((int) lineNo)) {
            corrupt(b);
            result.malformed++;
        }
        lineNo++;
        out.line(b);
    }

    /** Turns a valid JSON object line into one that no JSON parser accepts. */
    private void corrupt(StringBuilder b) {
        SplittableRandom r = w.eventProblemsRng;
        switch (r.nextInt(3)) {
            case 0 -> b.setLength(10 + r.nextInt(b.length() - 11)); // truncated object
            case 1 -> b.deleteCharAt(7); // {"event:"page_view",... (missing quote)
            default -> b.deleteCharAt(b.indexOf("CUST_") - 1); // "user_id":CUST_1" (unquoted value)
        }
    }
}
