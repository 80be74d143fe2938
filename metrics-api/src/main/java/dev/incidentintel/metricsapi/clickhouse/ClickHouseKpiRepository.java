package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.kpi.Bucket;
import dev.incidentintel.metricsapi.kpi.DurationStats;
import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.KpiQuery;
import dev.incidentintel.metricsapi.kpi.KpiRepository;
import dev.incidentintel.metricsapi.kpi.MttxGroup;
import dev.incidentintel.metricsapi.kpi.TableKpi;
import dev.incidentintel.metricsapi.kpi.TimeZones;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * KPIs computed in ClickHouse, from {@code sql/kpi_*.sql}. Percentiles are computed in SQL too, so
 * a Grafana panel running the same file shows the same numbers as the API. Files name their
 * parameters ({@code :from_ms}); this adapter supplies the window, filters, time zone and "now" to
 * every file, plus the KPI-specific extras.
 */
public final class ClickHouseKpiRepository implements KpiRepository {
    /**
     * The whitelist of group-by expressions over {@code incidents_latest}: with the bucket and
     * deploy group lists below, the only text ever substituted into KPI SQL.
     */
    static final Map<GroupBy, String> GROUP_COLUMNS = groupColumns();

    /** Calendar buckets of the detected time; {@code :tz} is a bound parameter. */
    static final Map<Bucket, String> BUCKETS =
            Map.of(
                    Bucket.HOUR, "toStartOfHour(detected_at, :tz)",
                    Bucket.DAY, "toDate(detected_at, :tz)",
                    Bucket.WEEK, "toMonday(detected_at, :tz)",
                    Bucket.MONTH, "toStartOfMonth(detected_at, :tz)");

    /** Deploys carry only service and environment; other groupings collapse to one group. */
    static String deployGroupColumn(GroupBy groupBy) {
        return switch (groupBy) {
            case SERVICE -> "service";
            case ENVIRONMENT -> "environment";
            default -> "'" + GroupBy.ALL_KEY + "'";
        };
    }

    private static final SqlFile MTTX = SqlFile.load("kpi_mttx");
    private static final Map<TableKpi, SqlFile> TABLES = tables();

    /**
     * Where the KPI files read current incidents, by placeholder: the detection window each covers.
     */
    static final Map<String, String> CURRENT_INCIDENT_WINDOWS =
            Map.of(
                    "current_incidents", "detected_ms >= :from_ms AND detected_ms < :to_ms",
                    "current_incidents_before_to", "detected_ms < :to_ms",
                    "current_incidents_for_suspects", "detected_ms >= :suspects_detected_from_ms");

    private final ClickHouseConnections connections;
    private final IncidentSnapshots snapshots;

    /** KPIs over {@code connections}' database, reading {@code incidents_current FINAL} only. */
    public ClickHouseKpiRepository(ClickHouseConnections connections) {
        this(connections, null);
    }

