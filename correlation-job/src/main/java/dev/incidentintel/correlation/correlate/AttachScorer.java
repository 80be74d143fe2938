package dev.incidentintel.correlation.correlate;

import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores how well a new alert fits an open incident of its scope. Pure. Components, each in (0, 1]:
 *
 * <ul>
 *   <li>time and topology, measured against the <em>nearest member</em>: among the incident's
 *       latest member starts, the one maximising the weighted time and topology terms, where time =
 *       0.5 ^ (|start difference| / half-life) and topology = 0.5 ^ hops on the shortest topology
 *       path between the two services ({@value #UNCONNECTED_HOPS} hops when both are known but not
 *       connected; not measured when either is unknown to the topology). A cascade raises each
 *       alert shortly after an alert of the same or a neighbouring service, so this pair is what
 *       tells a cascade from unrelated trouble that merely overlaps in time;
 *   <li>service: 1 when the incident already has the alert's service, else 0.5;
 *   <li>labels: 0.5 + 0.5 * Jaccard of the key=value pairs of the compared labels, alert vs
 *       incident (all members); not measured when neither side has any;
 *   <li>text: 0.5 + 0.5 * the best token Jaccard between the alert's normalised name and a member's
 *       (camel case and punctuation split, lower case, digits dropped).
 * </ul>
 *
 * The score is the weighted geometric mean of the measured components, exp(sum w ln c / sum w):
 * every halving of a component costs the same, so with time and topology weighted equally one hop
 * costs as much as one half-life of start difference. The stored components are these values (plus
 * the raw gap, hops and Jaccard similarities).
 */
public final class AttachScorer {
    /** Hops assumed between two known services with no path between them. */
    public static final int UNCONNECTED_HOPS = 8;

    private final AttachOptions options;

    public AttachScorer(AttachOptions options) {
        this.options = options;
    }

    public AttachOptions options() {
        return options;
    }

    /** The score of {@code alert} against {@code incident} under {@code topology}. */
    public AttachScore score(AlertEvent alert, OpenIncident incident, ServiceTopology topology) {
        double halfLifeSeconds = options.timeHalfLife().toMillis() / 1000.0;
        double gapSeconds = Double.NaN;
        int hops = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        boolean alertKnown = topology.knows(alert.service());
        boolean topologyMeasured = false;
        for (OpenIncident.RecentStart m : incident.recentStarts()) {
            double gap =
                    Math.abs(Duration.between(m.startsAt(), alert.startsAt()).toMillis()) / 1000.0;
            int h = hops(topology, alert.service(), m.service(), alertKnown);
            // Halvings lost, weighted: the member with the fewest is the nearest.
            double cost =
                    options.timeWeight() * gap / halfLifeSeconds
                            + (h < 0 ? 0 : options.topologyWeight() * h);
            if (cost < bestCost) {
                bestCost = cost;
                gapSeconds = gap;
                hops = h;
                topologyMeasured = h >= 0;
            }
        }
        if (Double.isNaN(gapSeconds)) { // no member start recorded (state from an older version)
            gapSeconds =
                    gap(alert.startsAt(), incident.impactStart(), incident.lastStart()).toMillis()
                            / 1000.0;
        }
        double time = Math.pow(0.5, gapSeconds / halfLifeSeconds);
        double topo = topologyMeasured ? Math.pow(0.5, hops) : Double.NaN;
        double service = incident.services().contains(alert.service()) ? 1.0 : 0.5;
        double labelSimilarity = jaccard(labelPairs(alert.labels()), incident.labelPairs());
        double labels = Double.isNaN(labelSimilarity) ? Double.NaN : 0.5 + 0.5 * labelSimilarity;
        double textSimilarity = bestTextSimilarity(alert.name(), incident.names());
        double text = 0.5 + 0.5 * textSimilarity;
        double logSum = 0;
        double weights = 0;
        double[][] parts = {
            {time, options.timeWeight()},
            {service, options.serviceWeight()},
            {topo, options.topologyWeight()},
            {labels, options.labelWeight()},
            {text, options.textWeight()}
        };
        for (double[] p : parts) {
            if (!Double.isNaN(p[0]) && p[1] > 0) {
                logSum += p[1] * Math.log(Math.max(p[0], Double.MIN_NORMAL));
                weights += p[1];
            }
        }
        double score = weights == 0 ? 0.0 : Math.exp(logSum / weights);
        return new AttachScore(
                score,
                time,
                service,
                topo,
                labels,
                text,
                gapSeconds,
                topologyMeasured ? hops : -1,
                labelSimilarity,
                textSimilarity);
    }

    /**
     * Effective hops from an alert's service to a member's: along the dependency chain when the
     * alert's service (transitively) depends on the member's (a failure spreading to callers),
     * otherwise the undirected distance plus one; {@value #UNCONNECTED_HOPS} when both are known
     * but not connected, -1 when either is unknown.
     */
    static int hops(
            ServiceTopology topology, String service, String memberService, boolean serviceKnown) {
        OptionalInt down = topology.dependencyDistance(service, memberService);
        if (down.isPresent()) {
            return down.getAsInt();
        }
        OptionalInt any = topology.distance(service, memberService);
        if (any.isPresent()) {
            return any.getAsInt() + 1;
        }
        return serviceKnown && topology.knows(memberService) ? UNCONNECTED_HOPS : -1;
    }

    /** The compared labels of an alert as key=value pairs. */
    Set<String> labelPairs(Map<String, String> labels) {
        Set<String> pairs = new TreeSet<>();
        for (String key : options.labelKeys()) {
            String v = labels.get(key);
            if (v != null && !v.isBlank()) {
                pairs.add(key + "=" + v);
            }
        }
        return pairs;
    }

    /** How far {@code t} lies outside [from, to]; zero inside. */
    static Duration gap(Instant t, Instant from, Instant to) {
        if (t.isAfter(to)) {
            return Duration.between(to, t);
        }
        if (t.isBefore(from)) {
            return Duration.between(t, from);
        }
        return Duration.ZERO;
    }

    /** |a ∩ b| / |a ∪ b|; NaN when both are empty. */
    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return Double.NaN;
        }
        int common = 0;
        for (String x : a) {
            if (b.contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    static double bestTextSimilarity(String name, Collection<String> names) {
        Set<String> mine = tokens(name);
        double best = 0;
        for (String other : names) {
            double j = jaccard(mine, tokens(other));
            if (!Double.isNaN(j) && j > best) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Normalised tokens of an alert name: {@code HighLatencyP99} -> {high, latency, p}. Words are
     * runs of ASCII letters and digits; a word splits where a lower-case letter meets an upper-case
     * one and before the last capital of a capital run followed by a lower-case letter ({@code
     * HTTPServer} -> http, server); digits are dropped. Written as a loop rather than regular
     * expressions: it runs for every candidate of every alert.
     */
    public static Set<String> tokens(String name) {
        Set<String> out = new HashSet<>();
        StringBuilder part = new StringBuilder();
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c)) {
                flush(part, out);
                continue;
            }
            if (i > 0 && isUpper(c)) {
                char prev = name.charAt(i - 1);
                boolean camel =
                        isLower(prev)
                                || (isUpper(prev) && i + 1 < n && isLower(name.charAt(i + 1)));
                if (camel) {
                    flush(part, out);
                }
            }
            if (isLower(c)) {
                part.append(c);
            } else if (isUpper(c)) {
                part.append((char) (c + ('a' - 'A')));
            } // digits are dropped
        }
        flush(part, out);
        return out;
    }

    private static void flush(StringBuilder part, Set<String> out) {
        if (part.length() > 0) {
            out.add(part.toString());
            part.setLength(0);
        }
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isLower(c) || isUpper(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
