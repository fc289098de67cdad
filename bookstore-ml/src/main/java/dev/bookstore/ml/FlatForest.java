package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;

/**
 * The scoring layout of a {@link Scorer}: the same trees as its canonical pre-order arrays, re-laid out so that a
 * tree walk needs no branch. Built once in the scorer's constructor; immutable, so thread-safe.
 *
 * <p>Layout: each tree breadth-first, the two children of a split in adjacent slots, two {@code long}s per slot in
 * one array ({@code nodes[2s] = feature << 32 | index of the left child's first long},
 * {@code nodes[2s + 1] = raw bits of the threshold}), so one node is 16 contiguous bytes and a sibling pair shares
 * a cache line. A step is {@code n = child(n) + (x[feature(n)] <= threshold(n) ? 0 : 2)}, computed without a
 * branch from the sign bit of {@code threshold - x}. A leaf points to itself with threshold +∞, so a walk may take
 * more steps than the leaf's depth and stays put: every walk of a tree takes exactly the tree's depth in steps,
 * which lets several walks run interleaved with no data-dependent branch: sixteen trees of one row
 * ({@link #sum(double[], double)}), or eight rows of one tree ({@link #sum(double[][], double[])}, tree-major so a
 * tree's nodes stay in cache while every row walks it).
 *
 * <p>Exactness: for finite {@code x} and finite {@code t} that is not {@code -0.0}, {@code x <= t} iff the sign bit
 * of {@code t - x} is clear (IEEE 754 subtraction of finite values is zero only when they are equal, and then it is
 * {@code +0.0}; overflow keeps the sign). Thresholds equal to {@code -0.0} are stored as {@code +0.0}, which compares
 * identically. Rows holding a NaN or an infinity, and forests with a non-finite threshold, take the
 * {@linkplain #walkExact exact walk} instead, which uses the double comparison itself.
 */
final class FlatForest {
    /** Rows walking one tree at once in a batch. */
    static final int LANES = 8;
    /** Trees one row walks at once. */
    static final int GROUP = 16;

    /** Two longs per slot; see the class comment. */
    private final long[] nodes;
    /** Per slot: the leaf's contribution (tree weight × P(churn) for a forest); 0 for a split. */
    private final double[] leafValue;
    /** Per tree: the index (in longs) of its root. */
    private final int[] root;
    /** Per tree: the depth of its deepest leaf (steps a walk takes). */
    private final int[] depth;
    /** {@link #root} padded to a multiple of {@link #GROUP} with the empty tree (a leaf worth +0.0, last slot). */
    private final int[] paddedRoot;
    /** Per group of {@link #GROUP} trees: the deepest of their depths. */
    private final int[] groupSteps;
    /** False when a threshold is NaN or infinite: then every row takes the exact walk. */
    private final boolean branchFree;
    /** The deepest tree's depth, at least 1: the slots per tree of a recorded path ({@link #probes}). */
    private final int stride;

    private FlatForest(long[] nodes, double[] leafValue, int[] root, int[] depth, boolean branchFree) {
        this.nodes = nodes;
        this.leafValue = leafValue;
        this.root = root;
        this.depth = depth;
        this.branchFree = branchFree;
        int groups = (root.length + GROUP - 1) / GROUP;
        this.paddedRoot = new int[groups * GROUP];
        java.util.Arrays.fill(paddedRoot, nodes.length - 2);
        System.arraycopy(root, 0, paddedRoot, 0, root.length);
        this.groupSteps = new int[groups];
        int deepest = 1;
        for (int t = 0; t < root.length; t++) {
            groupSteps[t / GROUP] = Math.max(groupSteps[t / GROUP], depth[t]);
            deepest = Math.max(deepest, depth[t]);
        }
        this.stride = deepest;
    }

