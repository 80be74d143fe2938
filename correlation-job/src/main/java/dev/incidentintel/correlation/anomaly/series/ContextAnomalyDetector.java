package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contextual anomaly detector after Smirnov's CAD OSE (NAB's {@code contextOSE}), written from the
 * published description: each value is quantised into one of {@code 2^valueBits} buckets of the
 * series' range and encoded as {@code valueBits} sensor facts; a context is a pair (left semi-context:
 * the previous step's sensor facts plus the contexts that were active then, right semi-context: the
 * current sensor facts). Contexts whose left and right halves both match the stream become active and
 * feed the next step's left half (at most {@code maxActiveNeurons} of them); when the stream produces a
 * new zero-level context, partial matches of known contexts become candidate contexts too. The raw
 * score is the mean of the share of selected contexts that were not confirmed and the share of
 * candidate contexts that were new: a stream the memory predicts scores near 0.
 *
 * <p>Streaming and bounded: the range is learnt from the first {@code learnPoints} values, which are
 * buffered and replayed once the range is known (scores are 0 until then); the range is then widened
 * by {@code rangeMargin} of its width on both sides, and later values outside it are clamped into the
 * edge buckets. The context memory holds at most {@code maxContexts}
 * contexts (each semi-context belongs to at least one context, so at most as many semi-contexts per
 * side); once full, no context is added and the detector keeps scoring with what it knows. A score of
 * {@code suppressAbove} or more silences the output for the next {@code restPeriod} points, so one
 * event yields one detection. Not thread-safe; one instance per series.
 */
