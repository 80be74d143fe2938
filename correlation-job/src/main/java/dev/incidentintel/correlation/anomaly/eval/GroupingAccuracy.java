package dev.incidentintel.correlation.anomaly.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy as defined by the Loghub / logparser benchmark ({@code
 * evaluator.get_accuracy}): a line counts as correctly parsed when the set of lines sharing its
 * parsed template is exactly the set of lines sharing its ground-truth template. Labels are
 * compared only for equality, so template text does not matter, only the partition of lines.
 */
public final class GroupingAccuracy {
    private GroupingAccuracy() {}

    /**
     * Accuracy in [0, 1]; {@code truth} and {@code parsed} are per-line group labels, same length.
     */
    public static double of(List<String> truth, List<String> parsed) {
        if (truth.size() != parsed.size()) {
            throw new IllegalArgumentException(
                    "truth and parsed differ in length: " + truth.size() + " vs " + parsed.size());
        }
        if (truth.isEmpty()) {
            return 0.0;
        }
        Map<String, Integer> truthSize = new HashMap<>();
        for (String t : truth) {
            truthSize.merge(t, 1, Integer::sum);
        }
        // For each parsed group: its size and the single truth label it covers (or null when
        // mixed).
        Map<String, Integer> parsedSize = new HashMap<>();
        Map<String, String> parsedTruth = new HashMap<>();
        Map<String, Boolean> mixed = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            String p = parsed.get(i);
            parsedSize.merge(p, 1, Integer::sum);
            String prev = parsedTruth.putIfAbsent(p, truth.get(i));
            if (prev != null && !prev.equals(truth.get(i))) {
                mixed.put(p, true);
            }
        }
        long correct = 0;
        for (Map.Entry<String, Integer> e : parsedSize.entrySet()) {
            if (mixed.containsKey(e.getKey())) {
                continue;
            }
            if (truthSize.get(parsedTruth.get(e.getKey())).intValue() == e.getValue()) {
                correct += e.getValue();
            }
        }
        return (double) correct / truth.size();
    }
}
