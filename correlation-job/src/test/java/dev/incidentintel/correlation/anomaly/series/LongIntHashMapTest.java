package dev.incidentintel.correlation.anomaly.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

    @Test
    void agreesWithHashMapOnRandomOperations() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 20; round++) {
            LongIntHashMap map = new LongIntHashMap(rnd.nextInt(10));
            Map<Long, Integer> reference = new HashMap<>();
            // Narrow key ranges force repeated keys and long probe chains; wide ones force growth.
            long keyRange = round % 2 == 0 ? 500 : Long.MAX_VALUE;
            for (int op = 0; op < 20_000; op++) {
                long key = rnd.nextLong(keyRange);
                int kind = rnd.nextInt(100);
                if (kind < 50) {
                    int value = rnd.nextInt();
                    Integer previous = reference.put(key, value);
                    assertEquals(
                            previous == null ? -7 : previous,
                            map.put(key, value, -7),
                            "put " + key);
                } else if (kind < 99) {
                    assertEquals(reference.getOrDefault(key, -7), map.get(key, -7), "get " + key);
                    assertEquals(
                            reference.containsKey(key), map.containsKey(key), "contains " + key);
                } else {
                    reference.clear();
                    map.clear();
                }
                assertEquals(reference.size(), map.size());
            }
            for (Map.Entry<Long, Integer> e : reference.entrySet()) {
                assertEquals(e.getValue(), map.get(e.getKey(), -7), "final " + e.getKey());
            }
        }
    }

    @Test
    void keysWithTheSameLowBitsAllStayReachable() {
        LongIntHashMap map = new LongIntHashMap(0);
        for (int i = 0; i < 5000; i++) {
            map.put((long) i << 32, i, -1);
        }
        for (int i = 0; i < 5000; i++) {
            assertEquals(i, map.get((long) i << 32, -1));
        }
        assertEquals(-1, map.get(5000L << 32, -1));
    }

    @Test
    void rejectsNegativeKeysAndCapacities() {
        LongIntHashMap map = new LongIntHashMap(4);
        assertThrows(IllegalArgumentException.class, () -> map.put(-1L, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LongIntHashMap(-1));
    }
}
