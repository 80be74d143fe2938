package dev.incidentintel.metricsapi.kpi;

import java.util.List;
import java.util.Map;

/**
 * Computes KPI figures in the store (so dashboards can run the same SQL). Storage failures surface
 * as {@link dev.incidentintel.metricsapi.ApiException}.
 */
public interface KpiRepository {
    /**
     * MTTR/MTTD/MTTA per group over incidents detected in the query window that match its filters,
     * ordered by key; groups without incidents are absent.
     */
    List<MttxGroup> mttx(KpiQuery query);

    /**
     * One table KPI. Rows are column name to value (numbers, strings, lists; {@code null} for no
     * data), in the SQL file's column order.
     *
     * @param extra KPI-specific parameters (SLO targets, bucket, limits) the adapter knows how to
     *     bind; documented on each {@link KpiService} method
     */
    List<Map<String, Object>> table(TableKpi kpi, KpiQuery query, Map<String, Object> extra);
}
