package dev.incidentintel.correlation.triage;

import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.ProgressListener;
import dev.incidentintel.triage.TrainingSet;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.TriageTrainer;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * A small triage model for the job's tests, trained with the real trainer on generated tickets:
 * database and network tickets have a fixed category, team, impact and urgency; storage tickets a
 * fixed category and team but random impact/urgency, medium or low (so their priority is
 * uncertain); vague tickets ("please help") a random category and team, so the calibrator learns
 * that low scores are often wrong and the model abstains on text it does not know.
 */
public final class TriageFixture {
    /** Words of each kind and its labels: category, team, impact, urgency ("?" = random). */
    private static final String[][] KINDS = {
        {"postgres replication lag deadlock vacuum index", "database", "team-db", "high", "high"},
        {"vpn packet loss router dns latency", "network", "team-net", "medium", "medium"},
        {"disk full volume inode mount quota", "storage", "team-storage", "?", "?"},
        {"please help issue thanks today question", "?", "?", "low", "low"},
    };

    /** The random impact/urgency of storage tickets. */
    private static final String[] LEVELS = {"medium", "low"};

    private TriageFixture() {}

    /** Trains on 40 tickets of each kind (about a second). */
    public static TriageModel train() {
        Random r = new Random(11);
        TrainingSet set = new TrainingSet();
        for (int i = 0; i < 160; i++) {
            String[] kind = KINDS[i % KINDS.length];
            String[] words = kind[0].split(" ");
            StringBuilder title = new StringBuilder();
            for (int w = 0; w < 3; w++) {
                title.append(words[r.nextInt(words.length)]).append(' ');
            }
            int other = r.nextInt(3);
            set.add(
                    TriageInput.ofText(title.toString().trim(), ""),
                    Map.of(
                            "category", kind[1].equals("?") ? KINDS[other][1] : kind[1],
                            "team", kind[2].equals("?") ? KINDS[other][2] : kind[2],
                            "impact", kind[3].equals("?") ? LEVELS[r.nextInt(2)] : kind[3],
                            "urgency", kind[4].equals("?") ? LEVELS[r.nextInt(2)] : kind[4]));
        }
        Properties p = new Properties();
        p.setProperty("triage.folds", "4");
        p.setProperty("triage.hash_bits", "12");
        p.setProperty("triage.candidates", "logistic");
        return new TriageTrainer(Options.of(p), ProgressListener.NONE)
                .train(set.inputs(), set.trainableLabels());
    }
}
