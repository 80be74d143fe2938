package dev.incidentintel.metricsapi.kpi;

import java.util.List;

/**
 * Computes KPI figures in the store (so dashboards can run the same SQL). Storage failures surface
 * as {@link dev.incidentintel.metricsapi.ApiException}.
 */
public interface KpiRepository {
  /**
   * MTTR/MTTD/MTTA per group over incidents detected in {@code window}, ordered by key; groups
   * without incidents are absent.
   */
  List<MttxGroup> mttx(ReportingWindow window, GroupBy groupBy);
}
