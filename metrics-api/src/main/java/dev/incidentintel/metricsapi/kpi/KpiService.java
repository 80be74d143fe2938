package dev.incidentintel.metricsapi.kpi;

import dev.incidentintel.metricsapi.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * KPI reports, independent of HTTP: resolves the window, asks the store, assembles the answer.
 * Every report names where its figures are defined (docs/METRICS.md).
 *
 * <p>A report made of several store queries (SLO, recurrence, DORA) runs the first on the calling
 * thread and the others on the {@code parts} executor meanwhile, so an idle core halves its wait;
 * with {@code Runnable::run} (the default) they run one after the other.
 */
public final class KpiService {
    /** Longest list a KPI returns (breaching incidents, signatures, rules). */
    public static final int MAX_LIMIT = 500;

    /** Default length of such lists. */
    public static final int DEFAULT_LIMIT = 20;

    private final KpiRepository repository;
    private final Clock clock;
    private final SloTargets sloTargets;
    private final Executor parts;

    public KpiService(KpiRepository repository, Clock clock) {
        this(repository, clock, SloTargets.defaults());
    }

    public KpiService(KpiRepository repository, Clock clock, SloTargets sloTargets) {
        this(repository, clock, sloTargets, Runnable::run);
    }

    /**
     * @param parts runs the second and later queries of a report while the caller runs the first;
     *     it may run them on the caller too (a pool's caller-runs policy when it is busy)
     */
    public KpiService(
            KpiRepository repository, Clock clock, SloTargets sloTargets, Executor parts) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sloTargets = Objects.requireNonNull(sloTargets, "sloTargets");
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    /** The configured SLO targets. */
    public SloTargets sloTargets() {
        return sloTargets;
    }

    /** MTTx without filters (kept for callers of the first API version). */
    public MttxReport mttx(Instant from, Instant to, GroupBy groupBy) {
        return mttx(KpiRequest.of(from, to, Objects.requireNonNull(groupBy, "groupBy")));
    }

    /**
     * MTTR, MTTD, MTTA and MTTR from impact over incidents detected in the window that match the
     * filters.
     */
    public MttxReport mttx(KpiRequest request) {
        KpiQuery query = resolve(request);
        List<MttxGroup> groups = repository.mttx(query);
        if (query.groupBy() == GroupBy.NONE && groups.isEmpty()) {
            // Ungrouped answers always have their one group, so "no incidents" is explicit (0,
            // nulls).
            groups = List.of(MttxGroup.empty(GroupBy.ALL_KEY));
        }
        return new MttxReport(
                query.window().from(),
                query.window().to(),
                query.groupBy(),
                query.filter().asMap(),
                MetricDocs.DEFINITIONS,
                groups);
    }

    /** SLO achievement per group and priority ({@code priorities}) and the breaching incidents. */
    public KpiReport slo(KpiRequest request, int limit) {
        KpiQuery query = resolve(request);
        Map<String, Object> extra = sloParams();
        extra.put("limit", limit(limit));
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        results.put("targets", targetRows());
        results.putAll(
                tables(
                        query,
                        List.of(
                                new Part("priorities", TableKpi.SLO_PRIORITIES, extra),
                                new Part("breaches", TableKpi.SLO_BREACHES, extra))));
        return report("slo", TableKpi.SLO_PRIORITIES, query, results);
    }

    /** Recurrence rate per group ({@code groups}) and the top recurring signatures. */
    public KpiReport recurrence(KpiRequest request, int limit) {
        KpiQuery query = resolve(request);
        Map<String, List<Map<String, Object>>> results =
                tables(
                        query,
                        List.of(
                                new Part("groups", TableKpi.RECURRENCE, Map.of()),
                                new Part(
                                        "signatures",
                                        TableKpi.RECURRENCE_SIGNATURES,
                                        Map.of("limit", limit(limit)))));
        return report("recurrence", TableKpi.RECURRENCE, query, results);
    }

    /** Escalation rate and first-contact resolution per group. */
    public KpiReport escalation(KpiRequest request) {
        KpiQuery query = resolve(request);
        return report(
                "escalation",
                TableKpi.ESCALATION,
                query,
                Map.of("groups", repository.table(TableKpi.ESCALATION, query, Map.of())));
    }

    /** Backlog at the window's end and the flow inside it, per group. */
    public KpiReport backlog(KpiRequest request) {
        KpiQuery query = resolve(request);
        return report(
                "backlog",
                TableKpi.BACKLOG,
                query,
                Map.of("groups", repository.table(TableKpi.BACKLOG, query, Map.of())));
    }