public final class ContextAnomalyDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ContextOptions options;
  private final int sensorFacts;
  private final double maxBin;
  private final int[][] sensorsOf;
  // Warm-up: the first values, replayed through the memory once the range is known.
  private double[] warmup;
  private int warmupCount;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double step;
  private int sinceAlarm = Integer.MAX_VALUE;

  // Semi-contexts per side (0 = left, 1 = right).
  private final Side[] sides = {new Side(), new Side()};
  // Contexts: id -> left semi-context, right semi-context, confirmations, zero-level flag.
  private int[] ctxLeft = new int[64];
  private int[] ctxRight = new int[64];
  private int[] ctxCount = new int[64];
  private boolean[] ctxZero = new boolean[64];
  private int contexts;
  private int newContextId = -1;
  private int[] leftFacts = new int[0];
  // Scratch space for the contexts a step confirms and the fully matched right halves (kept to spare
  // allocations per point).
  private int[] activeBuffer = new int[64];
  private int[] fullRightBuffer = new int[16];
  // (left semi-context, right semi-context) -> context.
  private final PairIndex pairs = new PairIndex();

  public ContextAnomalyDetector(ContextOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    this.options = options;
    this.sensorFacts = 2 * options.valueBits();
    this.maxBin = (1 << options.valueBits()) - 1;
    this.warmup = new double[options.learnPoints()];
    int bits = options.valueBits();
    this.sensorsOf = new int[1 << bits][bits];
    for (int bin = 0; bin < sensorsOf.length; bin++) {
      for (int b = 0; b < bits; b++) {
        // Most significant bit first: fact 2b is "bit b clear", 2b + 1 is "bit b set" (sorted by construction).
        sensorsOf[bin][b] = 2 * b + ((bin >> (bits - 1 - b)) & 1);
      }
    }
  }

  /** A detector for a series whose range [{@code min}, {@code max}] is known: it scores from the first value. */
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

  /** Learns {@code value} and returns its anomaly score in [0, 1] (0 while the range is learnt). */
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
      // Widened on both sides: later values beyond the learnt range still fall into distinct buckets.
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

  /** Number of contexts in memory (at most {@link ContextOptions#maxContexts()}). */
  public int contextCount() {
    return contexts;
  }

  /** Semi-contexts in memory, both sides together (at most twice the context cap). */
  public int semiContextCount() {
    return sides[0].count + sides[1].count;
  }

  private double suppress(double score) {
    // Silence after a strong score: the rest of the same event is not a new detection.
    boolean resting = sinceAlarm < options.restPeriod();
    sinceAlarm = score >= options.suppressAbove() ? 0 : (sinceAlarm == Integer.MAX_VALUE ? sinceAlarm : sinceAlarm + 1);
    return resting ? 0.0 : score;
  }

  private double raw(double value) {
    int bin = (int) Math.max(0, Math.min(maxBin, Math.floor((value - min) / step)));
    return step(sensorsOf[bin]);
  }

  private double step(int[] sensors) {
    boolean newZero = false;
    int[] zeroLeft = leftFacts;
    if (leftFacts.length > 0) {
      newZero = addZeroLevel(leftFacts, sensors);
    }
    sides[1].cross(sensors);
    // Cross the left halves with the previous step's facts. Partial matches only seed new contexts,
    // which happens only when this step created a zero-level context: otherwise full matches suffice.
    if (newZero) {
      sides[0].cross(zeroLeft);
    } else {
      sides[0].crossFully(zeroLeft);
    }
    List<int[][]> candidates = new ArrayList<>();
    int selected = 0;
    int[] active = activeBuffer;
    int activeCount = 0;
    Side left = sides[0];
    Side right = sides[1];
    if (!newZero) {
      // Every crossed left half matches fully and no context is new: look the contexts up from the few
      // fully matching right halves instead of walking every right half of every left half.
      int full = 0;
      int[] fullRights = fullRightBuffer;
      for (int c = 0; c < right.crossedCount; c++) {
        int r = right.crossed[c];
        if (right.active[r] == right.facts[r].length) {
          if (full == fullRights.length) {
            fullRights = Arrays.copyOf(fullRights, 2 * full);
            fullRightBuffer = fullRights;
          }
          fullRights[full++] = r;
        }
      }
      for (int c = 0; c < left.crossedCount; c++) {
        int l = left.crossed[c];
        selected += left.rightCount[l];
        for (int k = 0; k < full; k++) {
          int ctx = pairs.get(l, fullRights[k]);
          if (ctx >= 0) {
            ctxCount[ctx]++;
            if (activeCount == active.length) {
              active = Arrays.copyOf(active, 2 * activeCount);
              activeBuffer = active;
            }
            active[activeCount++] = ctx;
          }
        }
      }
    }
    for (int c = 0; newZero && c < left.crossedCount; c++) {
      int l = left.crossed[c];
      boolean leftFull = left.active[l] == left.facts[l].length;
      int[] rs = left.rights[l];
      int[] cs = left.ctxOfRight[l];
      for (int k = 0; k < left.rightCount[l]; k++) {
        int ctx = cs[k];
        if (ctx == newContextId) {
          continue;
        }
        int r = rs[k];
        int rActive = right.active[r];
        if (leftFull) {
          selected++;
          if (rActive > 0 && rActive == right.facts[r].length) {
            ctxCount[ctx]++;
            if (activeCount == active.length) {
              active = Arrays.copyOf(active, 2 * activeCount);
              activeBuffer = active;
            }
            active[activeCount++] = ctx;
            continue;
          }
        }
        if (rActive > 0 && ctxZero[ctx] && newZero && left.active[l] <= options.maxLeftFacts()) {
          candidates.add(new int[][] {left.activeFacts(l), right.activeFacts(r)});
        }
      }
    }
    newContextId = -1;
    double unconfirmed = selected > 0 ? 1.0 - (double) activeCount / selected : 1.0;

    leftFacts = nextLeftFacts(sensors, active, activeCount);
    int added = 0;
    for (int[][] cand : candidates) {
      added += addContext(cand[0], cand[1], false) ? 1 : 0;
    }
    double novel = 0.0;
    if (newZero) {
      int unique = distinct(candidates, zeroLeft, sensors);
      novel = (added + 1.0) / unique;
    }
    return (unconfirmed + novel) / 2.0;
  }

  /** Sensor facts plus the most confirmed active contexts (ties: the newer), sorted. */
  private int[] nextLeftFacts(int[] sensors, int[] active, int activeCount) {
    int keep = Math.min(activeCount, options.maxActiveNeurons());
    if (activeCount > keep && keep > 0) {
      // The keep largest (confirmations, id) pairs packed in a long, kept in descending order by
      // insertion: cheaper than sorting all active contexts, and ids make every key distinct.
      long[] top = new long[keep];
      int filled = 0;
      for (int i = 0; i < activeCount; i++) {
        long key = ((long) ctxCount[active[i]] << 32) | active[i];
        if (filled == keep && key <= top[keep - 1]) {
          continue;
        }
        int j = filled < keep ? filled++ : keep - 1;
        while (j > 0 && top[j - 1] < key) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = key;
      }
      for (int i = 0; i < keep; i++) {
        active[i] = (int) top[i];
      }
    }
    int[] out = new int[sensors.length + keep];
    System.arraycopy(sensors, 0, out, 0, sensors.length);
    for (int i = 0; i < keep; i++) {
      // Context facts follow the sensor facts in one id space.
      out[sensors.length + i] = sensorFacts + active[i];
    }
    Arrays.sort(out);
    return out;
  }

  private static int distinct(List<int[][]> candidates, int[] zeroLeft, int[] zeroRight) {
    Map<Key, Boolean> seen = new HashMap<>();
    seen.put(new Key(zeroLeft, zeroRight), Boolean.TRUE);
    for (int[][] c : candidates) {
      seen.put(new Key(c[0], c[1]), Boolean.TRUE);
    }
    return seen.size();
  }

  /** Adds the zero-level context (left, right) or marks it zero-level; true when it is new. */
  private boolean addZeroLevel(int[] left, int[] right) {
    int l = sides[0].idOf(left, contexts < options.maxContexts());
    int r = sides[1].idOf(right, contexts < options.maxContexts());
    if (l < 0 || r < 0) {
      return false;
    }
    int existing = pairs.get(l, r);
    if (existing >= 0) {
      ctxZero[existing] = true;
      return false;
    }
    if (contexts >= options.maxContexts()) {
      return false;
    }
    newContextId = newContext(l, r, true);
    return true;
  }

  private boolean addContext(int[] left, int[] right, boolean zero) {
    if (contexts >= options.maxContexts()) {
      return false;
    }
    int l = sides[0].idOf(left, true);
    int r = sides[1].idOf(right, true);
    if (pairs.get(l, r) >= 0) {
      return false;
    }
    newContext(l, r, zero);
    return true;
  }

  private int newContext(int l, int r, boolean zero) {
    int id = contexts++;
    if (id == ctxLeft.length) {
      int n = Math.min(2 * id, options.maxContexts());
      ctxLeft = Arrays.copyOf(ctxLeft, n);
      ctxRight = Arrays.copyOf(ctxRight, n);
      ctxCount = Arrays.copyOf(ctxCount, n);
      ctxZero = Arrays.copyOf(ctxZero, n);
    }
    ctxLeft[id] = l;
    ctxRight[id] = r;
    ctxZero[id] = zero;
    sides[0].link(l, r, id);
    pairs.put(l, r, id);
    return id;
  }

  /**
   * A pair of sorted fact sets used as a map key (a plain class rather than a record, so that
   * field-based serializers such as Flink's Kryo fallback can restore it).
   */
  private static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] left;
    private final int[] right;

    Key(int[] left, int[] right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(left, k.left) && Arrays.equals(right, k.right);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(left) + Arrays.hashCode(right);
    }
  }

  /** One side's semi-contexts: their facts, the index fact -> semi-contexts, and the current crossing. */
  private static final class Side implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Key, Integer> ids = new HashMap<>();
    private int[][] facts = new int[64][];
    // One bit per fact modulo 64: a semi-context is inside a fact set only if its bits are.
    private long[] sig = new long[64];
    private int[] active = new int[64];
    private int count;
    // Left side only: right semi-context -> context.
    private int[][] rights = new int[64][];
    private int[][] ctxOfRight = new int[64][];
    private int[] rightCount = new int[64];
    // fact -> semi-contexts holding it; largest fact -> semi-contexts whose largest fact it is.
    private final IntLists byFact = new IntLists();
    private final IntLists byLast = new IntLists();
    private int[] crossed = new int[64];
    private int crossedCount;
    private static final int[] NONE = new int[0];
    private int[] lastCrossing = NONE;

    int idOf(int[] f, boolean mayAdd) {
      Key key = new Key(f, NONE);
      Integer id = ids.get(key);
      if (id != null) {
        return id;
      }
      if (!mayAdd) {
        return -1;
      }
      int s = count++;
      if (s == facts.length) {
        facts = Arrays.copyOf(facts, 2 * s);
        sig = Arrays.copyOf(sig, 2 * s);
        active = Arrays.copyOf(active, 2 * s);
        rights = Arrays.copyOf(rights, 2 * s);
        ctxOfRight = Arrays.copyOf(ctxOfRight, 2 * s);
        rightCount = Arrays.copyOf(rightCount, 2 * s);
      }
      facts[s] = f.clone();
      sig[s] = signature(f);
      ids.put(new Key(facts[s], NONE), s);
      for (int fact : f) {
        byFact.add(fact, s);
      }
      // Facts are sorted: the last is the rarest (a context fact when there is one).
      byLast.add(f.length == 0 ? 0 : f[f.length - 1], s);
      return s;
    }

    void link(int l, int r, int ctx) {
      if (rights[l] == null) {
        rights[l] = new int[2];
        ctxOfRight[l] = new int[2];
      } else if (rightCount[l] == rights[l].length) {
        rights[l] = Arrays.copyOf(rights[l], 2 * rightCount[l]);
        ctxOfRight[l] = Arrays.copyOf(ctxOfRight[l], 2 * rightCount[l]);
      }
      rights[l][rightCount[l]] = r;
      ctxOfRight[l][rightCount[l]++] = ctx;
    }

    /** Counts, per semi-context, how many of {@code f} it holds; remembers those with any. */
    void cross(int[] f) {
      reset(f);
      for (int fact : f) {
        int[] semis = byFact.list(fact);
        for (int k = 0; k < byFact.size(fact); k++) {
          int s = semis[k];
          if (active[s]++ == 0) {
            remember(s);
          }
        }
      }
      // Creation order, so that candidate contexts (and their ids) do not depend on hash order.
      Arrays.sort(crossed, 0, crossedCount);
    }

    /**
     * Like {@link #cross} but finds only the semi-contexts that {@code f} (sorted) holds entirely, through
     * their largest fact: much cheaper, and all a step needs when it creates no context.
     */
    void crossFully(int[] f) {
      reset(f);
      long fSig = signature(f);
      for (int fact : f) {
        int[] semis = byLast.list(fact);
        for (int k = 0; k < byLast.size(fact); k++) {
          int s = semis[k];
          // The signature rules most semi-contexts out without comparing their facts.
          if ((sig[s] & ~fSig) == 0 && contains(f, facts[s])) {
            active[s] = facts[s].length;
            remember(s);
          }
        }
      }
      Arrays.sort(crossed, 0, crossedCount);
    }

    private void reset(int[] f) {
      lastCrossing = f;
      for (int c = 0; c < crossedCount; c++) {
        active[crossed[c]] = 0;
      }
      crossedCount = 0;
    }

    private void remember(int s) {
      if (crossedCount == crossed.length) {
        crossed = Arrays.copyOf(crossed, 2 * crossedCount);
      }
      crossed[crossedCount++] = s;
    }

    private static long signature(int[] f) {
      long out = 0;
      for (int fact : f) {
        out |= 1L << (fact & 63);
      }
      return out;
    }

    /** True when sorted {@code all} contains every element of sorted {@code part}. */
    private static boolean contains(int[] all, int[] part) {
      int i = 0;
      for (int x : part) {
        while (i < all.length && all[i] < x) {
          i++;
        }
        if (i == all.length || all[i] != x) {
          return false;
        }
      }
      return true;
    }

    /** Facts of semi-context {@code s} present in the last crossing, sorted. */
    int[] activeFacts(int s) {
      int[] out = new int[active[s]];
      int n = 0;
      for (int fact : facts[s]) {
        if (crossedFact(fact)) {
          out[n++] = fact;
        }
      }
      return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private boolean crossedFact(int fact) {
      return Arrays.binarySearch(lastCrossing, fact) >= 0;
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
  }

  /** Open-addressing map from a pair of non-negative ints to a non-negative int (-1: absent). */
  private static final class PairIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] keys = new long[64];
    private int[] values = new int[64];
    private int size;

    PairIndex() {
      Arrays.fill(keys, -1L);
    }

    int get(int a, int b) {
      long key = ((long) a << 32) | b;
      int mask = keys.length - 1;
      for (int i = slot(key, mask); ; i = (i + 1) & mask) {
        if (keys[i] == key) {
          return values[i];
        }
        if (keys[i] == -1L) {
          return -1;
        }
      }
    }

    void put(int a, int b, int value) {
      if (2 * (size + 1) > keys.length) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[2 * oldKeys.length];
        values = new int[keys.length];
        Arrays.fill(keys, -1L);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] != -1L) {
            insert(oldKeys[i], oldValues[i]);
          }
        }
      }
      insert(((long) a << 32) | b, value);
    }

    private void insert(long key, int value) {
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (keys[i] != -1L && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == -1L) {
        size++;
      }
      keys[i] = key;
      values[i] = value;
    }

    private static int slot(long key, int mask) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }
  }
}
