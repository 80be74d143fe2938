package dev.incidentintel.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.benchmarks.scenario.CorrelationMetrics;
import dev.incidentintel.benchmarks.scenario.Episode;
import dev.incidentintel.benchmarks.scenario.IncidentLink;
import dev.incidentintel.benchmarks.scenario.Occurrence;
import dev.incidentintel.benchmarks.scenario.Scenario;
import dev.incidentintel.benchmarks.scenario.ScenarioGenerator;
import dev.incidentintel.benchmarks.scenario.ScenarioSpec;
import dev.incidentintel.benchmarks.scenario.ScenarioTopologies;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.CorrelationJobConfig;
import dev.incidentintel.correlation.flink.LocalFlink;
import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.correlation.topology.TopologyDocuments;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import dev.incidentintel.notifier.delta.DeltaPolicy;
import dev.incidentintel.notifier.delta.DeltaReplay;
import dev.incidentintel.notifier.delta.NotificationKind;
import dev.incidentintel.notifier.kafka.IncidentFeedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate correlation}: replays a generated scenario with ground truth ({@link
 * ScenarioGenerator}) through the real correlation job (Kafka in, ClickHouse out, a local Flink
 * MiniCluster) and scores the incidents it stored ({@link CorrelationMetrics}).
 *
 * <p>The job gets the scenario's service topology as its topology file (so scopes are connected
 * components and the attach score sees topology distances), unless {@code --no-topology}; {@code
 * --set key=value} changes grouping settings, so a sweep over settings can be run with the real
 * job.
 *
 * <p>The job runs unbounded and is cancelled once everything is stored (see {@link #runJob} for why
 * not bounded). Unless endpoints are given it starts a Kafka broker and a clickhouse-server under a
 * temporary folder; either way it uses fresh topics and a fresh database, so nothing else is
 * touched. Deploys are produced in time order among the alerts, each followed by a short pause,
 * because a suspect is found only if its deploy was processed before the incident's alerts (see
 * {@link Infra#produce}); the job reads the two topics concurrently, so this is likely, not
 * guaranteed.
 *
 * <p>{@code --backtest} instead replays the alerts (and deploys) stored in the database of {@code
 * --clickhouse-url} through the job with the given settings into a fresh database and compares the
 * incident count and noise reduction with the stored incidents; ground truth is unknown there.
 */
@Command(
        name = "correlation",
        mixinStandardHelpOptions = true,
        description =
                "Replay a generated alert scenario (or stored alerts, --backtest) through the correlation job "
                        + "and print noise reduction, pairwise grouping precision/recall/F1, split/merged episodes and "
                        + "suspect-deploy precision@1.")
public final class EvaluateCorrelationCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--scenario",
            description = "Scenario: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = ScenarioNames.class)
    String scenario = "storm";

    @Option(
            names = "--seed",
            description = "Random seed of the scenario. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(
            names = "--group-gap",
            paramLabel = "DURATION",
            description = "Grouping gap of the job, ISO-8601. Default: ${DEFAULT-VALUE}.")
    String groupGap = GroupingOptions.DEFAULT_GROUP_GAP.toString();

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A grouping setting of the job (group.gap, reopen.window, flap.window, attach.threshold, "
                            + "attach.weight.*, attach.time.half.life, attach.labels, scope.fallback.label; see README). Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--no-topology",
            description =
                    "Do not give the job the scenario's topology (scopes fall back to the service), for comparison.")
    boolean noTopology;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Option(
            names = "--kafka-bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description =
                    "Kafka to use (fresh topics are created). Empty: start an embedded broker under a temp folder.")
    String kafkaBootstrapServers = "";

    @Option(
            names = "--clickhouse-url",
            paramLabel = "JDBC_URL",
            description =
                    "ClickHouse to use (a fresh database is created next to the URL's). With --backtest its "
                            + "database holds the stored alerts. Empty: start a local clickhouse-server under a temp folder.")
    String clickhouseUrl = "";

    @Option(
            names = "--backtest",
            description =
                    "Replay the alerts stored in the --clickhouse-url database with these settings instead of a scenario.")
    boolean backtest;

    @Option(names = "--parallelism", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism = 2;

    /** Records of the run's incident feed still in an open transaction when it was read. */
    private long hiddenFeedRecords;

    private long unreadableFeedRecords;
    private long deletedFeedRecords;
    private String firstFeedError = "";

    /** The scenario names, for picocli's completion candidates. */
    static final class ScenarioNames extends ArrayList<String> {
        ScenarioNames() {
            super(ScenarioSpec.NAMES);
        }
    }

    @Override
    public Integer call() throws Exception {
        Duration gap = Duration.parse(groupGap);
        if (backtest && clickhouseUrl.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--backtest needs --clickhouse-url naming the database that holds the stored alerts");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Infra infra = Infra.open(kafkaBootstrapServers, clickhouseUrl)) {
            Map<String, Object> figures = backtest ? backtest(infra, gap) : evaluate(infra, gap);
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(figures));
            } else {
                print(out, figures);
            }
            out.flush();
        }
        return 0;
    }

    private Map<String, Object> evaluate(Infra infra, Duration gap) throws Exception {
        Scenario s = ScenarioGenerator.generate(ScenarioSpec.named(scenario), seed);
        String run = "eval_" + s.spec().name() + "_" + suffix();
        ClickHouseUrl db = infra.freshDatabase(run);
        Topics topics = infra.freshTopics(run);
        Path topologyFile = null;
        if (!noTopology) {
            topologyFile = Files.createTempFile("incident-intel-topology-", ".yaml");
            Files.writeString(
                    topologyFile,
                    TopologyDocuments.toYaml(ScenarioTopologies.of(s.topology(), 1)),
                    StandardCharsets.UTF_8);
        }
        double seconds;
        List<dev.incidentintel.events.Incident> feed = new ArrayList<>();
        try {
            seconds =
                    runJob(
                            infra,
                            topics,
                            db,
                            gap,
                            run,
                            s.deploys(),
                            s.alerts(),
                            topologyFile,
                            feed);
        } finally {
            if (topologyFile != null) {
                Files.deleteIfExists(topologyFile);
            }
        }

        List<IncidentLink> links = new ArrayList<>();
        Map<String, String> topSuspect = new HashMap<>();
        long notifications;
        try (Connection c = ClickHouseConnections.of(db).open();
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT incident_id, if(length(suspect_deploys) > 0, suspect_deploys[1], '')"
                                    + " FROM incidents_latest WHERE source = 'correlation-job'")) {
                while (rs.next()) {
                    topSuspect.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT incident_id, fingerprint, linked_ms FROM incident_alerts FINAL")) {
                while (rs.next()) {
                    links.add(
                            new IncidentLink(
                                    rs.getString(1),
                                    rs.getString(2),
                                    Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            notifications = scalar(st, "SELECT count() FROM alerts FINAL");
        }
        Map<Occurrence, String> truth = s.truth();
        Map<Occurrence, String> assigned = CorrelationMetrics.assign(truth.keySet(), links);
        Map<String, Occurrence> first = new HashMap<>();
        for (Episode e : s.episodes()) {
            first.put(e.id(), e.occurrences().get(0));
        }
        CorrelationMetrics.Report r =
                CorrelationMetrics.score(
                        truth,
                        assigned,
                        topSuspect.size(),
                        notifications,
                        s.badDeploys(),
                        first,
                        topSuspect);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "scenario");
        m.put("scenario", s.spec().name());
        m.put("seed", seed);
        m.put("group_gap", gap.toString());
        m.put("topology", !noTopology);
        m.put("settings", new java.util.TreeMap<>(grouping(gap).toProperties()));
        m.put("database", db.database());
        m.put("notifications_produced", s.alerts().size());
        m.put("notifications", r.notifications());
        m.put("deploys", s.deploys().size());
        m.put("episodes", r.episodes());
        m.put("noise_episodes", s.episodes().stream().filter(Episode::noise).count());
        m.put("occurrences", r.occurrences());
        m.put("incidents", r.incidents());
        m.put("noise_reduction", number(r.noiseReduction()));
        m.put(
                "ideal_noise_reduction",
                number(CorrelationMetrics.noiseReduction(r.episodes(), r.notifications())));
        m.put("pairwise_precision", number(r.precision()));
        m.put("pairwise_recall", number(r.recall()));
        m.put("pairwise_f1", number(r.f1()));
        m.put("episodes_split", r.episodesSplit());
        m.put("incidents_merged", r.incidentsMerged());
        m.put("unlinked_occurrences", r.unlinked());
        m.put("bad_deploy_episodes", r.badDeployEpisodes());
        m.put("suspect_hits", r.suspectHits());
        m.put("suspect_precision_at_1", number(r.suspectPrecisionAt1()));
        m.put("run_seconds", Math.round(seconds * 10) / 10.0);
        putNotifications(m, feed, r.notifications());
        // Incidents the job stored in ClickHouse but whose updates never reached the Kafka feed
        // (a notifier never hears of them); a sample with what ClickHouse holds, for diagnosis.
        java.util.Set<String> inFeed = new java.util.HashSet<>();
        feed.forEach(i -> inFeed.add(i.id()));
        List<String> missing =
                topSuspect.keySet().stream().filter(id -> !inFeed.contains(id)).sorted().toList();
        m.put("incidents_missing_from_feed", missing.size());
        if (!missing.isEmpty()) {
            List<String> sample = new ArrayList<>();
            try (Connection c = ClickHouseConnections.of(db).open();
                    Statement st = c.createStatement()) {
                for (String id : missing.subList(0, Math.min(5, missing.size()))) {
                    try (ResultSet rs =
                            st.executeQuery(
                                    "SELECT min(version), max(version), count(), any(toString(status)),"
                                            + " min(detected_ms), max(updated_ms) FROM incidents WHERE incident_id = '"
                                            + id.replace("'", "")
                                            + "'")) {
                        rs.next();
                        sample.add(
                                id
                                        + " v"
                                        + rs.getLong(1)
                                        + "-"
                                        + rs.getLong(2)
                                        + " rows "
                                        + rs.getLong(3)
                                        + " "
                                        + rs.getString(4)
                                        + " detected "
                                        + Instant.ofEpochMilli(rs.getLong(5))
                                        + " updated "
                                        + Instant.ofEpochMilli(rs.getLong(6)));
                    }
                }
            }
            m.put("incidents_missing_from_feed_sample", sample);
        }
        return m;
    }

    /**
     * Incident notifications the job's feed gives rise to: the notifier's delta policy (defaults:
     * open, reopen, priority raised, service added, suspect deploy, resolve) run over every
     * committed update on the run's incidents topic, as one channel taking every incident would get
     * them (docs/METRICS.md#notifications-per-storm).
     */
    private void putNotifications(
            Map<String, Object> m,
            List<dev.incidentintel.events.Incident> feed,
            long alertNotifications) {
        Map<NotificationKind, Long> byKind = DeltaReplay.count(DeltaPolicy.defaults(), feed);
        long sent = byKind.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (NotificationKind k :
                List.of(NotificationKind.OPEN, NotificationKind.UPDATE, NotificationKind.RESOLVE)) {
            kinds.put(k.json(), byKind.getOrDefault(k, 0L));
        }
        m.put("incident_updates", feed.size());
        m.put(
                "incidents_in_feed",
                feed.stream().map(dev.incidentintel.events.Incident::id).distinct().count());
        m.put("incident_feed_records_not_committed", hiddenFeedRecords);
        m.put("incident_feed_records_unreadable", unreadableFeedRecords);
        m.put("incident_feed_records_deleted", deletedFeedRecords);
        if (unreadableFeedRecords > 0) {
            m.put("incident_feed_first_error", firstFeedError);
        }
        m.put("notifications_sent", sent);
        m.put("notifications_sent_by_kind", kinds);
        m.put(
                "notifications_sent_per_alert_notification",
                alertNotifications == 0 ? null : number(sent / (double) alertNotifications));
    }

    private Map<String, Object> backtest(Infra infra, Duration gap) throws Exception {
        ClickHouseUrl history = ClickHouseUrl.parse(clickhouseUrl);
        List<AlertEvent> alerts = new ArrayList<>();
        List<DeployEvent> deploys = new ArrayList<>();
        long storedIncidents;
        try (Connection c = ClickHouseConnections.of(history).open();
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT event_ms, received_ms, fingerprint, toString(status), name, service,"
                                    + " environment, severity, summary, source, starts_ms, ends_ms, label_keys, label_values, generator_url, raw_id"
                                    + " FROM alerts FINAL ORDER BY received_ms, event_ms, fingerprint")) {
                while (rs.next()) {
                    alerts.add(alertOf(rs));
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT event_ms, service, environment, version, commit, toString(status), url,"
                                    + " source FROM deploys FINAL ORDER BY event_ms")) {
                while (rs.next()) {
                    deploys.add(
                            new DeployEvent(
                                    DeployEvent.SCHEMA_VERSION,
                                    rs.getString(8),
                                    Instant.ofEpochMilli(rs.getLong(1)),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    DeployStatus.parse(rs.getString(6)),
                                    rs.getString(7)));
                }
            }
            storedIncidents =
                    scalar(
                            st,
                            "SELECT count() FROM incidents_latest WHERE source = 'correlation-job'");
        }
        String run = "backtest_" + suffix();
        ClickHouseUrl db = infra.freshDatabase(run);
        Topics topics = infra.freshTopics(run);
        double seconds =
                runJob(infra, topics, db, gap, run, deploys, alerts, null, new ArrayList<>());
        long incidents;
        long notifications;
        try (Connection c = ClickHouseConnections.of(db).open();
                Statement st = c.createStatement()) {
            incidents =
                    scalar(
                            st,
                            "SELECT count() FROM incidents_latest WHERE source = 'correlation-job'");
            notifications = scalar(st, "SELECT count() FROM alerts FINAL");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "backtest");
        m.put("history_database", history.database());
        m.put("database", db.database());
        m.put("group_gap", gap.toString());
        m.put("notifications", notifications);
        m.put("deploys", deploys.size());
        m.put("stored_incidents", storedIncidents);
        m.put(
                "stored_noise_reduction",
                number(CorrelationMetrics.noiseReduction(storedIncidents, alerts.size())));
        m.put("incidents", incidents);
        m.put(
                "noise_reduction",
                number(CorrelationMetrics.noiseReduction(incidents, notifications)));
        m.put("run_seconds", Math.round(seconds * 10) / 10.0);
        return m;
    }

    private static AlertEvent alertOf(ResultSet rs) throws SQLException {
        String[] keys = (String[]) rs.getArray(13).getArray();
        String[] values = (String[]) rs.getArray(14).getArray();
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < keys.length && i < values.length; i++) {
            labels.put(keys[i], values[i]);
        }
        long ends = rs.getLong(12);
        Instant endsAt = rs.wasNull() ? null : Instant.ofEpochMilli(ends);
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                rs.getString(10),
                Instant.ofEpochMilli(rs.getLong(1)),
                Instant.ofEpochMilli(rs.getLong(2)),
                rs.getString(3),
                AlertStatus.parse(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                Severity.fromLabel(rs.getString(8)),
                rs.getString(9),
                labels,
                Map.of(),
                Instant.ofEpochMilli(rs.getLong(11)),
                endsAt,
                rs.getString(15),
                rs.getString(16));
    }

    /**
     * Starts the real job on a local MiniCluster, produces the input, and runs it until every
     * produced notification is stored and the incident tables have been quiet for a few
     * checkpoints, then cancels it; returns the wall time in seconds.
     *
     * <p>Why not {@code withBounded(true)}: at the end of a bounded input the watermark jumps to
     * the maximum, and the recurrence operator's prune timer then re-registers itself forever (its
     * prune keeps an entry detected exactly a window before the timer, and the next timer is that
     * same instant), so a bounded run never ends. Cancelling a quiet unbounded run loses nothing
     * that is scored: the ClickHouse sinks hand their buffers to their inserters at every
     * checkpoint (1 s here), and the run is cancelled only once every notification is stored and
     * the tables are quiet.
     */
    private double runJob(
            Infra infra,
            Topics topics,
            ClickHouseUrl db,
            Duration gap,
            String run,
            List<DeployEvent> deploys,
            List<AlertEvent> alerts,
            Path topologyFile,
            List<dev.incidentintel.events.Incident> feed)
            throws Exception {
        Properties p = new Properties();
        p.putAll(settings);
        ScopeOptions scope = ScopeOptions.of(p);
        if (topologyFile != null) {
            scope = scope.withTopologyFile(topologyFile.toString());
        }
        CorrelationJobConfig config =
                CorrelationJobConfig.defaults(infra.bootstrapServers, db.jdbcUrl())
                        .withTopics(
                                topics.alerts,
                                topics.lifecycle,
                                topics.deploys,
                                topics.logs,
                                topics.incidents)
                        .withConsumerGroup(run)
                        .withGrouping(grouping(gap))
                        .withScope(scope)
                        .withCheckpointInterval(CHECKPOINT_INTERVAL)
                        .withParallelism(parallelism)
                        .withBounded(false);
        Path checkpoints = Files.createTempDirectory("incident-intel-eval-checkpoints-");
        long t0 = System.nanoTime();
        JobClient job =
                CorrelationJob.fromConfig(config)
                        .start(LocalFlink.environment(parallelism, checkpoints, false));
        try {
            infra.produce(topics, deploys, alerts);
            awaitQuiet(job, db, alerts.size());
            // Read the incident feed while the job still runs: its Kafka transactions keep
            // committing at
            // each checkpoint. After a cancel, the last open transaction of a sink subtask stays
            // open
            // (until its timeout) and hides every later record of that partition from
            // read_committed.
            IncidentFeedReader.Feed read =
                    IncidentFeedReader.readAll(
                            infra.bootstrapServers, topics.incidents, Duration.ofMinutes(2));
            feed.addAll(read.incidents());
            hiddenFeedRecords = read.hiddenRecords();
            unreadableFeedRecords = read.unreadable();
            deletedFeedRecords = read.deletedRecords();
            firstFeedError = read.firstError();
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
            Infra.deleteTree(checkpoints);
        }
        return (System.nanoTime() - t0) / 1e9 - QUIET.toMillis() / 1000.0;
    }

    /** The job's grouping: defaults, then {@code --set} settings, then the group gap. */
    private GroupingOptions grouping(Duration gap) {
        Properties p = new Properties();
        p.putAll(settings);
        p.setProperty("group.gap", gap.toString());
        if (!p.containsKey("stale.after")
                && gap.compareTo(GroupingOptions.DEFAULT_STALE_AFTER) > 0) {
            p.setProperty("stale.after", gap.toString());
        }
        return GroupingOptions.of(p);
    }

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    /** Pause after producing a deploy (see {@link Infra#produce}). */
    static final Duration DEPLOY_PAUSE = Duration.ofMillis(300);

    /** Unchanged tables for this long (several checkpoints) mean the job has written everything. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

    private static void awaitQuiet(JobClient job, ClickHouseUrl db, long expectedAlerts)
            throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        String last = "";
        long quietSince = System.nanoTime();
        try (Connection c = ClickHouseConnections.of(db).open();
                Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                if (job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    job.getJobExecutionResult()
                            .get(30, TimeUnit.SECONDS); // throws the job's failure
                    throw new IllegalStateException("the correlation job ended early");
                }
                long alerts = scalar(st, "SELECT count() FROM alerts");
                String now =
                        alerts
                                + "/"
                                + scalar(st, "SELECT count() FROM incidents")
                                + "/"
                                + scalar(st, "SELECT count() FROM incident_alerts");
                if (!now.equals(last)) {
                    last = now;
                    quietSince = System.nanoTime();
                } else if (alerts >= expectedAlerts
                        && System.nanoTime() - quietSince >= QUIET.toNanos()) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(
                "the correlation job did not store all "
                        + expectedAlerts
                        + " notifications within "
                        + RUN_TIMEOUT
                        + " (tables: alerts/incidents/links "
                        + last
                        + ")");
    }

    private static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** JSON has no NaN: undefined figures are null. */
    private static Object number(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void print(PrintWriter out, Map<String, Object> m) {
        if ("backtest".equals(m.get("mode"))) {
            out.printf(
                    "backtest of %s with group gap %s (results in database %s, run %.1f s)%n",
                    m.get("history_database"),
                    m.get("group_gap"),
                    m.get("database"),
                    (Double) m.get("run_seconds"));
            out.printf("%-28s %10s%n", "notifications", m.get("notifications"));
            out.printf("%-28s %10s %10s%n", "", "stored", "new");
            out.printf(
                    "%-28s %10s %10s%n",
                    "incidents", m.get("stored_incidents"), m.get("incidents"));
            out.printf(
                    "%-28s %10s %10s%n",
                    "noise reduction", m.get("stored_noise_reduction"), m.get("noise_reduction"));
            return;
        }
        out.printf(
                "scenario %s (seed %s), group gap %s, %s: %s notifications, %s alert occurrences, %s episodes"
                        + " (%s noise), %s deploys%n",
                m.get("scenario"),
                m.get("seed"),
                m.get("group_gap"),
                Boolean.TRUE.equals(m.get("topology"))
                        ? "with the scenario's topology"
                        : "without topology",
                m.get("notifications"),
                m.get("occurrences"),
                m.get("episodes"),
                m.get("noise_episodes"),
                m.get("deploys"));
        out.printf(
                "job: %s incidents, run took %.1f s (database %s)%n",
                m.get("incidents"), (Double) m.get("run_seconds"), m.get("database"));
        row(
                out,
                "noise reduction",
                m.get("noise_reduction"),
                "ideal " + m.get("ideal_noise_reduction"));
        row(out, "pairwise precision", m.get("pairwise_precision"), "");
        row(out, "pairwise recall", m.get("pairwise_recall"), "");
        row(out, "pairwise F1", m.get("pairwise_f1"), "");
        row(out, "episodes split", m.get("episodes_split"), "of " + m.get("episodes"));
        row(out, "incidents merged", m.get("incidents_merged"), "of " + m.get("incidents"));
        row(
                out,
                "unlinked occurrences",
                m.get("unlinked_occurrences"),
                "of " + m.get("occurrences"));
        row(
                out,
                "suspect precision@1",
                m.get("suspect_precision_at_1"),
                m.get("suspect_hits")
                        + " of "
                        + m.get("bad_deploy_episodes")
                        + " bad-deploy episodes");
        row(
                out,
                "notifications sent",
                m.get("notifications_sent"),
                "for "
                        + m.get("notifications")
                        + " alert notifications ("
                        + m.get("notifications_sent_per_alert_notification")
                        + " per alert notification; "
                        + m.get("notifications_sent_by_kind")
                        + " from "
                        + m.get("incident_updates")
                        + " incident updates)");
    }

    private static void row(PrintWriter out, String name, Object value, String note) {
        out.printf("  %-24s %8s  %s%n", name, value == null ? "-" : value, note);
    }

    /** The topics of one run. */
    record Topics(String alerts, String lifecycle, String deploys, String logs, String incidents) {}

    /**
     * Kafka and ClickHouse for a run: given endpoints, or local ones started under a temp folder.
     */
    static final class Infra implements AutoCloseable {
        final String bootstrapServers;
        final ClickHouseUrl clickhouse;
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private Path home;

        private Infra(String bootstrapServers, ClickHouseUrl clickhouse) {
            this.bootstrapServers = bootstrapServers;
            this.clickhouse = clickhouse;
        }

        static Infra open(String kafka, String clickhouseUrl) throws IOException {
            Path home = null;
            Deque<AutoCloseable> started = new ArrayDeque<>();
            try {
                if (kafka.isBlank() || clickhouseUrl.isBlank()) {
                    home = Files.createTempDirectory("incident-intel-eval-");
                }
                String servers = kafka;
                if (kafka.isBlank()) {
                    LocalKafka local = LocalKafka.start(home.resolve("kafka"));
                    started.push(local);
                    servers = local.bootstrapServers();
                }
                String url = clickhouseUrl;
                if (clickhouseUrl.isBlank()) {
                    LocalClickHouse local = LocalClickHouse.start(home.resolve("clickhouse"));
                    started.push(local);
                    url = local.jdbcUrl("default");
                }
                Infra infra = new Infra(servers, ClickHouseUrl.parse(url));
                infra.started.addAll(started);
                infra.home = home;
                return infra;
            } catch (RuntimeException | IOException e) {
                closeAll(started);
                throw e;
            }
        }

        ClickHouseUrl freshDatabase(String name) throws SQLException {
            ClickHouseUrl.requireIdentifier(name, "database");
            try (Connection c = ClickHouseConnections.of(clickhouse).open();
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + name);
            }
            ClickHouseUrl db = clickhouse.withDatabase(name);
            SchemaMigrator.fromClasspath(ClickHouseConnections.of(db)).migrate();
            return db;
        }

        Topics freshTopics(String run) throws Exception {
            String p = run.replace('_', '-');
            Topics t =
                    new Topics(
                            p + "-alerts",
                            p + "-lifecycle",
                            p + "-deploys",
                            p + "-logs",
                            p + "-incidents");
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers);
            try (Admin admin = Admin.create(props)) {
                // No time-based retention: the scenario's event times (record timestamps) lie
                // months in the
                // past, and the broker's first retention check (30 s after start) would delete
                // them.
                admin.createTopics(
                                List.of(t.alerts, t.lifecycle, t.deploys, t.logs, t.incidents)
                                        .stream()
                                        .map(
                                                n ->
                                                        new NewTopic(n, 2, (short) 1)
                                                                .configs(
                                                                        Map.of(
                                                                                "retention.ms",
                                                                                "-1")))
                                        .toList())
                        .all()
                        .get();
                // The job writes alerts too late to correlate there; shared by runs, so create it
                // once.
                if (!admin.listTopics()
                        .names()
                        .get()
                        .contains(dev.incidentintel.events.Topics.ALERTS_LATE)) {
                    admin.createTopics(
                                    List.of(
                                            new NewTopic(
                                                    dev.incidentintel.events.Topics.ALERTS_LATE,
                                                    2,
                                                    (short) 1)))
                            .all()
                            .get();
                }
            }
            return t;
        }

        /**
         * Produces deploys and alerts merged in time order (a deploy before the first alert
         * received at or after it). After each deploy the producer flushes and pauses {@link
         * #DEPLOY_PAUSE}, so the running job has the deploy in its broadcast state before it reads
         * the alerts that follow. Producing all deploys first would not do: the job keeps only
         * deploys within the suspect lookback of the newest deploy it has seen, so the last deploys
         * of the scenario would push out every earlier one before the first alert is read.
         */
        void produce(Topics t, List<DeployEvent> deploys, List<AlertEvent> alerts)
                throws Exception {
            Properties props = LocalKafka.safeProducerProperties(bootstrapServers);
            List<DeployEvent> pending =
                    deploys.stream().sorted(Comparator.comparing(DeployEvent::eventTime)).toList();
            int next = 0;
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(
                            props, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (AlertEvent a : alerts) {
                    while (next < pending.size()
                            && !pending.get(next).eventTime().isAfter(a.receivedAt())) {
                        DeployEvent d = pending.get(next++);
                        producer.send(
                                new ProducerRecord<>(
                                        t.deploys,
                                        d.service().getBytes(StandardCharsets.UTF_8),
                                        EventJson.toBytes(d)));
                        producer.flush();
                        Thread.sleep(DEPLOY_PAUSE.toMillis());
                    }
                    producer.send(
                            new ProducerRecord<>(
                                    t.alerts,
                                    a.scopeKey().getBytes(StandardCharsets.UTF_8),
                                    EventJson.toBytes(a)));
                }
                for (DeployEvent d : pending.subList(next, pending.size())) {
                    producer.send(
                            new ProducerRecord<>(
                                    t.deploys,
                                    d.service().getBytes(StandardCharsets.UTF_8),
                                    EventJson.toBytes(d)));
                }
                producer.flush();
            }
        }

        @Override
        public void close() {
            closeAll(started);
            if (home != null) {
                deleteTree(home);
            }
        }

        /** Deletes a temporary folder; best effort, a leftover temp folder is harmless. */
        static void deleteTree(Path root) {
            try (var paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // Best effort.
            }
        }

        private static void closeAll(Deque<AutoCloseable> started) {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    // Keep closing the rest.
                }
            }
        }
    }
}
