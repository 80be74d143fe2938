package dev.incidentintel.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small synthetic ticket sets whose labels follow from their words, for fast training tests. */
final class Fixtures {
    static final String[] CATEGORIES = {"database", "network", "access"};
    private static final String[][] WORDS = {
        {"postgres", "replication", "lag", "query", "deadlock", "slow", "index", "vacuum"},
        {"vpn", "latency", "packet", "loss", "router", "dns", "timeout", "firewall"},
        {"password", "reset", "login", "account", "locked", "permission", "sso", "mfa"},
    };
    private static final String[] NOISE = {
        "please", "help", "urgent", "today", "user", "team", "issue", "thanks", "since", "morning"
    };

    private Fixtures() {}

    /** {@code n} tickets, class = i mod 3, with labels for category, team, impact and urgency. */
    static Data tickets(int n, long seed) {
        Random r = new Random(seed);
        List<TriageInput> in = new ArrayList<>();
        List<String> category = new ArrayList<>();
        List<String> team = new ArrayList<>();
        List<String> impact = new ArrayList<>();
        List<String> urgency = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            in.add(
                    TriageInput.ofText(
                            words(r, WORDS[c], 3) + " " + words(r, NOISE, 1),
                            words(r, WORDS[c], 4) + " " + words(r, NOISE, 4)));
            category.add(CATEGORIES[c]);
            team.add("team-" + CATEGORIES[c]);
            // database tickets are company-wide and urgent, access ones individual and not urgent.
            impact.add(c == 0 ? "high" : c == 1 ? "medium" : "low");
            urgency.add(c == 0 ? "high" : c == 1 ? "medium" : "low");
        }
        return new Data(
                in,
                Map.of("category", category, "team", team, "impact", impact, "urgency", urgency));
    }

    private static String words(Random r, String[] vocab, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
        }
        return sb.toString();
    }

    record Data(List<TriageInput> inputs, Map<String, List<String>> labels) {}
}