    /**
     * Lays out canonical pre-order trees (split: {@code feature >= 0}, go to {@code left} when
     * {@code x[feature] <= threshold}; leaf: {@code feature < 0}, contributes {@code leaf[node]}).
     */
    static FlatForest of(int[] roots, int[] feature, double[] threshold, int[] left, int[] right, double[] leaf) {
        int n = feature.length;
        long[] nodes = new long[2 * n + 2];
        double[] leafValue = new double[n + 1];
        int[] root = new int[roots.length];
        int[] depth = new int[roots.length];
        boolean branchFree = true;
        int[] queue = new int[n];
        int[] level = new int[n];
        boolean[] placed = new boolean[n];
        int next = 0;
        for (int t = 0; t < roots.length; t++) {
            // breadth-first: queue[k] is the canonical node placed in slot `first + k`
            int first = next;
            int head = 0;
            int tail = 0;
            if (next == n) {
                throw new InvalidArgumentException("inconsistent compiled forest: more trees than nodes");
            }
            queue[tail] = roots[t];
            level[tail++] = 0;
            next++;
            int deepest = 0;
            while (head < tail) {
                int c = queue[head];
                int d = level[head];
                if (placed[c]) {
                    throw new InvalidArgumentException("inconsistent compiled forest: node " + c
                            + " is reached twice");
                }
                placed[c] = true;
                int slot = first + head;
                head++;
                if (feature[c] < 0) {
                    nodes[2 * slot] = 2L * slot; // feature 0, child = itself
                    nodes[2 * slot + 1] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
                    leafValue[slot] = leaf[c];
                    deepest = Math.max(deepest, d);
                } else {
                    int childSlot = next;
                    next += 2;
                    if (next > n) {
                        throw new InvalidArgumentException("inconsistent compiled forest: node " + c
                                + " has a child that another node also points to");
                    }
                    queue[tail] = left[c];
                    level[tail++] = d + 1;
                    queue[tail] = right[c];
                    level[tail++] = d + 1;
                    double th = threshold[c];
                    if (!Double.isFinite(th)) {
                        branchFree = false;
                    }
                    nodes[2 * slot] = ((long) feature[c] << 32) | (2L * childSlot);
                    nodes[2 * slot + 1] = Double.doubleToRawLongBits(th == 0.0 ? 0.0 : th);
                }
            }
            root[t] = 2 * first;
            depth[t] = deepest;
        }
        if (next != n) {
            throw new InvalidArgumentException("inconsistent compiled forest: " + (n - next) + " of " + n
                    + " nodes belong to no tree");
        }
        // the empty tree that pads the last group of a single-row walk: a leaf worth +0.0
        nodes[2 * n] = 2L * n;
        nodes[2 * n + 1] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        return new FlatForest(nodes, leafValue, root, depth, branchFree);
    }

    /** True when {@code x} may take the branch-free walk: every value finite (and the thresholds too). */
    boolean branchFree(double[] x) {
        double z = 0.0;
        for (double v : x) {
            z += v - v; // 0 for a finite value, NaN for NaN or ±∞
        }
        return branchFree && z == 0.0;
    }

    /** {@code start} + Σ over trees, added in tree order, of the leaf value {@code x} reaches. */
    double sum(double[] x, double start) {
        if (!branchFree(x)) {
            return sumExact(x, start);
        }
        // one row: sixteen trees walked at once (more walks in flight hide more of the cache misses; measured, per
        // row: 4 trees 2.8 µs, 8 trees 2.2 µs, 16 trees 1.7 µs), the last group padded with an empty tree whose
        // leaf adds +0.0
        final long[] nodes = this.nodes;
        final double[] leafValue = this.leafValue;
        final int[] r = this.paddedRoot;
        final int[] groupSteps = this.groupSteps;
        double s = start;
        for (int g = 0, t = 0; g < groupSteps.length; g++, t += GROUP) {
            int n0 = r[t];
            int n1 = r[t + 1];
            int n2 = r[t + 2];
            int n3 = r[t + 3];
            int n4 = r[t + 4];
            int n5 = r[t + 5];
            int n6 = r[t + 6];
            int n7 = r[t + 7];
            int n8 = r[t + 8];
            int n9 = r[t + 9];
            int n10 = r[t + 10];
            int n11 = r[t + 11];
            int n12 = r[t + 12];
            int n13 = r[t + 13];
            int n14 = r[t + 14];
            int n15 = r[t + 15];
            for (int k = groupSteps[g]; k > 0; k--) {
                n0 = step(nodes, x, n0);
                n1 = step(nodes, x, n1);
                n2 = step(nodes, x, n2);
                n3 = step(nodes, x, n3);
                n4 = step(nodes, x, n4);
                n5 = step(nodes, x, n5);
                n6 = step(nodes, x, n6);
                n7 = step(nodes, x, n7);
                n8 = step(nodes, x, n8);
                n9 = step(nodes, x, n9);
                n10 = step(nodes, x, n10);
                n11 = step(nodes, x, n11);
                n12 = step(nodes, x, n12);
                n13 = step(nodes, x, n13);
                n14 = step(nodes, x, n14);
                n15 = step(nodes, x, n15);
            }
            s += leafValue[n0 >> 1];
            s += leafValue[n1 >> 1];
            s += leafValue[n2 >> 1];
            s += leafValue[n3 >> 1];
            s += leafValue[n4 >> 1];
            s += leafValue[n5 >> 1];
            s += leafValue[n6 >> 1];
            s += leafValue[n7 >> 1];
            s += leafValue[n8 >> 1];
            s += leafValue[n9 >> 1];
            s += leafValue[n10 >> 1];
            s += leafValue[n11 >> 1];
            s += leafValue[n12 >> 1];
            s += leafValue[n13 >> 1];
            s += leafValue[n14 >> 1];
            s += leafValue[n15 >> 1];
        }
        return s;
    }

