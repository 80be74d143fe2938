package dev.incidentintel.benchmarks.scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a grouping of alert occurrences into incidents against the true episodes. Pure.
 *
 * <ul>
 *   <li>noise reduction = 1 - incidents / notifications received (every notification counts,
 *       repeats and resolves included, as in docs/METRICS.md#noise);
 *   <li>pairwise precision = of the pairs of occurrences placed in one incident, the share that
 *       belong to one episode; recall = of the pairs in one episode, the share placed in one
 *       incident; F1 their harmonic mean (1 when there are no pairs to get wrong);
 *   <li>episodes split: episodes whose occurrences are spread over more than one incident;
 *       incidents merged: incidents holding occurrences of more than one episode;
 *   <li>suspect precision@1: of the episodes caused by a bad deploy, the share whose incident (the
 *       one holding the episode's first occurrence) names that deploy as its top suspect.
 * </ul>
 */
public final class CorrelationMetrics {
    /** Prefix of the incident ids given to occurrences the job linked to no incident. */
    public static final String UNLINKED = "unlinked:";

    private CorrelationMetrics() {}

    /**
     * The figures.
     *
     * @param notifications notifications received
     * @param incidents incidents the job made
     * @param noiseReduction 1 - incidents / notifications
     * @param occurrences alert occurrences scored
     * @param unlinked occurrences the job linked to no incident (each counted as its own incident
     *     in the pairwise figures)
     * @param episodes true episodes
     * @param precision pairwise precision
     * @param recall pairwise recall
     * @param f1 pairwise F1
     * @param episodesSplit episodes spread over more than one incident
     * @param incidentsMerged incidents holding more than one episode
     * @param badDeployEpisodes episodes caused by a bad deploy
     * @param suspectHits of those, the ones whose incident's top suspect is the bad deploy
     * @param suspectPrecisionAt1 suspectHits / badDeployEpisodes (NaN without bad deploys)
     */
    public record Report(
            long notifications,
            long incidents,
            double noiseReduction,
            int occurrences,
            int unlinked,
            int episodes,
            double precision,
            double recall,
            double f1,
            int episodesSplit,
            int incidentsMerged,
            int badDeployEpisodes,
            int suspectHits,
            double suspectPrecisionAt1) {}

    /** 1 - incidents / notifications; NaN without notifications. */
    public static double noiseReduction(long incidents, long notifications) {
        return notifications == 0 ? Double.NaN : 1.0 - (double) incidents / notifications;
    }

    /**
     * Assigns each occurrence to the incident the job linked its fingerprint to most recently at or
     * before its start: the job links an alert once, when its first occurrence opens or joins an
     * incident; a later occurrence of the same fingerprint (a flap, a re-fire within the reopen
     * window) stays in that incident, and one the job saw as new got a link of its own. Occurrences
     * without such a link get {@code unlinked:<fingerprint>@<start>}.
     */
    public static Map<Occurrence, String> assign(
            Collection<Occurrence> occurrences, Collection<IncidentLink> links) {
        Map<String, List<IncidentLink>> byFingerprint = new HashMap<>();
        for (IncidentLink l : links) {
            byFingerprint.computeIfAbsent(l.fingerprint(), k -> new ArrayList<>()).add(l);
        }
        Map<Occurrence, String> out = new HashMap<>();
        for (Occurrence o : occurrences) {
            IncidentLink best = null;
            for (IncidentLink l : byFingerprint.getOrDefault(o.fingerprint(), List.of())) {
                if (!l.linkedAt().isAfter(o.startsAt())
                        && (best == null || l.linkedAt().isAfter(best.linkedAt()))) {
                    best = l;
                }
            }
            out.put(
                    o,
                    best != null
                            ? best.incidentId()
                            : UNLINKED + o.fingerprint() + "@" + o.startsAt());
        }
        return out;
    }

    /**
     * Scores {@code incidentOf} (occurrence to incident id, see {@link #assign}) against {@code
     * episodeOf} (occurrence to episode id). Only occurrences of {@code episodeOf} are scored.
     *
     * @param badDeploys episode id to the bad deploy's {@code service@version}
     * @param firstOccurrence episode id to its earliest occurrence
     * @param topSuspect incident id to its top suspect deploy {@code service@version} (absent:
     *     none)
     */
    public static Report score(
            Map<Occurrence, String> episodeOf,
            Map<Occurrence, String> incidentOf,
            long incidents,
            long notifications,
            Map<String, String> badDeploys,
            Map<String, Occurrence> firstOccurrence,
            Map<String, String> topSuspect) {
        Map<String, Map<String, Long>> cells = new HashMap<>(); // episode -> incident -> count
        Map<String, Long> perIncident = new HashMap<>();
        Map<String, Set<String>> episodesPerIncident = new HashMap<>();
        int unlinked = 0;
        for (Map.Entry<Occurrence, String> e : episodeOf.entrySet()) {
            String incident = incidentOf.get(e.getKey());
            if (incident == null || incident.startsWith(UNLINKED)) {
                unlinked++;
                incident = UNLINKED + e.getKey().fingerprint() + "@" + e.getKey().startsAt();
            }
            cells.computeIfAbsent(e.getValue(), k -> new HashMap<>())
                    .merge(incident, 1L, Long::sum);
            perIncident.merge(incident, 1L, Long::sum);
            episodesPerIncident.computeIfAbsent(incident, k -> new HashSet<>()).add(e.getValue());
        }
        long together = 0;
        long truePairs = 0;
        int split = 0;
        for (Map<String, Long> row : cells.values()) {
            long size = 0;
            for (long n : row.values()) {
                together += pairs(n);
                size += n;
            }
            truePairs += pairs(size);
            if (row.size() > 1) {
                split++;
            }
        }
        long predictedPairs = 0;
        for (long n : perIncident.values()) {
            predictedPairs += pairs(n);
        }
        int merged = (int) episodesPerIncident.values().stream().filter(s -> s.size() > 1).count();
        double precision = predictedPairs == 0 ? 1.0 : (double) together / predictedPairs;
        double recall = truePairs == 0 ? 1.0 : (double) together / truePairs;
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);

        int hits = 0;
        for (Map.Entry<String, String> bad : badDeploys.entrySet()) {
            Occurrence first = firstOccurrence.get(bad.getKey());
            String incident = first == null ? null : incidentOf.get(first);
            if (incident != null && bad.getValue().equals(topSuspect.get(incident))) {
                hits++;
            }
        }
        return new Report(
                notifications,
                incidents,
                noiseReduction(incidents, notifications),
                episodeOf.size(),
                unlinked,
                cells.size(),
                precision,
                recall,
                f1,
                split,
                merged,
                badDeploys.size(),
                hits,
                badDeploys.isEmpty() ? Double.NaN : (double) hits / badDeploys.size());
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }
}