    /**
     * Incident counts per group, calendar bucket (in the request's time zone), category, priority.
     */
    public KpiReport volume(KpiRequest request, Bucket bucket) {
        KpiQuery query = resolve(request);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("bucket", Objects.requireNonNull(bucket, "bucket"));
        return report(
                "volume",
                TableKpi.VOLUME,
                query,
                Map.of("buckets", repository.table(TableKpi.VOLUME, query, extra)));
    }

    /** Incident counts and MTTR per heat-map cell. */
    public KpiReport heatmap(KpiRequest request, HeatmapKind kind) {
        KpiQuery query = resolve(request);
        return report(
                "heatmap/" + kind.json(),
                kind.query(),
                query,
                Map.of("cells", repository.table(kind.query(), query, Map.of())));
    }

    /** Notifications -> alerts -> incidents per service and the noisiest alert rules. */
    public KpiReport noise(KpiRequest request, int limit) {
        KpiQuery query = resolve(request);
        int rules = limit(limit);
        List<Map<String, Object>> rows = repository.table(TableKpi.NOISE, query, Map.of());
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        results.put("services", NoiseRules.services(rows));
        results.put("rules", NoiseRules.noisiest(rows, rules));
        return report("noise", TableKpi.NOISE, query, results);
    }

    /** Change-failure rate per group and failed-deploy recovery time. */
    public KpiReport dora(KpiRequest request) {
        KpiQuery query = resolve(request);
        Map<String, List<Map<String, Object>>> results =
                tables(
                        query,
                        List.of(
                                new Part("groups", TableKpi.DORA, Map.of()),
                                new Part("recovery", TableKpi.DORA_RECOVERY, Map.of())));
        return report("dora", TableKpi.DORA, query, results);
    }

    /** One store query of a report and the key its rows go under. */
    private record Part(String key, TableKpi kpi, Map<String, Object> extra) {}

    /**
     * Runs the first part here and the rest on {@link #parts} at the same time; the rows in part
     * order. A failure is rethrown as the store threw it (an {@link ApiException} stays one).
     */
    private Map<String, List<Map<String, Object>>> tables(KpiQuery query, List<Part> all) {
        List<CompletableFuture<List<Map<String, Object>>>> later = new ArrayList<>();
        for (Part part : all.subList(1, all.size())) {
            later.add(
                    CompletableFuture.supplyAsync(
                            () -> repository.table(part.kpi(), query, part.extra()), parts));
        }
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        Part first = all.get(0);
        rows.put(first.key(), repository.table(first.kpi(), query, first.extra()));
        for (int i = 0; i < later.size(); i++) {
            try {
                rows.put(all.get(i + 1).key(), later.get(i).join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return rows;
    }

    private KpiQuery resolve(KpiRequest request) {
        Objects.requireNonNull(request, "request");
        // Millisecond "now": stored times are epoch milliseconds, and clients compare echoed
        // bounds.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ReportingWindow window = ReportingWindow.resolve(request.from(), request.to(), now);
        return new KpiQuery(window, request.groupBy(), request.filter(), request.tz(), now);
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid(
                    "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    private Map<String, Object> sloParams() {
        List<String> priorities = new ArrayList<>(sloTargets.targets().keySet());
        List<Long> ack = new ArrayList<>();
        List<Long> resolve = new ArrayList<>();
        for (String p : priorities) {
            ack.add(sloTargets.targets().get(p).acknowledge().toSeconds());
            resolve.add(sloTargets.targets().get(p).resolve().toSeconds());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("priorities", priorities);
        extra.put("ack_targets_s", ack);
        extra.put("resolve_targets_s", resolve);
        return extra;
    }

    private List<Map<String, Object>> targetRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        sloTargets
                .targets()
                .forEach(
                        (priority, target) -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("priority", priority);
                            row.put("ack_target_s", target.acknowledge().toSeconds());
                            row.put("resolve_target_s", target.resolve().toSeconds());
                            rows.add(row);
                        });
        return rows;
    }

    private static KpiReport report(
            String name,
            TableKpi kpi,
            KpiQuery query,
            Map<String, List<Map<String, Object>>> results) {
        return new KpiReport(
                name,
                query.window().from(),
                query.window().to(),
                query.groupBy(),
                query.filter().asMap(),
                TimeZones.clickHouseName(query.tz()),
                kpi.definitions(),
                results);
    }
}
