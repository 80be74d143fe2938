package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Open-addressing hash map from non-negative {@code long} keys to {@code int} values, without
 * boxing: two parallel arrays (linear probing, at most half full, sizes a power of two). Entries
 * are never removed one by one, only all together ({@link #clear()}), which keeps probing simple.
 * Used for the context detector's (left semi-context, right semi-context) index and its scratch
 * sets. Not thread-safe.
 */
public final class LongIntHashMap implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] values;
    private int size;

    /** An empty map with room for {@code expected} entries before it grows. */
    public LongIntHashMap(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must not be negative, was " + expected);
        }
        int capacity = Integer.highestOneBit(Math.max(4, 2 * expected - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
    }

    /** The value of {@code key}, or {@code missing} when the map has none. */
    public int get(long key, int missing) {
        int i = indexOf(key);
        return i < 0 ? missing : values[i];
    }

    /** True when {@code key} has a value. */
    public boolean containsKey(long key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /**
     * Sets the value of {@code key} (a non-negative long); returns the previous value or {@code
     * missing}.
     */
    public int put(long key, int value, int missing) {
        if (key < 0) {
            throw new IllegalArgumentException("keys must not be negative, was " + key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                int previous = values[i];
                values[i] = value;
                return previous;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return missing;
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    /** Removes every entry; keeps the arrays (for scratch maps reused per step). */
    public void clear() {
        if (size > 0) {
            Arrays.fill(keys, EMPTY);
            size = 0;
        }
    }

    /** Bytes held by the two arrays (what a full map of this capacity costs, headers left out). */
    public long arrayBytes() {
        return 12L * keys.length;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[2 * oldKeys.length];
        values = new int[keys.length];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