    /**
     * Adds to {@code out[i]}, tree by tree in tree order, the leaf value {@code rows[i]} reaches: the same sums, in
     * the same order, as {@link #sum(double[], double)} with {@code start = out[i]}. Tree-major so that one tree's nodes stay in cache while every row walks it.
     */
    void sum(double[][] rows, double[] out) {
        int count = rows.length;
        boolean allBranchFree = true;
        for (double[] x : rows) {
            allBranchFree &= branchFree(x);
        }
        if (!allBranchFree) {
            for (int i = 0; i < count; i++) {
                out[i] = sum(rows[i], out[i]);
            }
            return;
        }
        final long[] nodes = this.nodes;
        final double[] leafValue = this.leafValue;
        for (int t = 0; t < root.length; t++) {
            int r = root[t];
            int steps = depth[t];
            int i = 0;
            for (; i + LANES <= count; i += LANES) {
                double[] x0 = rows[i];
                double[] x1 = rows[i + 1];
                double[] x2 = rows[i + 2];
                double[] x3 = rows[i + 3];
                double[] x4 = rows[i + 4];
                double[] x5 = rows[i + 5];
                double[] x6 = rows[i + 6];
                double[] x7 = rows[i + 7];
                int n0 = r;
                int n1 = r;
                int n2 = r;
                int n3 = r;
                int n4 = r;
                int n5 = r;
                int n6 = r;
                int n7 = r;
                for (int k = 0; k < steps; k++) {
                    n0 = step(nodes, x0, n0);
                    n1 = step(nodes, x1, n1);
                    n2 = step(nodes, x2, n2);
                    n3 = step(nodes, x3, n3);
                    n4 = step(nodes, x4, n4);
                    n5 = step(nodes, x5, n5);
                    n6 = step(nodes, x6, n6);
                    n7 = step(nodes, x7, n7);
                }
                out[i] += leafValue[n0 >> 1];
                out[i + 1] += leafValue[n1 >> 1];
                out[i + 2] += leafValue[n2 >> 1];
                out[i + 3] += leafValue[n3 >> 1];
                out[i + 4] += leafValue[n4 >> 1];
                out[i + 5] += leafValue[n5 >> 1];
                out[i + 6] += leafValue[n6 >> 1];
                out[i + 7] += leafValue[n7 >> 1];
            }
            for (; i < count; i++) {
                double[] x = rows[i];
                int n = r;
                for (int k = 0; k < steps; k++) {
                    n = step(nodes, x, n);
                }
                out[i] += leafValue[n >> 1];
            }
        }
    }

    /** One branch-free step from the node at long index {@code n}. */
    private static int step(long[] nodes, double[] x, int n) {
        long m = nodes[n];
        double d = Double.longBitsToDouble(nodes[n + 1]) - x[(int) (m >>> 32)];
        return (int) m + ((int) (Double.doubleToRawLongBits(d) >>> 62) & 2);
    }

