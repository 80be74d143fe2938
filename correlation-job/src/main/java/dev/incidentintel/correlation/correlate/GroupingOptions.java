package dev.incidentintel.correlation.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;

/**
 * Settings of alert grouping.
 *
 * @param groupGap a new alert joins an open incident of its scope when it starts within this gap
 *     of the incident's last activity (a member start or resolve); otherwise it opens a new one
 * @param staleAfter an open incident with no activity for this long (event time) is closed as
 *     stale and its state dropped, so alerts that never resolve cannot grow state forever
 */
public record GroupingOptions(Duration groupGap, Duration staleAfter) implements Serializable {

  public static final Duration DEFAULT_GROUP_GAP = Duration.ofMinutes(5);
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(24);

  public GroupingOptions {
    if (groupGap == null || groupGap.isNegative() || groupGap.isZero()) {
      throw new IllegalArgumentException("groupGap must be positive, got " + groupGap);
    }
    if (staleAfter == null || staleAfter.compareTo(groupGap) < 0) {
      throw new IllegalArgumentException(
          "staleAfter must be at least groupGap (" + groupGap + "), got " + staleAfter);
    }
  }

  /** The defaults: 5 minute gap, 24 hour stale period. */
  public static GroupingOptions defaults() {
    return new GroupingOptions(DEFAULT_GROUP_GAP, DEFAULT_STALE_AFTER);
  }

  /** Reads {@code group.gap} and {@code stale.after} (ISO-8601 durations such as PT5M). */
  public static GroupingOptions of(Properties p) {
    return new GroupingOptions(
        Duration.parse(p.getProperty("group.gap", DEFAULT_GROUP_GAP.toString())),
        Duration.parse(p.getProperty("stale.after", DEFAULT_STALE_AFTER.toString())));
  }

  /** The inverse of {@link #of(Properties)}. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("group.gap", groupGap.toString());
    p.setProperty("stale.after", staleAfter.toString());
    return p;
  }
}