    /**
     * KPIs reading current incidents from the latest of {@code snapshots} (and {@code FINAL} while
     * there is none); {@code null} for {@code FINAL} only.
     */
    public ClickHouseKpiRepository(ClickHouseConnections connections, IncidentSnapshots snapshots) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.snapshots = snapshots;
    }

    private IncidentSnapshots.Reading snapshot() {
        return snapshots == null ? IncidentSnapshots.Reading.none() : snapshots.reading();
    }

    /**
     * How long before a window an incident naming one of the window's deploys as a suspect can have
     * been detected: the correlation job accepts a deploy at most the suspect grace after the
     * impact start (capped at one hour by {@code SuspectOptions}), and the impact starts before
     * detection; a day also covers skewed alert clocks. Lets the DORA files read a window of
     * incidents instead of the whole history.
     */
    static final java.time.Duration SUSPECT_DETECTION_SLACK = java.time.Duration.ofDays(1);

    /**
     * How long before its incident's detection a lifecycle step may be dated: steps follow
     * detection (an alert is raised, then paged, acknowledged, escalated), a day covers skewed
     * clocks. Lets the escalation file read the window's steps instead of the whole lifecycle
     * history.
     */
    static final java.time.Duration STEP_SLACK = java.time.Duration.ofDays(1);

    private static Map<GroupBy, String> groupColumns() {
        Map<GroupBy, String> columns = new EnumMap<>(GroupBy.class);
        columns.put(GroupBy.SERVICE, "primary_service");
        columns.put(GroupBy.ENVIRONMENT, "environment");
        columns.put(GroupBy.SEVERITY, "severity");
        columns.put(GroupBy.TEAM, "team");
        columns.put(GroupBy.PRIORITY, "priority");
        columns.put(GroupBy.CATEGORY, "category");
        columns.put(GroupBy.NONE, "'" + GroupBy.ALL_KEY + "'");
        return Map.copyOf(columns);
    }

    private static Map<TableKpi, SqlFile> tables() {
        Map<TableKpi, SqlFile> files = new EnumMap<>(TableKpi.class);
        for (TableKpi kpi : TableKpi.values()) {
            files.put(kpi, SqlFile.load(kpi.file()));
        }
        return files;
    }

    /** The parameters every KPI file may use. */
    static Map<String, Object> commonParams(KpiQuery query) {
        Map<String, Object> params = new HashMap<>(query.filter().asMap());
        params.put("from_ms", query.window().from().toEpochMilli());
        params.put("to_ms", query.window().to().toEpochMilli());
        params.put("now_ms", query.now().toEpochMilli());
        params.put("tz", TimeZones.clickHouseName(query.tz()));
        params.put(
                "suspects_detected_from_ms",
                query.window().from().minus(SUSPECT_DETECTION_SLACK).toEpochMilli());
        params.put("steps_from_ms", query.window().from().minus(STEP_SLACK).toEpochMilli());
        return params;
    }

    static Map<String, String> placeholders(
            KpiQuery query, Map<String, Object> extra, IncidentSnapshots.Reading snapshot) {
        Map<String, String> placeholders = new HashMap<>();
        CURRENT_INCIDENT_WINDOWS.forEach(
                (name, window) ->
                        placeholders.put(name, IncidentSnapshots.source(snapshot, window)));
        placeholders.put("group_column", GROUP_COLUMNS.get(query.groupBy()));
        placeholders.put("deploy_group_column", deployGroupColumn(query.groupBy()));
        Object bucket = extra.get("bucket");
        placeholders.put(
                "bucket_expression", BUCKETS.get(bucket instanceof Bucket b ? b : Bucket.DAY));
        Map<String, String> filter = query.filter().asMap();
        placeholders.put("incident_filters", FilterSql.and(FilterSql.INCIDENT, filter));
        placeholders.put("service_filters", FilterSql.and(FilterSql.SERVICE, filter));
        return placeholders;
    }

    @Override
    public List<MttxGroup> mttx(KpiQuery query) {
        SqlFile.Bound bound =
                MTTX.bind(placeholders(query, Map.of(), snapshot()), commonParams(query));
        try (Connection c = connections.open();
                PreparedStatement ps = Statements.prepare(c, bound)) {
            List<MttxGroup> groups = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(
                            new MttxGroup(
                                    rs.getString("group_key"),
                                    rs.getLong("incidents"),
                                    rs.getLong("open_incidents"),
                                    stats(rs, "mttr"),
                                    stats(rs, "mttd"),
                                    stats(rs, "mtta"),
                                    stats(rs, "mtti")));
                }
            }
            return groups;
        } catch (SQLException e) {
            throw ClickHouseIncidentRepository.failed(MTTX, e);
        }
    }

    @Override
    public List<Map<String, Object>> table(
            TableKpi kpi, KpiQuery query, Map<String, Object> extra) {
        SqlFile file = TABLES.get(kpi);
        Map<String, Object> params = commonParams(query);
        extra.forEach(
                (k, v) -> {
                    if (!(v instanceof Bucket)) {
                        params.put(k, v);
                    }
                });
        IncidentSnapshots.Reading snapshot = snapshot();
        Map<String, String> placeholders = placeholders(query, extra, snapshot);
        if (kpi == TableKpi.NOISE) {
            placeholders.putAll(
                    NoiseRollup.placeholders(
                            NoiseRollup.reading(connections, snapshot),
                            query.window().from().toEpochMilli(),
                            query.window().to().toEpochMilli()));
        }
        SqlFile.Bound bound = file.bind(placeholders, params);
        try (Connection c = connections.open();
                PreparedStatement ps = Statements.prepare(c, bound)) {
            return Statements.rows(ps);
        } catch (SQLException e) {
            throw ClickHouseIncidentRepository.failed(file, e);
        }
    }

    private static DurationStats stats(ResultSet rs, String prefix) throws SQLException {
        long count = rs.getLong(prefix + "_count");
        if (count == 0) {
            return DurationStats.empty();
        }
        return new DurationStats(
                count,
                Rows.nullableDouble(rs, prefix + "_mean"),
                Rows.nullableDouble(rs, prefix + "_median"),
                Rows.nullableDouble(rs, prefix + "_p90"));
    }
}
