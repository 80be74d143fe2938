package dev.incidentintel.triage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * A small model for the tests of the modules that use triage (API, job) and for trying the API by
 * hand: 90 generated tickets of three kinds (database, network, access), each with its own words,
 * team and impact/urgency, trained with the real trainer in about a second.
 */
public final class SampleModel {
    private static final String[][] KINDS = {
        {
            "database",
            "team-db",
            "high",
            "high",
            "postgres replication lag deadlock query slow vacuum index"
        },
        {
            "network",
            "team-net",
            "medium",
            "medium",
            "vpn packet loss router dns timeout latency switch"
        },
        {
            "access",
            "team-iam",
            "low",
            "low",
            "password reset account locked login mfa token expired"
        },
    };

    private SampleModel() {}

    /** Trains the sample model and saves it to {@code dir}; see {@link #train(String)}. */
    public static void trainInto(Path dir, String prefix) {
        train(prefix).save(dir);
    }

    /**
     * Trains on the 90 sample tickets; {@code prefix} is put before every category label, so two
     * models can be told apart by their answers.
     */
    public static TriageModel train(String prefix) {
        Random rnd = new Random(7);
        List<TriageInput> inputs = new ArrayList<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String t : List.of("category", "team", "impact", "urgency")) {
            labels.put(t, new ArrayList<>());
        }
        for (int i = 0; i < 90; i++) {
            String[] kind = KINDS[i % KINDS.length];
            String[] words = kind[4].split(" ");
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 5; w++) {
                body.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            inputs.add(
                    TriageInput.ofText(
                            words[rnd.nextInt(words.length)] + " issue", body.toString()));
            labels.get("category").add(prefix + kind[0]);
            labels.get("team").add(kind[1]);
            labels.get("impact").add(kind[2]);
            labels.get("urgency").add(kind[3]);
        }
        Properties p = new Properties();
        p.setProperty("triage.folds", "3");
        p.setProperty("triage.hash_bits", "12");
        p.setProperty("triage.candidates", "logistic,maxent,random_forest");
        p.setProperty("triage.forest.trees", "10");
        return new TriageTrainer(Options.of(p), ProgressListener.NONE).train(inputs, labels);
    }
}
