package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.AlertEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a late alert when the job has no late-alerts sink (tests, custom wiring). */
final class LateAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(LateAlerts.class);

    private LateAlerts() {}

    static AlertEvent log(AlertEvent alert) {
        LOG.warn(
                "late alert not correlated: {} {} on {}/{} at {}",
                alert.fingerprint(),
                alert.name(),
                alert.environment(),
                alert.service(),
                alert.eventTime());
        return alert;
    }
}