    /**
     * The one-feature probes of {@code x} without scoring them: returns the sum {@link #sum(double[], double)}
     * returns (bit for bit: the same leaves added in the same order) and adds to {@code delta[f]}, for every
     * feature f, Σ over trees of the leaf value that {@code x} with {@code x[f]} replaced by {@code reference[f]}
     * reaches minus the leaf value {@code x} reaches. Such a probe leaves {@code x}'s path only at the first node of
     * the path that tests f with {@code x[f]} and {@code reference[f]} on different sides; from there it walks the
     * other subtree. So one walk per tree, plus one partial walk per feature that diverges on the path, gives every
     * probe's change; a feature that diverges nowhere gets exactly 0.
     *
     * <p>A finite row (and finite thresholds, at most 64 features) takes two branch-free passes that keep many
     * independent walks in flight, as scoring does. First the row's walks, sixteen trees at a time; each step also
     * notes whether the reference of the node's feature goes the other way and the feature has not diverged
     * earlier on that path, and if so queues the probe's partial walk from the other child, by depth (a path has
     * one node per depth, so a depth holds at most one walk per tree). Then the queued walks, sixteen at a time,
     * each depth's as many steps as the deepest tree needs below it, on probe rows (the row with one feature at
     * its reference). Other rows take {@linkplain #probesExact the exact walk}, one tree after another, with the
     * double comparison itself.
     *
     * @param delta receives the changes; at least {@code x.length} long, zero on entry
     * @param w working arrays, grown here as this forest needs
     */
    double probes(double[] x, double[] reference, double start, double[] delta, ProbeWork w) {
        int p = x.length;
        w.ensure(this, p);
        if (p > Long.SIZE || !branchFree(x) || !branchFree(reference)) {
            java.util.Arrays.fill(w.stamp, 0, p, -1);
            return probesExact(x, reference, start, delta, w.stamp, w.diverged, w.probeLeaf);
        }
        final long[] nodes = this.nodes;
        final double[] leafValue = this.leafValue;
        final int[] r = this.paddedRoot;
        final int stride = this.stride;
        final int trees = r.length;
        final int[] qNode = w.qNode;
        final int[] qFeature = w.qFeature;
        final int[] qTree = w.qTree;
        final int[] count = w.count;
        final int[] leaf = w.leaf;
        final int[] cur = w.cur;
        final long[] seen = w.seen;
        java.util.Arrays.fill(count, 0, stride, 0);
        // 1. the row's walks, GROUP trees at once, queueing each feature's first divergence on each path
        double s = start;
        for (int g = 0, t = 0; g < groupSteps.length; g++, t += GROUP) {
            for (int l = 0; l < GROUP; l++) {
                cur[l] = r[t + l];
                seen[l] = 0L;
            }
            int steps = groupSteps[g];
            for (int k = 0; k < steps; k++) {
                int c = count[k];
                int base = k * trees;
                for (int l = 0; l < GROUP; l++) {
                    int n = cur[l];
                    long m = nodes[n];
                    int f = (int) (m >>> 32);
                    double th = Double.longBitsToDouble(nodes[n + 1]);
                    long dx = Double.doubleToRawLongBits(th - x[f]);
                    long dr = Double.doubleToRawLongBits(th - reference[f]);
                    long sl = seen[l];
                    // 1 when the row and the reference go different ways here and f has not diverged before on
                    // this path (a leaf: feature 0, threshold +inf, both go "left": never)
                    long first = ((dx ^ dr) >>> 63) & ~(sl >>> f) & 1L;
                    seen[l] = sl | (first << f);
                    int right = (int) (dx >>> 62) & 2;
                    qNode[base + c] = (int) m + (2 - right);
                    qFeature[base + c] = f;
                    qTree[base + c] = t + l;
                    c += (int) first;
                    cur[l] = (int) m + right;
                }
                count[k] = c;
            }
            for (int l = 0; l < GROUP; l++) {
                leaf[t + l] = cur[l];
                s += leafValue[cur[l] >> 1];
            }
        }
        // 2. the queued walks on the probe rows, GROUP at once; from depth k + 1 at most stride - k - 1 steps
        final double[] rows = w.rows;
        for (int j = 0; j < p; j++) {
            System.arraycopy(x, 0, rows, j * p, p);
            rows[j * p + j] = reference[j];
        }
        final int[] offset = w.offset;
        for (int k = 0; k < stride; k++) {
            int c = count[k];
            int steps = stride - k - 1;
            int base = k * trees;
            for (int i = 0; i < c; i += GROUP) {
                int lanes = Math.min(GROUP, c - i);
                for (int l = 0; l < lanes; l++) {
                    cur[l] = qNode[base + i + l];
                    offset[l] = qFeature[base + i + l] * p;
                }
                for (int step = 0; step < steps; step++) {
                    for (int l = 0; l < lanes; l++) {
                        int n = cur[l];
                        long m = nodes[n];
                        double d = Double.longBitsToDouble(nodes[n + 1]) - rows[offset[l] + (int) (m >>> 32)];
                        cur[l] = (int) m + ((int) (Double.doubleToRawLongBits(d) >>> 62) & 2);
                    }
                }
                for (int l = 0; l < lanes; l++) {
                    int q = base + i + l;
                    delta[qFeature[q]] += leafValue[cur[l] >> 1] - leafValue[leaf[qTree[q]] >> 1];
                }
            }
        }
        return s;
    }

