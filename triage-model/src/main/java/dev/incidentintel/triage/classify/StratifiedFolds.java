package dev.incidentintel.triage.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded stratified fold assignment: each class's rows are shuffled and dealt round-robin, starting
 * where the previous class stopped, so every fold gets a share of every class with at least {@code
 * folds} rows and fold sizes differ by at most one.
 */
public final class StratifiedFolds {
    private StratifiedFolds() {}

    /** Fold number of each row, in {@code [0, folds)}. */
    public static int[] assign(int[] y, int k, int folds, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        Random rnd = new Random(seed);
        int[] fold = new int[y.length];
        int next = 0;
        for (List<Integer> rows : byClass) {
            Collections.shuffle(rows, rnd);
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
