package dev.bookstore.model.generator;

import static dev.bookstore.model.generator.Catalog.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The latent state of the synthetic bookstore: calendar, products, customers and the random
 * streams, all derived deterministically from {@link GeneratorOptions}.
 *
 * <p>Each consumer (orders, events, text, problems) gets its own {@link SplittableRandom} split
 * from the seed in a fixed order, so changing how one file is generated does not perturb another.
 */
final class World {

    final GeneratorOptions options;
    final ZoneRules london = ZoneId.of(TIME_ZONE).getRules();

    // ------------------------------------------------------------------ calendar
    final int startDay;
    /** Exclusive end of the window (start + months). */
    final int endDay;

    final int days;
    /** Planted expected orders per day (index = day - startDay). */
    final double[] expectedOrders;

    // ------------------------------------------------------------------ random streams
    final SplittableRandom ordersRng;
    final SplittableRandom orderProblemsRng;
    final SplittableRandom eventsRng;
    final SplittableRandom eventProblemsRng;
    final SplittableRandom productTextRng;
    final SplittableRandom customerTextRng;

    // ------------------------------------------------------------------ shared samplers
    final Sampler hours = new Sampler(HOUR_WEIGHTS);
    final Sampler cities = new Sampler(CITY_WEIGHTS);
    final Sampler channels = new Sampler(CHANNEL_WEIGHTS);
    final Sampler devices = new Sampler(DEVICE_WEIGHTS);
    final Sampler payments = new Sampler(PAYMENT_WEIGHTS);
    final Sampler pages = new Sampler(PAGE_WEIGHTS);
    final Sampler categories = new Sampler(CATEGORY_WEIGHTS);
    final Sampler searchTerms = new Sampler(Sampler.zipfWeights(SEARCH_TERMS.length, SEARCH_ZIPF));
    final Sampler linesPerOrder = new Sampler(LINES_PER_ORDER);
    final Sampler quantities = new Sampler(QUANTITY);
    final Sampler shipDelays = new Sampler(SHIP_DELAY);
    final Sampler deliveryDelays = new Sampler(DELIVERY_DELAY);

    // ------------------------------------------------------------------ products
    final int productCount;
    final byte[] productCategory;
    final byte[] productSubcategory;
    final int[] pricePence;
    final int[] stock;
    /** productByRank[r] = product with planted popularity rank r (0 = most popular). */
    final int[] productByRank;

    final int[] productsPerCategory = new int[CATEGORIES.length];
    final Sampler globalProducts;
    /** Per category: its products (ascending index) and a popularity sampler over them. */
    final int[][] categoryMembers = new int[CATEGORIES.length][];

    final Sampler[] categoryProducts = new Sampler[CATEGORIES.length];
    /** Low-stock products, ascending index. */
    final int[] lowStock;
    /** Co-purchase pairs: A -> B with probability; partner[A] = B or -1. */
    final int[] pairA;

    final int[] pairB;
    final double[] pairProbability;
    final int[] partner;
    final double[] partnerProbability;

    // ------------------------------------------------------------------ customers
    final int customerCount;
    final byte[] customerClass;
    final int[] registrationDay;
    /** First day on which a churning customer no longer orders; Integer.MAX_VALUE otherwise. */
    final int[] churnDay;

    final byte[] homeCity;
    final byte[] acquisitionChannel;
    final byte[] preferredCategory1;
    /** Second preferred category or -1. */
    final byte[] preferredCategory2;

    final Sampler orderCustomers;
    final Sampler sessionCustomers;

