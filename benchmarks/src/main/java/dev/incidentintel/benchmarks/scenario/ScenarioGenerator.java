package dev.incidentintel.benchmarks.scenario;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.fingerprint.Fingerprints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a {@link Scenario} from a {@link ScenarioSpec} and a seed, deterministically.
 *
 * <p>Each episode picks a root service (from the lower half of the topology) and spreads along
 * dependents (the services that call a failing one) hop by hop, each hop with probability {@code
 * spread} and a delay of a third to all of {@code hopDelay}. Every affected service raises one or
 * more distinct alerts; each alert is delivered like Alertmanager does: the first notification
 * {@code group_wait} (10-30 s) after it starts, repeats every {@code repeatInterval} with the same
 * {@code startsAt}, and a resolve. A flapping alert fires, resolves after 2-4 minutes and fires
 * again 1-5 minutes later (a second occurrence of the same fingerprint, same episode). One
 * fingerprint is one alert, and the job deduplicates by it: a notification for an alert that
 * belongs to an incident still open, or resolved less than the reopen window ago, goes to that
 * incident. So another episode raises the same alert only after its previous episode has ended (its
 * last alert resolved) plus the reopen window and a minute for delivery; an earlier re-raise would
 * be specified to join the old incident and could not be a separate episode. An occurrence belongs
 * to exactly one episode. Noise alerts are short single alerts, each its own episode. Some episodes
 * are caused by a deploy of their root service 5-30 minutes before the impact; benign deploys
 * happen at random.
 */
public final class ScenarioGenerator {
    /** Start of every generated scenario's timeline. */
    public static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    /** Environment of every generated alert and deploy. */
    public static final String ENVIRONMENT = "prod";

    /** {@code source} of every generated event. */
    public static final String SOURCE = "scenario";

    private static final List<String> ALERT_NAMES =
            List.of(
                    "HighErrorRate",
                    "HighLatencyP99",
                    "PodCrashLooping",
                    "SaturationHigh",
                    "UpstreamTimeouts");
    private static final List<String> NOISE_NAMES =
            List.of(
                    "DiskSpaceLow",
                    "CertificateExpiringSoon",
                    "CronJobFailed",
                    "NodeClockSkew",
                    "BackupLate");

    private final ScenarioSpec spec;
    private final Random random;
    private final List<AlertEvent> alerts = new ArrayList<>();
    private final Map<String, Instant> busyUntil = new HashMap<>();
    private int versions;

    private ScenarioGenerator(ScenarioSpec spec, long seed) {
        this.spec = spec;
        this.random = new Random(seed);
    }

    /**
     * The scenario for {@code spec} and {@code seed}; the same arguments give an equal scenario.
     */
    public static Scenario generate(ScenarioSpec spec, long seed) {
        return new ScenarioGenerator(spec, seed).build(seed);
    }

    private Scenario build(long seed) {
        Topology topology = Topology.random(spec.services(), random);
        List<String> services = topology.services();
        List<DeployEvent> deploys = new ArrayList<>();
        List<Episode> episodes = new ArrayList<>();

        List<Instant> starts = new ArrayList<>();
        for (int e = 0; e < spec.episodes(); e++) {
            starts.add(T0.plusSeconds(randomSeconds(spec.horizon())));
        }
        Collections.sort(starts);
        for (int e = 0; e < starts.size(); e++) {
            Instant start = starts.get(e);
            // Roots come from the lower half of the topology (shared dependencies such as databases
            // and
            // queues), where failures have dependents to spread to.
            String root = services.get(random.nextInt(Math.max(1, services.size() / 2)));
            Map<String, Integer> depths = new LinkedHashMap<>();
            Map<String, Instant> impact = new LinkedHashMap<>();
            depths.put(root, 0);
            impact.put(root, start);
            Deque<String> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty()) {
                String s = queue.poll();
                if (depths.get(s) >= spec.maxDepth()) {
                    continue;
                }
                for (String dependent : topology.dependents(s)) {
                    if (!depths.containsKey(dependent) && random.nextDouble() < spec.spread()) {
                        depths.put(dependent, depths.get(s) + 1);
                        long hop = spec.hopDelay().toSeconds();
                        impact.put(
                                dependent,
                                impact.get(s)
                                        .plusSeconds(
                                                hop / 3
                                                        + random.nextInt(
                                                                (int) (hop - hop / 3) + 1)));
                        queue.add(dependent);
                    }
                }
            }
            List<Occurrence> occurrences = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            Instant episodeEnd = start;
            for (Map.Entry<String, Instant> affected : impact.entrySet()) {
                String service = affected.getKey();
                int wanted = 1 + random.nextInt(spec.maxAlertsPerService());
                List<String> names = new ArrayList<>(ALERT_NAMES);
                Collections.shuffle(names, random);
                int made = 0;
                for (String name : names) {
                    if (made == wanted) {
                        break;
                    }
                    Instant startsAt =
                            made == 0
                                    ? affected.getValue()
                                    : affected.getValue().plusSeconds(1 + random.nextInt(60));
                    String fp = fingerprint(service, name);
                    if (busy(fp, startsAt)) {
                        continue; // this alert is still firing for another episode: Alertmanager
                        // would not re-raise it
                    }
                    Instant end =
                            startsAt.plusSeconds(between(spec.minDuration(), spec.maxDuration()));
                    if (random.nextDouble() < spec.flapChance()) {
                        Instant firstEnd = startsAt.plusSeconds(120 + random.nextInt(121));
                        Instant again = firstEnd.plusSeconds(60 + random.nextInt(241));
                        occurrences.add(
                                deliver(fp, name, service, Severity.ERROR, startsAt, firstEnd));
                        end = again.plus(Duration.between(startsAt, end));
                        occurrences.add(deliver(fp, name, service, Severity.ERROR, again, end));
                    } else {
                        occurrences.add(deliver(fp, name, service, Severity.ERROR, startsAt, end));
                    }
                    fingerprints.add(fp);
                    episodeEnd = end.isAfter(episodeEnd) ? end : episodeEnd;
                    made++;
                }
            }
            if (occurrences.isEmpty()) {
                continue;
            }
            for (String fp : fingerprints) {
                busyUntil.put(fp, episodeEnd.plus(GroupingOptions.DEFAULT_REOPEN_WINDOW));
            }
            Instant impactStart =
                    occurrences.stream()
                            .map(Occurrence::startsAt)
                            .min(Comparator.naturalOrder())
                            .orElseThrow();
            String badDeploy = "";
            if (random.nextDouble() < spec.badDeployChance()) {
                String version = nextVersion();
                Instant at = impactStart.minusSeconds(300 + random.nextInt(25 * 60 + 1));
                deploys.add(deploy(root, version, at));
                badDeploy = root + "@" + version;
            }
            episodes.add(
                    new Episode(
                            String.format("ep-%03d", e + 1),
                            root,
                            depths,
                            impactStart,
                            badDeploy,
                            occurrences));
        }

