package dev.bookstore.model.generator;

import static dev.bookstore.model.generator.Catalog.*;

import dev.bookstore.model.OrderStatus;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The clean (problem-free) orders of the window, held in primitive arrays; order {@code i} has
 * id {@code ORD_(i+1)} and lines {@code lineStart[i] .. lineStart[i+1]}.
 *
 * <p>Per day, the number of orders is drawn around the planted expectation (growth x month x
 * weekday seasonality); each order gets a local time from the hour profile, an active customer
 * (class weights, registration and churn respected), 1..5 lines from the customer's category
 * affinity plus co-purchase partners, and fulfilment dates from the planted delay distributions.
 * Orders are numbered in time order.
 */
final class OrderBook {

    int orders;
    int lines;
    int[] customer = new int[1024];
    long[] orderedAt = new long[1024];
    int[] orderDay = new int[1024];
    byte[] channel = new byte[1024];
    byte[] payment = new byte[1024];
    byte[] status = new byte[1024];
    byte[] city = new byte[1024];
    /** Epoch day shipped, or -1. */
    int[] shippedDay = new int[1024];
    /** Epoch day delivered, or -1. */
    int[] deliveredDay = new int[1024];
    /** lineStart[i] = first line of order i; has orders + 1 valid entries. */
    int[] lineStart = new int[1025];

    int[] lineProduct = new int[2048];
    byte[] lineQuantity = new byte[2048];

    static OrderBook generate(World w) {
        OrderBook b = new OrderBook();
        SplittableRandom rng = w.ordersRng;
        int[] times = new int[64];
        for (int d = 0; d < w.days; d++) {
            int day = w.startDay + d;
            int n = Sampler.count(rng, w.expectedOrders[d]);
            if (times.length < n) {
                times = new int[Math.max(n, times.length * 2)];
            }
            for (int k = 0; k < n; k++) {
                times[k] = w.hours.sample(rng) * 3600 + rng.nextInt(3600);
            }
            Arrays.sort(times, 0, n);
            for (int k = 0; k < n; k++) {
                int c = w.orderCustomer(rng, day);
                if (c < 0) {
                    continue;
                }
                b.add(w, rng, c, day, w.toUtc(day, times[k]));
            }
        }
        return b;
    }

    private void add(World w, SplittableRandom rng, int c, int day, long ts) {
        int i = orders;
        if (i + 1 >= customer.length) {
            growOrders();
        }
        customer[i] = c;
        orderedAt[i] = ts;
        orderDay[i] = day;
        channel[i] = (byte) w.channelFor(rng, c, ORDER_CHANNEL_IS_ACQUISITION);
        payment[i] = (byte) w.payments.sample(rng);
        city[i] =
                rng.nextDouble() < SHIP_TO_HOME_CITY ? w.homeCity[c] : (byte) w.cities.sample(rng);
        OrderStatus st;
        int shipped = -1;
        int delivered = -1;
        if (rng.nextDouble() < CANCEL_PROBABILITY) {
            st = OrderStatus.CANCELLED;
        } else {
            int s = day + w.shipDelays.sample(rng);
            int del = s + 1 + w.deliveryDelays.sample(rng);
            if (s >= w.endDay) {
                st = OrderStatus.PENDING;
            } else if (del >= w.endDay) {
                st = OrderStatus.SHIPPED;
                shipped = s;
            } else {
                st = rng.nextDouble() < RETURN_PROBABILITY ? OrderStatus.RETURNED : OrderStatus.DELIVERED;
                shipped = s;
                delivered = del;
            }
        }
        status[i] = (byte) st.ordinal();
        shippedDay[i] = shipped;
        deliveredDay[i] = delivered;

        // lines: distinct products; co-purchase partners may be appended
        int target = Math.min(w.linesPerOrder.sample(rng) + 1, w.productCount);
        int first = lines;
        int count = 0;
        int drawn = 0;
        for (int attempt = 0;
                drawn < target && count < MAX_LINES_PER_ORDER && attempt < 8 * target + 16;
                attempt++) {
            int p = w.product(rng, c);
            if (!contains(first, count, p)) {
                count = addLine(first, count, p, rng, w);
                drawn++;
                int partner = w.partner[p];
                if (partner >= 0
                        && count < MAX_LINES_PER_ORDER
                        && rng.nextDouble() < w.partnerProbability[p]
                        && !contains(first, count, partner)) {
                    count = addLine(first, count, partner, rng, w);
                }
            }
        }
        lines = first + count;
        orders = i + 1;
        lineStart[orders] = lines;
    }

    private int addLine(int first, int count, int product, SplittableRandom rng, World w) {
        int j = first + count;
        if (j >= lineProduct.length) {
            lineProduct = Arrays.copyOf(lineProduct, lineProduct.length * 2);
            lineQuantity = Arrays.copyOf(lineQuantity, lineQuantity.length * 2);
        }
        lineProduct[j] = product;
        lineQuantity[j] = (byte) (w.quantities.sample(rng) + 1);
        return count + 1;
    }

    private boolean contains(int first, int count, int product) {
        for (int j = first; j < first + count; j++) {
            if (lineProduct[j] == product) {
                return true;
            }
        }
        return false;
    }

    private void growOrders() {
        int n = customer.length * 2;
        customer = Arrays.copyOf(customer, n);
        orderedAt = Arrays.copyOf(orderedAt, n);
        orderDay = Arrays.copyOf(orderDay, n);
        channel = Arrays.copyOf(channel, n);
        payment = Arrays.copyOf(payment, n);
        status = Arrays.copyOf(status, n);
        city = Arrays.copyOf(city, n);
        shippedDay = Arrays.copyOf(shippedDay, n);
        deliveredDay = Arrays.copyOf(deliveredDay, n);
        lineStart = Arrays.copyOf(lineStart, n + 1);
    }
}