    World(GeneratorOptions o) {
        this.options = o;
        LocalDate start = o.start();
        this.startDay = (int) start.toEpochDay();
        this.endDay = (int) start.plusMonths(o.months()).toEpochDay();
        this.days = endDay - startDay;

        SplittableRandom master = new SplittableRandom(o.seed());
        SplittableRandom productsRng = master.split();
        SplittableRandom customersRng = master.split();
        this.ordersRng = master.split();
        this.orderProblemsRng = master.split();
        this.eventsRng = master.split();
        this.eventProblemsRng = master.split();
        this.productTextRng = master.split();
        this.customerTextRng = master.split();

        this.expectedOrders = expectedOrders(o, start);

        // ---------------------------------------------------------------- products
        int p = o.products();
        this.productCount = p;
        productCategory = new byte[p];
        productSubcategory = new byte[p];
        pricePence = new int[p];
        stock = new int[p];
        for (int i = 0; i < p; i++) {
            int c = categories.sample(productsRng);
            productCategory[i] = (byte) c;
            productSubcategory[i] = (byte) productsRng.nextInt(SUBCATEGORIES[c].length);
            int steps = (PRICE_MAX[c] - PRICE_MIN[c]) / 50;
            double u = productsRng.nextDouble();
            pricePence[i] = PRICE_MIN[c] + 50 * (int) StrictMath.round(u * u * steps);
            stock[i] = LOW_STOCK_THRESHOLD + productsRng.nextInt(491);
            productsPerCategory[c]++;
        }
        int lowCount = (int) Math.min(p, Math.max(1, (long) Math.ceil(LOW_STOCK_SHARE * p)));
        int[] perm = identity(p);
        partialShuffle(perm, lowCount, productsRng);
        lowStock = Arrays.copyOf(perm, lowCount);
        Arrays.sort(lowStock);
        for (int i : lowStock) {
            stock[i] = productsRng.nextInt(LOW_STOCK_THRESHOLD);
        }
        productByRank = identity(p);
        partialShuffle(productByRank, p, productsRng);
        double[] zipf = Sampler.zipfWeights(p, POPULARITY_ZIPF);
        double[] popularity = new double[p];
        for (int r = 0; r < p; r++) {
            popularity[productByRank[r]] = zipf[r];
        }
        globalProducts = new Sampler(popularity);
        for (int c = 0; c < CATEGORIES.length; c++) {
            int[] members = new int[productsPerCategory[c]];
            double[] w = new double[members.length];
            int k = 0;
            for (int i = 0; i < p; i++) {
                if (productCategory[i] == c) {
                    members[k] = i;
                    w[k++] = popularity[i];
                }
            }
            categoryMembers[c] = members;
            categoryProducts[c] = members.length == 0 ? null : new Sampler(w);
        }

        // co-purchase pairs: A = the most popular products, B = a random other product (preferably of
        // the same category); no product is in two pairs.
        int nPairs = Math.min(CO_PURCHASE_PAIRS, p / 2);
        partner = new int[p];
        Arrays.fill(partner, -1);
        partnerProbability = new double[p];
        boolean[] used = new boolean[p];
        for (int r = 0; r < nPairs; r++) {
            used[productByRank[r]] = true;
        }
        int[] as = new int[nPairs];
        int[] bs = new int[nPairs];
        double[] ps = new double[nPairs];
        int made = 0;
        for (int r = 0; r < nPairs; r++) {
            int a = productByRank[r];
            int[] members = categoryMembers[productCategory[a]];
            int b = -1;
            for (int attempt = 0; attempt < 64 && b < 0; attempt++) {
                int cand = members[productsRng.nextInt(members.length)];
                if (!used[cand]) {
                    b = cand;
                }
            }
            for (int attempt = 0; attempt < 256 && b < 0; attempt++) {
                int cand = productsRng.nextInt(p);
                if (!used[cand]) {
                    b = cand;
                }
            }
            if (b < 0) {
                continue;
            }
            used[b] = true;
            double prob =
                    StrictMath.rint(
                                    (CO_PURCHASE_MIN + (CO_PURCHASE_MAX - CO_PURCHASE_MIN) * productsRng.nextDouble())
                                            * 100)
                            / 100;
            as[made] = a;
            bs[made] = b;
            ps[made] = prob;
            partner[a] = b;
            partnerProbability[a] = prob;
            made++;
        }
        pairA = Arrays.copyOf(as, made);
        pairB = Arrays.copyOf(bs, made);
        pairProbability = Arrays.copyOf(ps, made);

        // ---------------------------------------------------------------- customers
        int n = o.customers();
        this.customerCount = n;
        byte[] cls = new byte[n];
        int[] reg = new int[n];
        int[] churn = new int[n];
        byte[] city = new byte[n];
        byte[] acq = new byte[n];
        byte[] cat1 = new byte[n];
        byte[] cat2 = new byte[n];
        Sampler classes = new Sampler(CLASS_SHARES);
        int churnRegistrationDays = Math.max(1, (int) (days * CHURNING_REGISTRATION_FRACTION));
        for (int i = 0; i < n; i++) {
            int k = classes.sample(customersRng);
            cls[i] = (byte) k;
            double existing = k == CHURNING ? EXISTING_SHARE_CHURNING : EXISTING_SHARE;
            int r;
            if (customersRng.nextDouble() < existing) {
                r = startDay - 1 - customersRng.nextInt(EXISTING_MAX_AGE_DAYS);
            } else {
                r = startDay + customersRng.nextInt(k == CHURNING ? churnRegistrationDays : days);
            }
            reg[i] = r;
            if (k == CHURNING) {
                int activeStart = Math.max(r, startDay);
                double f = CHURN_AFTER_MIN + (CHURN_AFTER_MAX - CHURN_AFTER_MIN) * customersRng.nextDouble();
                churn[i] = Math.min(endDay, activeStart + Math.max(1, (int) (f * days)));
            } else {
                churn[i] = Integer.MAX_VALUE;
            }
            city[i] = (byte) cities.sample(customersRng);
            acq[i] = (byte) channels.sample(customersRng);
            int c1 = categories.sample(customersRng);
            cat1[i] = (byte) c1;
            byte c2 = -1;
            if (customersRng.nextDouble() < SECOND_CATEGORY_PROBABILITY) {
                int c = categories.sample(customersRng);
                while (c == c1) {
                    c = categories.sample(customersRng);
                }
                c2 = (byte) c;
            }
            cat2[i] = c2;
        }
        // customer ids follow registration order (stable for equal dates)
        int minReg = Integer.MAX_VALUE;
        for (int r : reg) {
            minReg = Math.min(minReg, r);
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) (reg[i] - minReg) << 32) | i;
        }
        Arrays.sort(keys);
        customerClass = new byte[n];
        registrationDay = new int[n];
        churnDay = new int[n];
        homeCity = new byte[n];
        acquisitionChannel = new byte[n];
        preferredCategory1 = new byte[n];
        preferredCategory2 = new byte[n];
        double[] orderW = new double[n];
        double[] sessionW = new double[n];
        for (int j = 0; j < n; j++) {
            int i = (int) keys[j];
            customerClass[j] = cls[i];
            registrationDay[j] = reg[i];
            churnDay[j] = churn[i];
            homeCity[j] = city[i];
            acquisitionChannel[j] = acq[i];
            preferredCategory1[j] = cat1[i];
            preferredCategory2[j] = cat2[i];
            orderW[j] = CLASS_ORDER_WEIGHTS[cls[i]];
            sessionW[j] = CLASS_SESSION_WEIGHTS[cls[i]];
        }
        orderCustomers = new Sampler(orderW);
        sessionCustomers = new Sampler(sessionW);
    }

    private static double[] expectedOrders(GeneratorOptions o, LocalDate start) {
        int s = (int) start.toEpochDay();
        double[] e = new double[(int) (start.plusMonths(o.months()).toEpochDay() - s)];
        for (int m = 0; m < o.months(); m++) {
            int ms = (int) start.plusMonths(m).toEpochDay();
            int me = (int) start.plusMonths(m + 1).toEpochDay();
            double sumW = 0;
            for (int d = ms; d < me; d++) {
                sumW += WEEKDAY_MULTIPLIERS[dayOfWeek(d)];
            }
            double growth = StrictMath.pow(1.0 + o.yearlyGrowth(), m / 12.0);
            long[] ymd = new long[3];
            for (int d = ms; d < me; d++) {
                Fmt.civil(d, ymd);
                e[d - s] =
                        o.ordersPerMonth()
                                * growth
                                * MONTH_MULTIPLIERS[(int) ymd[1] - 1]
                                * WEEKDAY_MULTIPLIERS[dayOfWeek(d)]
                                / sumW;
            }
        }
        return e;
    }

    /** 0 = Monday .. 6 = Sunday. */
    static int dayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }

    /** Europe/London local (day, second of day) to epoch second; gap times move forward. */
    long toUtc(int epochDay, int localSecondOfDay) {
        long local = epochDay * 86400L + localSecondOfDay;
        ZoneOffset off = london.getOffset(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC));
        return local - off.getTotalSeconds();
    }

    /** Europe/London local second of day of an instant. */
    int localSecondOfDay(long epochSecond) {
        int off = london.getOffset(java.time.Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return (int) Math.floorMod(epochSecond + off, 86400L);
    }

    /** Whether customer {@code c} can place an order on {@code day}. */
    boolean ordersOn(int c, int day) {
        return registrationDay[c] <= day && day < churnDay[c];
    }

    /** Picks an active customer for an order on {@code day}, or -1 if none found. */
    int orderCustomer(SplittableRandom rng, int day) {
        for (int attempt = 0; attempt < 256; attempt++) {
            int c = orderCustomers.sample(rng);
            if (ordersOn(c, day)) {
                return c;
            }
        }
        return -1;
    }

    /** Picks a registered customer for a session on {@code day} (churned ones rarely), or -1. */
    int sessionCustomer(SplittableRandom rng, int day) {
        for (int attempt = 0; attempt < 256; attempt++) {
            int c = sessionCustomers.sample(rng);
            if (registrationDay[c] > day) {
                continue;
            }
            if (day >= churnDay[c] && rng.nextDouble() >= CHURNED_SESSION_FACTOR) {
                continue;
            }
            return c;
        }
        return -1;
    }

    /** A product for customer {@code c}: preferred category with planted probability, else global. */
    int product(SplittableRandom rng, int c) {
        if (rng.nextDouble() < PREFERRED_CATEGORY_PROBABILITY) {
            int cat = preferredCategory1[c];
            if (preferredCategory2[c] >= 0 && rng.nextBoolean()) {
                cat = preferredCategory2[c];
            }
            Sampler s = categoryProducts[cat];
            if (s != null) {
                return categoryMembers[cat][s.sample(rng)];
            }
        }
        return globalProducts.sample(rng);
    }

    /** The channel of an order/session of customer {@code c}. */
    int channelFor(SplittableRandom rng, int c, double sameAsAcquisition) {
        return rng.nextDouble() < sameAsAcquisition ? acquisitionChannel[c] : channels.sample(rng);
    }

    /** Product id text, e.g. {@code BOOK_12}. */
    static String productId(int index) {
        return "BOOK_" + (index + 1);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates on the first {@code k} positions: a[0..k) becomes a uniform random k-subset. */
    static void partialShuffle(int[] a, int k, SplittableRandom rng) {
        for (int i = 0; i < k && i < a.length - 1; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
