package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Contextual anomaly detector after Smirnov's CAD OSE (NAB's {@code contextOSE}), written from the
 * published description: each value is quantised into one of {@code 2^valueBits} buckets of the
 * series' range and encoded as {@code valueBits} sensor facts; a context is a pair (left
 * semi-context: the previous step's sensor facts plus the contexts that were active then, right
 * semi-context: the current sensor facts). Contexts whose left and right halves both match the
 * stream become active and feed the next step's left half (at most {@code maxActiveNeurons} of
 * them); when the stream produces a new zero-level context, partial matches of known contexts
 * become candidate contexts too. The raw score is the mean of the share of selected contexts that
 * were not confirmed and the share of candidate contexts that were new: a stream the memory
 * predicts scores near 0.
 *
 * <p>Streaming and bounded: the range is learnt from the first {@code learnPoints} values, which
 * are buffered and replayed once the range is known (scores are 0 until then); the range is then
 * widened by {@code rangeMargin} of its width on both sides, and later values outside it are
 * clamped into the edge buckets. The context memory holds at most {@code maxContexts} contexts
 * (each semi-context belongs to at least one context, so at most as many semi-contexts per side);
 * once full, no context is added and the detector keeps scoring with what it knows. A score of
 * {@code suppressAbove} or more silences the output for the next {@code restPeriod} points, so one
 * event yields one detection. One detector keeps one range; {@link AdaptiveRangeContext} adds the
 * provisional memory of the warm-up and the successor memory when values leave the range ({@code
 * earlyPoints}, {@code handoverPoints} and {@code growthMargin} are its settings, not read here).
 *
 * <p>Layout, for speed and a bounded size: no boxed collections and no allocation per point in
 * steady state. A right semi-context is a subset of the current sensor facts, so it is held as a
 * bit mask of facts; a left semi-context's facts live in one shared int pool, found again through
 * an open-addressing table; each left semi-context lists its contexts as packed {@code (context id,
 * right mask)} longs, so a step checks a right half with one mask test instead of a hash lookup.
 * Every array grows (doubling) only with the number of contexts, so the state is bounded by {@link
 * #maxStateBytes(ContextOptions)}. Not thread-safe; one instance per series.
 */
public final class ContextAnomalyDetector implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final int NONE = -1;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private final ContextOptions options;
    private final int bits;
    private final int sensorFacts;
    private final double maxBin;
    // Warm-up: the first values, replayed through the memory once the range is known.
    private double[] warmup;
    private int warmupCount;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double step;
    private int sinceAlarm = Integer.MAX_VALUE;

    // Contexts: confirmations and the zero-level flag, by id (ids are dense, in creation order).
    private int contexts;
    private int[] ctxCount = new int[64];
    private boolean[] ctxZero = new boolean[64];
    private int newContextId = NONE;
    // Right semi-contexts (sensor-fact masks) -> id, and (left id, right mask) -> context.
    private final LongIntHashMap rightIds = new LongIntHashMap(16);
    private final LongIntHashMap pairs = new LongIntHashMap(64);
    private final LeftSemis lefts = new LeftSemis();
    // This step's left facts (sorted) and a second buffer for the next step's: swapped, never
    // reallocated.
    private int[] leftFacts;
    private int leftCount;
    private int[] nextFacts;
    // Scratch space reused every step: the most confirmed active contexts so far (keys
    // (confirmations << 32) | id, descending, topCount of them) and the candidates.
    private final long[] top;
    private int topCount;
    private final Candidates candidates = new Candidates();
    // Left semi-context of this step's zero-level context (NONE when the memory is full and it is
    // new).
    private int zeroLeftId = NONE;
    // Memo of recent crossings; derivable, so not serialized (rebuilt after a restore).
    private transient CrossingCache crossings;

    public ContextAnomalyDetector(ContextOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.bits = options.valueBits();
        this.sensorFacts = 2 * bits;
        this.maxBin = (1 << bits) - 1;
        this.warmup = new double[options.learnPoints()];
        this.leftFacts = new int[bits + options.maxActiveNeurons()];
        this.nextFacts = new int[leftFacts.length];
        this.top = new long[options.maxActiveNeurons()];
    }

    /**
     * A detector for a series whose range [{@code min}, {@code max}] is known: it scores from the
     * first value.
     */
    public ContextAnomalyDetector(ContextOptions options, double min, double max) {
        this(options);
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("need finite min <= max, got " + min + " / " + max);
        }
        this.warmup = null;
        this.min = min;
        this.max = max;
        this.step = (max > min ? max - min : maxBin) / maxBin;
    }

    /**
     * Upper bound, in bytes, of the arrays one detector with {@code options} can hold (object
     * headers and the warm-up buffer of {@code 8 * learnPoints} bytes, freed after the warm-up,
     * left out): per context its count and flag, two pair-index slots, its entry in its left half's
     * list, and at most one left semi-context with up to {@code valueBits + maxActiveNeurons} facts
     * (pool, both fact indexes, lookup slots), every growable array counted at twice its need
     * (doubling); plus the crossing memo: {@code crossingCache} context ids, a sixteenth as many
     * right-half groups, its slots and a sort buffer.
     */
    public static long maxStateBytes(ContextOptions options) {
        long facts = options.valueBits() + options.maxActiveNeurons();
        // Per context: count and flag (5), two pair-index slots (24), its packed entry (8), scratch
        // for
        // confirmations and candidates (4 + 4 * maxLeftFacts + 40). Per left semi-context (at most
        // one per
        // context): its facts in the pool and in the fact index (8 per fact), eight per-semi ints
        // and
        // longs (48), two lookup slots (8), a byLast entry (4), the entry list's header (16), the
        // two
        // index lists of its fact id and the fact's stamp (28).
        long perContext =
                5
                        + 24
                        + 8
                        + 4
                        + 4L * options.maxLeftFacts()
                        + 40
                        + 8 * facts
                        + 48
                        + 8
                        + 4
                        + 16
                        + 28;
        long memo =
                options.crossingCache() == 0 ? 0 : CrossingCache.maxBytes(options.crossingCache());
        return 2 * options.maxContexts() * perContext + memo + 4096;
    }

    /**
     * Learns {@code value} and returns its anomaly score in [0, 1] (0 while the range is learnt).
     */
    public double update(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0.0;
        }
        if (warmup != null) {
            warmup[warmupCount++] = value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (warmupCount < warmup.length) {
                return 0.0;
            }
            // Widened on both sides: later values beyond the learnt range still fall into distinct
            // buckets.
            double margin = options.rangeMargin() * (max - min);
            min -= margin;
            max += margin;
            step = (max > min ? max - min : maxBin) / maxBin;
            double[] replay = warmup;
            warmup = null;
            double last = 0.0;
            for (double v : replay) {
                last = suppress(raw(v));
            }
            return last;
        }
        return suppress(raw(value));
    }

    /**
     * True once the range is known (given, or learnt from the first {@code learnPoints} values).
     */
    public boolean rangeKnown() {
        return warmup == null;
    }

    /**
     * True when {@code value} lies within the range the buckets cover (after widening), so it is
     * not clamped into an edge bucket; false while the range is not known.
     */
    public boolean covers(double value) {
        return warmup == null && value >= min && value <= max;
    }

    /** Number of contexts in memory (at most {@link ContextOptions#maxContexts()}). */
    public int contextCount() {
        return contexts;
    }

    /** Semi-contexts in memory, both sides together (at most twice the context cap). */
    public int semiContextCount() {
        return lefts.count + rightIds.size();
    }

    /**
     * Bytes held by this detector's arrays now (object headers left out); see {@link
     * #maxStateBytes}.
     */
    public long stateBytes() {
        long b =
                5L * ctxCount.length
                        + rightIds.arrayBytes()
                        + pairs.arrayBytes()
                        + 8L * leftFacts.length
                        + 8L * top.length
                        + (warmup == null ? 0 : 8L * warmup.length);
        return b + lefts.bytes() + candidates.bytes() + (crossings == null ? 0 : crossings.bytes());
    }

    private double suppress(double score) {
        // Silence after a strong score: the rest of the same event is not a new detection.
        boolean resting = sinceAlarm < options.restPeriod();
        sinceAlarm =
                score >= options.suppressAbove()
                        ? 0
                        : (sinceAlarm == Integer.MAX_VALUE ? sinceAlarm : sinceAlarm + 1);
        return resting ? 0.0 : score;
    }

    private double raw(double value) {
        int bin = (int) Math.max(0, Math.min(maxBin, Math.floor((value - min) / step)));
        return step(bin);
    }

    private double step(int bin) {
        // Sensor facts, most significant bit first: fact 2b is "bit b clear", 2b + 1 is "bit b
        // set".
        long sensors = 0;
        for (int b = 0; b < bits; b++) {
            sensors |= 1L << (2 * b + ((bin >> (bits - 1 - b)) & 1));
        }
        int[] zeroLeft = leftFacts;
        int zeroCount = leftCount;
        zeroLeftId = NONE;
        boolean newZero = zeroCount > 0 && addZeroLevel(zeroLeft, zeroCount, sensors);
        LeftSemis left = lefts;
        int selected = 0;
        int activeCount = 0;
        topCount = 0;
        long outside = ~sensors & LOW32;
        CrossingCache memo = null;
        if (!newZero && zeroLeftId >= 0 && options.crossingCache() > 0) {
            memo =
                    crossings == null
                            ? (crossings = new CrossingCache(options.crossingCache()))
                            : crossings;
        }
        int slot = memo == null ? NONE : memo.slotOf(zeroLeftId);
        if (slot >= 0) {
            // The same left half was crossed before and no context was added since: its contexts,
            // grouped
            // by right half, are known; only those whose right half lies inside the sensor facts
            // are touched.
            selected = memo.selected[slot];
            long[] masks = memo.groupMask;
            int[] ends = memo.groupEnd;
            int[] ctxs = memo.ctxPool;
            int from = memo.ctxStart[slot];
            for (int g = memo.groupStart[slot], gEnd = g + memo.groupCount[slot]; g < gEnd; g++) {
                int to = ends[g];
                if ((masks[g] & outside) == 0) {
                    activeCount += to - from;
                    for (int i = from; i < to; i++) {
                        int ctx = ctxs[i];
                        offer(++ctxCount[ctx], ctx);
                    }
                }
                from = to;
            }
        } else {
            // Cross the left halves with the previous step's facts. Partial matches only seed new
            // contexts,
            // which happens only when this step created a zero-level context: otherwise full
            // matches suffice.
            left.mark(zeroLeft, zeroCount, sensorFacts + contexts);
            if (newZero) {
                left.cross(zeroLeft, zeroCount);
            } else {
                left.crossFully(zeroLeft, zeroCount);
            }
        }
        if (slot < 0 && !newZero) {
            // Every crossed left half matches fully and no context is new: a context is confirmed
            // when its
            // right half (a fact mask) lies inside this step's sensor facts.
            for (int c = 0; c < left.crossedCount; c++) {
                int l = left.crossed[c];
                int n = left.entryCount[l];
                long[] es = left.entries[l];
                selected += n;
                for (int k = 0; k < n; k++) {
                    long e = es[k];
                    if ((e & outside) == 0) {
                        int ctx = (int) (e >>> 32);
                        offer(++ctxCount[ctx], ctx);
                        activeCount++;
                    }
                }
            }
            if (memo != null) {
                memo.store(zeroLeftId, selected, left, ctxCount);
            }
        } else if (newZero) {
            candidates.clear();
            // Candidate 0 is the new zero-level context itself: it counts among the distinct
            // candidates.
            candidates.add(zeroLeft, 0, zeroCount, null, sensors);
            for (int c = 0; c < left.crossedCount; c++) {
                int l = left.crossed[c];
                int matched = left.active[l];
                boolean leftFull = matched == left.len[l];
                long[] es = left.entries[l];
                for (int k = 0; k < left.entryCount[l]; k++) {
                    long e = es[k];
                    int ctx = (int) (e >>> 32);
                    if (ctx == newContextId) {
                        continue;
                    }
                    long mask = e & LOW32;
                    boolean rightAny = (mask & sensors) != 0;
                    if (leftFull) {
                        selected++;
                        if (rightAny && (mask & outside) == 0) {
                            offer(++ctxCount[ctx], ctx);
                            activeCount++;
                            continue;
                        }
                    }
                    if (rightAny && ctxZero[ctx] && matched <= options.maxLeftFacts()) {
                        candidates.add(left.pool, left.start[l], left.len[l], left, mask & sensors);
                    }
                }
            }
        }
        newContextId = NONE;
        double unconfirmed = selected > 0 ? 1.0 - (double) activeCount / selected : 1.0;

        nextLeftFacts(sensors);
        double novel = 0.0;
        if (newZero) {
            int added = 0;
            for (int i = 1; i < candidates.count; i++) {
                added += addContext(i) ? 1 : 0;
            }
            novel = (added + 1.0) / candidates.distinct();
        }
        return (unconfirmed + novel) / 2.0;
    }

    /**
     * Keeps the {@code maxActiveNeurons} largest (confirmations, id) keys among the contexts a step
     * confirms, in descending order by insertion: cheaper than sorting all of them, ids make every
     * key distinct, and a context is confirmed at most once a step, so its key is final when
     * offered.
     */
    private void offer(int confirmations, int ctx) {
        long key = ((long) confirmations << 32) | ctx;
        long[] t = top;
        int keep = t.length;
        int j;
        if (topCount < keep) {
            j = topCount++;
        } else if (keep > 0 && key > t[keep - 1]) {
            j = keep - 1;
        } else {
            return;
        }
        while (j > 0 && t[j - 1] < key) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = key;
    }

    /**
     * Next step's left facts: sensor facts plus the most confirmed active contexts (ties: the
     * newer), sorted.
     */
    private void nextLeftFacts(long sensors) {
        int[] out = nextFacts;
        int n = 0;
        for (long s = sensors; s != 0; s &= s - 1) {
            out[n++] = Long.numberOfTrailingZeros(s);
        }
        int first = n;
        for (int i = 0; i < topCount; i++) {
            // Context facts follow the sensor facts in one id space.
            out[n++] = sensorFacts + (int) top[i];
        }
        Arrays.sort(out, first, n);
        nextFacts = leftFacts;
        leftFacts = out;
        leftCount = n;
    }

    /** Adds the zero-level context (left, right) or marks it zero-level; true when it is new. */
    private boolean addZeroLevel(int[] left, int count, long right) {
        boolean room = contexts < options.maxContexts();
        int l = lefts.idOf(left, 0, count, room);
        zeroLeftId = l;
        int r = rightId(right, room);
        if (l < 0 || r < 0) {
            return false;
        }
        int existing = pairs.get(pairKey(l, right), NONE);
        if (existing >= 0) {
            ctxZero[existing] = true;
            return false;
        }
        if (!room) {
            return false;
        }
        newContextId = newContext(l, right, true);
        return true;
    }

    private boolean addContext(int candidate) {
        if (contexts >= options.maxContexts()) {
            return false;
        }
        Candidates c = candidates;
        int l = lefts.idOf(c.pool, c.start[candidate], c.len[candidate], true);
        long right = c.mask[candidate];
        rightId(right, true);
        if (pairs.containsKey(pairKey(l, right))) {
            return false;
        }
        newContext(l, right, false);
        return true;
    }

    private int rightId(long mask, boolean mayAdd) {
        int id = rightIds.get(mask, NONE);
        if (id < 0 && mayAdd) {
            id = rightIds.size();
            rightIds.put(mask, id, NONE);
        }
        return id;
    }

    private static long pairKey(int left, long rightMask) {
        return ((long) left << 32) | rightMask;
    }

    private int newContext(int l, long right, boolean zero) {
        int id = contexts++;
        if (id == ctxCount.length) {
            int n = Math.min(2 * id, options.maxContexts());
            ctxCount = Arrays.copyOf(ctxCount, n);
            ctxZero = Arrays.copyOf(ctxZero, n);
        }
        ctxZero[id] = zero;
        lefts.link(l, id, right);
        if (crossings != null) {
            crossings.added(l, lefts);
        }
        pairs.put(pairKey(l, right), id, NONE);
        return id;
    }

    private static int hash(int[] a, int from, int n, long salt) {
        int h = (int) (salt ^ (salt >>> 32));
        for (int i = from; i < from + n; i++) {
            h = 31 * h + a[i];
        }
        return h * 0x9E3779B9;
    }

    private static boolean sameFacts(int[] a, int aFrom, int aLen, int[] b, int bFrom, int bLen) {
        return aLen == bLen && Arrays.equals(a, aFrom, aFrom + aLen, b, bFrom, bFrom + bLen);
    }

    /**
     * Left semi-contexts: their sorted facts in one pool, a lookup table by facts, the contexts of
     * each (packed {@code (context id << 32) | right mask}), the indexes fact -> semi-contexts
     * holding it and largest fact -> semi-contexts, and the current crossing (matched facts per
     * semi-context).
     */
    private static final class LeftSemis implements Serializable {
        private static final long serialVersionUID = 1L;
        private int count;
        private int[] pool = new int[256];
        private int poolSize;
        private int[] start = new int[64];
        private int[] len = new int[64];
        private int[] hash = new int[64];
        // One bit per fact modulo 64: a semi-context is inside a fact set only if its bits are.
        private long[] sig = new long[64];
        // Open addressing by facts: slot -> id + 1 (0: empty).
        private int[] table = new int[128];
        private long[][] entries = new long[64][];
        private int[] entryCount = new int[64];
        private final IntLists byFact = new IntLists();
        private final IntLists byLast = new IntLists();
        // Crossing: matched facts per semi-context, the semi-contexts with any, and the query's
        // facts
        // stamped with the current crossing number.
        private int[] active = new int[64];
        private int[] crossed = new int[64];
        private int crossedCount;
        private int[] stamp = new int[64];
        private int now;

        int idOf(int[] f, int from, int n, boolean mayAdd) {
            int h = hash(f, from, n, 0);
            int mask = table.length - 1;
            int i = h & mask;
            for (int slot = table[i]; slot != 0; slot = table[i]) {
                int s = slot - 1;
                if (hash[s] == h && sameFacts(pool, start[s], len[s], f, from, n)) {
                    return s;
                }
                i = (i + 1) & mask;
            }
            if (!mayAdd) {
                return NONE;
            }
            int s = count++;
            if (s == start.length) {
                int m = 2 * s;
                start = Arrays.copyOf(start, m);
                len = Arrays.copyOf(len, m);
                hash = Arrays.copyOf(hash, m);
                sig = Arrays.copyOf(sig, m);
                entries = Arrays.copyOf(entries, m);
                entryCount = Arrays.copyOf(entryCount, m);
                active = Arrays.copyOf(active, m);
            }
            if (poolSize + n > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(2 * pool.length, poolSize + n));
            }
            System.arraycopy(f, from, pool, poolSize, n);
            start[s] = poolSize;
            len[s] = n;
            poolSize += n;
            hash[s] = h;
            long g = 0;
            for (int k = from; k < from + n; k++) {
                g |= 1L << (f[k] & 63);
                byFact.add(f[k], s);
            }
            sig[s] = g;
            // Facts are sorted: the last is the rarest (a context fact when there is one).
            byLast.add(n == 0 ? 0 : f[from + n - 1], s);
            table[i] = s + 1;
            if (2 * count > table.length) {
                rehash();
            }
            return s;
        }

        private void rehash() {
            table = new int[2 * table.length];
            int mask = table.length - 1;
            for (int s = 0; s < count; s++) {
                int i = hash[s] & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = s + 1;
            }
        }

        void link(int l, int ctx, long rightMask) {
            long[] es = entries[l];
            int n = entryCount[l];
            if (es == null) {
                es = new long[2];
            } else if (n == es.length) {
                es = Arrays.copyOf(es, 2 * n);
            }
            es[n] = ((long) ctx << 32) | rightMask;
            entries[l] = es;
            entryCount[l] = n + 1;
        }

        /**
         * Stamps the query's facts ({@code factSpace} bounds every fact id) and clears the last
         * crossing.
         */
        void mark(int[] f, int n, int factSpace) {
            if (factSpace > stamp.length) {
                stamp = Arrays.copyOf(stamp, Math.max(factSpace, 2 * stamp.length));
            }
            if (++now == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                now = 1;
            }
            for (int k = 0; k < n; k++) {
                stamp[f[k]] = now;
            }
            for (int c = 0; c < crossedCount; c++) {
                active[crossed[c]] = 0;
            }
            crossedCount = 0;
        }

        /**
         * Counts, per semi-context, how many of {@code f} it holds; remembers those with any, in
         * creation order.
         */
        void cross(int[] f, int n) {
            for (int k = 0; k < n; k++) {
                int[] semis = byFact.list(f[k]);
                int size = byFact.size(f[k]);
                for (int j = 0; j < size; j++) {
                    int s = semis[j];
                    if (active[s]++ == 0) {
                        remember(s);
                    }
                }
            }
            // Creation order, so that candidate contexts (and their ids) follow the memory, not the
            // index.
            Arrays.sort(crossed, 0, crossedCount);
        }

        /**
         * Like {@link #cross} but finds only the semi-contexts that {@code f} (sorted) holds
         * entirely, through their largest fact: much cheaper, and all a step needs when it creates
         * no context (in any order).
         */
        void crossFully(int[] f, int n) {
            long fSig = 0;
            for (int k = 0; k < n; k++) {
                fSig |= 1L << (f[k] & 63);
            }
            for (int k = 0; k < n; k++) {
                int[] semis = byLast.list(f[k]);
                int size = byLast.size(f[k]);
                for (int j = 0; j < size; j++) {
                    int s = semis[j];
                    // The signature rules most semi-contexts out without reading their facts.
                    if ((sig[s] & ~fSig) == 0 && stamped(s)) {
                        active[s] = len[s];
                        remember(s);
                    }
                }
            }
        }

        /** True when every fact of semi-context {@code s} is in the current query. */
        private boolean stamped(int s) {
            for (int i = start[s], end = i + len[s]; i < end; i++) {
                if (stamp[pool[i]] != now) {
                    return false;
                }
            }
            return true;
        }

        /** True when every fact of semi-context {@code a} is a fact of semi-context {@code b}. */
        boolean subset(int a, int b) {
            if ((sig[a] & ~sig[b]) != 0 || len[a] > len[b]) {
                return false;
            }
            int j = start[b];
            int end = j + len[b];
            for (int i = start[a], ae = i + len[a]; i < ae; i++) {
                int x = pool[i];
                while (j < end && pool[j] < x) {
                    j++;
                }
                if (j == end || pool[j] != x) {
                    return false;
                }
            }
            return true;
        }

        /** True when {@code fact} is in the current query. */
        boolean inQuery(int fact) {
            return fact < stamp.length && stamp[fact] == now;
        }

        private void remember(int s) {
            if (crossedCount == crossed.length) {
                crossed = Arrays.copyOf(crossed, 2 * crossedCount);
            }
            crossed[crossedCount++] = s;
        }

        long bytes() {
            long b =
                    4L * pool.length
                            + 4L
                                    * (start.length
                                            + len.length
                                            + hash.length
                                            + entryCount.length
                                            + active.length)
                            + 8L * sig.length
                            + 4L * table.length
                            + 4L * crossed.length
                            + 4L * stamp.length
                            + 4L * entries.length;
            for (int s = 0; s < count; s++) {
                b += entries[s] == null ? 0 : 8L * entries[s].length;
            }
            return b + byFact.bytes() + byLast.bytes();
        }
    }

    /**
     * Direct-mapped memo of left crossings, within a fixed budget of context ids. Per slot: the
     * left semi-context crossed, how many contexts its fully matched left halves hold, and where
     * its contexts lie in the shared pools, grouped by right half (mask, end of the group); within
     * a group the most confirmed first, so that the top-k selection fills early and then mostly
     * rejects. A crossing is stored the second time it misses in its slot (one-off crossings of a
     * learning memory are not worth sorting); when a pool is full, everything is dropped and
     * refilled. A new context drops the crossings whose left half contains the new context's left
     * half, and only those.
     */
    private static final class CrossingCache {
        private final int[] key;
        private final int[] missed;
        private final int[] selected;
        private final int[] ctxStart;
        private final int[] groupStart;
        private final int[] groupCount;
        // Occupied slots (for invalidation and flushing without a scan of every slot) and their
        // positions.
        private final int[] occupied;
        private final int[] position;
        private int occupiedCount;
        private final int budget;
        private int[] ctxPool = new int[256];
        private int ctxUsed;
        private long[] groupMask = new long[16];
        private int[] groupEnd = new int[16];
        private int groupUsed;
        private long[] scratch = new long[64];

        CrossingCache(int budget) {
            this.budget = budget;
            int slots = slots(budget);
            key = new int[slots];
            Arrays.fill(key, NONE);
            missed = new int[slots];
            Arrays.fill(missed, NONE);
            selected = new int[slots];
            ctxStart = new int[slots];
            groupStart = new int[slots];
            groupCount = new int[slots];
            occupied = new int[slots];
            position = new int[slots];
        }

        private static int slots(int budget) {
            return Math.max(16, Math.min(4096, Integer.highestOneBit(Math.max(1, budget / 32))));
        }

        private static int groupBudget(int budget) {
            return Math.max(64, budget / 16);
        }

        /** Most bytes the arrays of a memo with this budget hold. */
        static long maxBytes(int budget) {
            return 4L * budget
                    + 12L * groupBudget(budget)
                    + 2L * budget
                    + 512
                    + 36L * slots(budget);
        }

        private int slot(int left) {
            return (left * 0x9E3779B9 >>> 16) & (key.length - 1);
        }

        /** The slot holding {@code left}'s crossing, or NONE. */
        int slotOf(int left) {
            int s = slot(left);
            return key[s] == left ? s : NONE;
        }

        /** A context with left half {@code l} was added: drops the crossings it belongs to. */
        void added(int l, LeftSemis lefts) {
            for (int i = occupiedCount - 1; i >= 0; i--) {
                int s = occupied[i];
                if (lefts.subset(l, key[s])) {
                    key[s] = NONE;
                    int last = occupied[--occupiedCount];
                    occupied[i] = last;
                    position[last] = i;
                }
            }
        }

        private void flush() {
            for (int i = 0; i < occupiedCount; i++) {
                key[occupied[i]] = NONE;
            }
            occupiedCount = 0;
            ctxUsed = 0;
            groupUsed = 0;
        }

        /**
         * Stores the current crossing of {@code lefts} (full matches only, {@code total} contexts)
         * as {@code left}'s.
         */
        void store(int left, int total, LeftSemis lefts, int[] ctxCount) {
            int s = slot(left);
            if (missed[s] != left) {
                missed[s] = left;
                return;
            }
            if (total > budget / 4) {
                return;
            }
            if (scratch.length < total) {
                scratch = new long[Math.min(budget / 4, Math.max(total, 2 * scratch.length))];
            }
            int n = 0;
            for (int c = 0; c < lefts.crossedCount; c++) {
                int l = lefts.crossed[c];
                long[] es = lefts.entries[l];
                for (int k = 0; k < lefts.entryCount[l]; k++) {
                    // (right mask, context): sorting groups the contexts by right half.
                    long e = es[k];
                    scratch[n++] = (e << 32) | (e >>> 32);
                }
            }
            Arrays.sort(scratch, 0, n);
            int groups = 0;
            for (int i = 0; i < n; i++) {
                groups += i == 0 || (scratch[i] >>> 32) != (scratch[i - 1] >>> 32) ? 1 : 0;
            }
            if (groups > groupBudget(budget)) {
                return;
            }
            if (ctxUsed + n > budget || groupUsed + groups > groupBudget(budget)) {
                flush();
            }
            ensureRoom(n, groups);
            if (key[s] == NONE) {
                position[s] = occupiedCount;
                occupied[occupiedCount++] = s;
            }
            key[s] = left;
            selected[s] = total;
            ctxStart[s] = ctxUsed;
            groupStart[s] = groupUsed;
            groupCount[s] = groups;
            int g = groupUsed - 1;
            for (int i = 0; i < n; i++) {
                long mask = scratch[i] >>> 32;
                if (g < groupUsed || groupMask[g] != mask) {
                    groupMask[++g] = mask;
                }
                groupEnd[g] = ctxUsed + i + 1;
            }
            // Within a group, the most confirmed first: (confirmations, id) descending.
            for (int k = groupUsed, from = 0; k < groupUsed + groups; k++) {
                int to = groupEnd[k] - ctxUsed;
                for (int i = from; i < to; i++) {
                    int ctx = (int) scratch[i];
                    scratch[i] = ~(((long) ctxCount[ctx] << 32) | ctx);
                }
                Arrays.sort(scratch, from, to);
                for (int i = from; i < to; i++) {
                    ctxPool[ctxUsed + i] = (int) ~scratch[i];
                }
                from = to;
            }
            ctxUsed += n;
            groupUsed += groups;
        }

        private void ensureRoom(int n, int groups) {
            if (ctxUsed + n > ctxPool.length) {
                ctxPool =
                        Arrays.copyOf(
                                ctxPool,
                                Math.min(budget, Math.max(ctxUsed + n, 2 * ctxPool.length)));
            }
            if (groupUsed + groups > groupMask.length) {
                int m =
                        Math.min(
                                groupBudget(budget),
                                Math.max(groupUsed + groups, 2 * groupMask.length));
                groupMask = Arrays.copyOf(groupMask, m);
                groupEnd = Arrays.copyOf(groupEnd, m);
            }
        }

        long bytes() {
            return 4L * ctxPool.length
                    + 12L * groupMask.length
                    + 8L * scratch.length
                    + 36L * key.length;
        }
    }

    /**
     * Candidate contexts of one step: left facts in a pool (filtered by the left crossing's query
     * when taken from a semi-context), right masks, and a scratch set to count the distinct ones.
     */
    private static final class Candidates implements Serializable {
        private static final long serialVersionUID = 1L;
        private int[] pool = new int[64];
        private int poolSize;
        private int[] start = new int[16];
        private int[] len = new int[16];
        private long[] mask = new long[16];
        private int count;
        // Hash (non-negative) of a candidate -> the first candidate with it.
        private final LongIntHashMap seen = new LongIntHashMap(16);

        void clear() {
            poolSize = 0;
            count = 0;
        }

        /**
         * Adds the facts {@code f[from, from + n)} that {@code query} holds (all when null) with
         * {@code right}.
         */
        void add(int[] f, int from, int n, LeftSemis query, long right) {
            if (count == start.length) {
                start = Arrays.copyOf(start, 2 * count);
                len = Arrays.copyOf(len, 2 * count);
                mask = Arrays.copyOf(mask, 2 * count);
            }
            if (poolSize + n > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(2 * pool.length, poolSize + n));
            }
            int m = 0;
            for (int k = from; k < from + n; k++) {
                if (query == null || query.inQuery(f[k])) {
                    pool[poolSize + m++] = f[k];
                }
            }
            start[count] = poolSize;
            len[count] = m;
            mask[count] = right;
            poolSize += m;
            count++;
        }

        /** Number of distinct (left facts, right mask) candidates. */
        int distinct() {
            seen.clear();
            int unique = 0;
            for (int i = 0; i < count; i++) {
                long h =
                        ((long) hash(pool, start[i], len[i], mask[i]) << 32 | mask[i])
                                & Long.MAX_VALUE;
                int j = seen.get(h, NONE);
                if (j < 0) {
                    seen.put(h, i, NONE);
                    unique++;
                } else if (!same(i, j) && !sameAsAnyBefore(i)) {
                    unique++;
                }
            }
            return unique;
        }

        private boolean same(int i, int j) {
            return mask[i] == mask[j] && sameFacts(pool, start[i], len[i], pool, start[j], len[j]);
        }

        private boolean sameAsAnyBefore(int i) {
            for (int j = 0; j < i; j++) {
                if (same(i, j)) {
                    return true;
                }
            }
            return false;
        }

        long bytes() {
            return 4L * pool.length + 16L * start.length + seen.arrayBytes();
        }
    }

    /** Growable int lists keyed by a small non-negative int. */
    private static final class IntLists implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final int[] EMPTY = new int[0];
        private int[][] lists = new int[64][];
        private int[] sizes = new int[64];

        void add(int key, int value) {
            if (key >= lists.length) {
                int n = Math.max(key + 1, 2 * lists.length);
                lists = Arrays.copyOf(lists, n);
                sizes = Arrays.copyOf(sizes, n);
            }
            if (lists[key] == null) {
                lists[key] = new int[4];
            } else if (sizes[key] == lists[key].length) {
                lists[key] = Arrays.copyOf(lists[key], 2 * sizes[key]);
            }
            lists[key][sizes[key]++] = value;
        }

        int[] list(int key) {
            return key < lists.length && lists[key] != null ? lists[key] : EMPTY;
        }

        int size(int key) {
            return key < sizes.length ? sizes[key] : 0;
        }

        long bytes() {
            long b = 12L * lists.length;
            for (int[] l : lists) {
                b += l == null ? 0 : 4L * l.length;
            }
            return b;
        }
    }
}