        for (int n = 0; n < spec.noiseAlerts(); n++) {
            String service = services.get(random.nextInt(services.size()));
            String name = NOISE_NAMES.get(random.nextInt(NOISE_NAMES.size()));
            Instant startsAt = T0.plusSeconds(randomSeconds(spec.horizon()));
            String fp = fingerprint(service, name);
            if (busy(fp, startsAt)) {
                continue;
            }
            Instant end = startsAt.plusSeconds(120 + random.nextInt(241));
            Occurrence o = deliver(fp, name, service, Severity.WARNING, startsAt, end);
            busyUntil.put(fp, end.plus(GroupingOptions.DEFAULT_REOPEN_WINDOW));
            episodes.add(
                    new Episode(
                            String.format("noise-%03d", n + 1),
                            service,
                            Map.of(service, 0),
                            startsAt,
                            "",
                            List.of(o)));
        }

        for (int n = 0; n < spec.benignDeploys(); n++) {
            String service = services.get(random.nextInt(services.size()));
            // From an hour before the first episode can start, so early episodes have older deploys
            // too.
            Instant at =
                    T0.minusSeconds(3600).plusSeconds(randomSeconds(spec.horizon().plusHours(1)));
            deploys.add(deploy(service, nextVersion(), at));
        }

        alerts.sort(
                Comparator.comparing(AlertEvent::receivedAt)
                        .thenComparing(AlertEvent::fingerprint)
                        .thenComparing(AlertEvent::status));
        deploys.sort(
                Comparator.comparing(DeployEvent::eventTime).thenComparing(DeployEvent::service));
        return new Scenario(spec, seed, topology, alerts, deploys, episodes);
    }

    /** The notifications of one firing occurrence [startsAt, end]: first, repeats, resolve. */
    private Occurrence deliver(
            String fp,
            String name,
            String service,
            Severity severity,
            Instant startsAt,
            Instant end) {
        Map<String, String> labels =
                Map.of(
                        "alertname",
                        name,
                        "service",
                        service,
                        "env",
                        ENVIRONMENT,
                        "severity",
                        severity.name().toLowerCase(java.util.Locale.ROOT));
        String summary = name + " on " + service;
        Instant first = startsAt.plusSeconds(10 + random.nextInt(21)); // group_wait
        for (Instant r = first; r.isBefore(end); r = r.plus(spec.repeatInterval())) {
            alerts.add(
                    new AlertEvent(
                            AlertEvent.SCHEMA_VERSION,
                            SOURCE,
                            startsAt,
                            r,
                            fp,
                            AlertStatus.FIRING,
                            name,
                            service,
                            ENVIRONMENT,
                            severity,
                            summary,
                            labels,
                            Map.of(),
                            startsAt,
                            null,
                            "",
                            ""));
        }
        Instant resolvedReceived = end.plusSeconds(5 + random.nextInt(11));
        alerts.add(
                new AlertEvent(
                        AlertEvent.SCHEMA_VERSION,
                        SOURCE,
                        end,
                        resolvedReceived,
                        fp,
                        AlertStatus.RESOLVED,
                        name,
                        service,
                        ENVIRONMENT,
                        severity,
                        summary,
                        labels,
                        Map.of(),
                        startsAt,
                        end,
                        "",
                        ""));
        return new Occurrence(fp, startsAt);
    }

    private boolean busy(String fp, Instant startsAt) {
        Instant until = busyUntil.get(fp);
        // A minute of margin so the previous resolve is delivered before the alert starts again.
        return until != null && !until.plusSeconds(60).isBefore(startsAt);
    }

    private DeployEvent deploy(String service, String version, Instant at) {
        return new DeployEvent(
                DeployEvent.SCHEMA_VERSION,
                SOURCE,
                at,
                service,
                ENVIRONMENT,
                version,
                Fingerprints.sha256Prefix(service + "@" + version),
                DeployStatus.SUCCEEDED,
                "");
    }

    private String nextVersion() {
        return "v1." + (++versions);
    }

    private long randomSeconds(Duration upTo) {
        return (long) (random.nextDouble() * upTo.toSeconds());
    }

    private long between(Duration min, Duration max) {
        return min.toSeconds() + (long) (random.nextDouble() * (max.toSeconds() - min.toSeconds()));
    }

    /** The fingerprint of an alert name on a service (stable across scenarios and seeds). */
    public static String fingerprint(String service, String alertName) {
        return Fingerprints.sha256Prefix(ENVIRONMENT + "|" + service + "|" + alertName);
    }
}
