package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.kpi.DurationStats;
import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.KpiRepository;
import dev.incidentintel.metricsapi.kpi.MttxGroup;
import dev.incidentintel.metricsapi.kpi.ReportingWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * KPIs computed in ClickHouse, from {@code sql/kpi_*.sql}. Percentiles are computed in SQL too, so
 * a Grafana panel running the same file shows the same numbers as the API.
 */
public final class ClickHouseKpiRepository implements KpiRepository {
  /**
   * The whitelist of group-by expressions: the only text ever substituted into KPI SQL. Columns of
   * {@code incidents_latest}.
   */
  static final Map<GroupBy, String> GROUP_COLUMNS = groupColumns();

  private static final SqlFile MTTX = SqlFile.load("kpi_mttx");

  private final ClickHouseConnections connections;

  public ClickHouseKpiRepository(ClickHouseConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  private static Map<GroupBy, String> groupColumns() {
    Map<GroupBy, String> columns = new EnumMap<>(GroupBy.class);
    columns.put(GroupBy.SERVICE, "primary_service");
    columns.put(GroupBy.ENVIRONMENT, "environment");
    columns.put(GroupBy.SEVERITY, "severity");
    columns.put(GroupBy.NONE, "'" + GroupBy.ALL_KEY + "'");
    return Map.copyOf(columns);
  }

  @Override
  public List<MttxGroup> mttx(ReportingWindow window, GroupBy groupBy) {
    String sql = MTTX.render(Map.of("group_column", GROUP_COLUMNS.get(groupBy)));
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, window.from().toEpochMilli());
      ps.setLong(2, window.to().toEpochMilli());
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
                  stats(rs, "mtta")));
        }
      }
      return groups;
    } catch (SQLException e) {
      throw ClickHouseIncidentRepository.failed(MTTX, e);
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
