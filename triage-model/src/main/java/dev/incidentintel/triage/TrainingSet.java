package dev.incidentintel.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Training rows gathered from several sources (ticket files, incident history), each with labels
 * for some targets only: a row without a label for a target gets "" there, which {@link
 * TriageTrainer} skips for that target. Not thread-safe; build it, then hand {@link #inputs()} and
 * {@link #trainableLabels()} to the trainer.
 */
public final class TrainingSet {
    private final List<TriageInput> inputs = new ArrayList<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();

    /** Adds one row; {@code rowLabels} maps target name to label (null or blank: no label). */
    public void add(TriageInput input, Map<String, String> rowLabels) {
        // Targets in order of first appearance, by name within one row: the order feeds the
        // training-data
        // hash, so it must not depend on the caller's map type (Map.of iterates in a per-JVM
        // order).
        for (String target : new TreeSet<>(rowLabels.keySet())) {
            // A target first seen now has no label on the rows added before.
            labels.computeIfAbsent(
                    target, k -> new ArrayList<>(Collections.nCopies(inputs.size(), "")));
        }
        inputs.add(input);
        for (Map.Entry<String, List<String>> e : labels.entrySet()) {
            String l = rowLabels.get(e.getKey());
            e.getValue().add(l == null ? "" : l.trim());
        }
    }

    public List<TriageInput> inputs() {
        return List.copyOf(inputs);
    }

    /** How many rows carry a label for each target. */
    public Map<String, Integer> labelledRows() {
        Map<String, Integer> out = new LinkedHashMap<>();
        labels.forEach((t, l) -> out.put(t, (int) l.stream().filter(s -> !s.isEmpty()).count()));
        return out;
    }

    /**
     * Targets with at least two distinct labels (a classifier needs two classes), with their
     * labels.
     */
    public Map<String, List<String>> trainableLabels() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        labels.forEach(
                (t, l) -> {
                    Set<String> classes = new HashSet<>(l);
                    classes.remove("");
                    if (classes.size() >= 2) {
                        out.put(t, List.copyOf(l));
                    }
                });
        return out;
    }
}