    /** Working arrays of {@link #probes}, sized for the largest forest and row they have served; not thread-safe. */
    static final class ProbeWork {
        int[] stamp = new int[0];
        int[] diverged = new int[0];
        double[] probeLeaf = new double[0];
        double[] rows = new double[0];
        int[] leaf = new int[0];
        int[] count = new int[0];
        int[] qTree = new int[0];
        int[] qNode = new int[0];
        int[] qFeature = new int[0];
        final int[] cur = new int[GROUP];
        final int[] offset = new int[GROUP];
        final long[] seen = new long[GROUP];

        void ensure(FlatForest forest, int p) {
            if (stamp.length < p) {
                stamp = new int[p];
                diverged = new int[p];
                probeLeaf = new double[p];
                rows = new double[p * p];
            }
            int trees = forest.paddedRoot.length;
            if (leaf.length < trees) {
                leaf = new int[trees];
            }
            if (count.length < forest.stride) {
                count = new int[forest.stride];
            }
            // per depth, at most one queued walk per tree
            if (qTree.length < trees * forest.stride) {
                qTree = new int[trees * forest.stride];
                qNode = new int[trees * forest.stride];
                qFeature = new int[trees * forest.stride];
            }
        }
    }

    /**
     * {@link #probes} one tree after another with the double comparison itself (NaN goes right, as in
     * {@link #sumExact}); for rows or references holding NaN or ±∞, non-finite thresholds and more than 64
     * features.
     *
     * @param stamp scratch of at least {@code x.length} ints, all {@code < 0} on entry
     * @param diverged scratch of at least {@code x.length} ints
     * @param probeLeaf scratch of at least {@code x.length} doubles
     */
    double probesExact(double[] x, double[] reference, double start, double[] delta, int[] stamp, int[] diverged,
                       double[] probeLeaf) {
        final long[] nodes = this.nodes;
        double s = start;
        for (int t = 0; t < root.length; t++) {
            int n = root[t];
            int count = 0;
            while (true) {
                long m = nodes[n];
                int child = (int) m;
                if (child == n) {
                    break;
                }
                int f = (int) (m >>> 32);
                double th = Double.longBitsToDouble(nodes[n + 1]);
                boolean goesLeft = x[f] <= th;
                if (goesLeft != reference[f] <= th && stamp[f] != t) {
                    stamp[f] = t; // the first divergence of f on this path: the probe of f leaves the path here
                    diverged[count] = f;
                    probeLeaf[count++] = leafValue[walkWith(x, f, reference[f], goesLeft ? child + 2 : child) >> 1];
                }
                n = goesLeft ? child : child + 2;
            }
            double leaf = leafValue[n >> 1];
            s += leaf;
            for (int k = 0; k < count; k++) {
                delta[diverged[k]] += probeLeaf[k] - leaf;
            }
        }
        return s;
    }

    /** The leaf (long index) reached from node {@code n} by {@code x} with {@code x[f]} replaced by {@code v}. */
    private int walkWith(double[] x, int f, double v, int n) {
        while (true) {
            long m = nodes[n];
            int child = (int) m;
            if (child == n) {
                return n;
            }
            int g = (int) (m >>> 32);
            n = (g == f ? v : x[g]) <= Double.longBitsToDouble(nodes[n + 1]) ? child : child + 2;
        }
    }

    /** {@link #sum(double[], double)} with the double comparison itself: for NaN, ±∞ and non-finite thresholds. */
    double sumExact(double[] x, double start) {
        double s = start;
        for (int r : root) {
            s += leafValue[walkExact(x, r) >> 1];
        }
        return s;
    }

    private int walkExact(double[] x, int n) {
        while (true) {
            long m = nodes[n];
            int child = (int) m;
            if (child == n) {
                return n;
            }
            n = x[(int) (m >>> 32)] <= Double.longBitsToDouble(nodes[n + 1]) ? child : child + 2;
        }
    }
}
