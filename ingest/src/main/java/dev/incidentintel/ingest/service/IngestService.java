package dev.incidentintel.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.normalize.AlertmanagerNormalizer;
import dev.incidentintel.ingest.normalize.JsonBodies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Use cases of the ingest stage, free of HTTP: parse a body, normalise it, publish every resulting
 * event, report what was accepted. Nothing is published unless the whole body normalised; the
 * result is returned only after the publisher acknowledged every record.
 *
 * <p>Alert events are keyed by {@link AlertEvent#scopeKey()} so that all alerts of one correlation
 * scope land in one partition and are seen in order by one correlation subtask.
 */
public final class IngestService {
  private final AlertmanagerNormalizer alertmanager;
  private final EventPublisher publisher;
  private final String alertsTopic;
  private final Clock clock;

  public IngestService(
      AlertmanagerNormalizer alertmanager, EventPublisher publisher, String alertsTopic, Clock clock) {
    this.alertmanager = Objects.requireNonNull(alertmanager, "alertmanager");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    if (alertsTopic == null || alertsTopic.isBlank()) {
      throw new IllegalArgumentException("alertsTopic must not be blank");
    }
    this.alertsTopic = alertsTopic;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Ingests one Alertmanager webhook body (raw bytes, as received). */
  public IngestResult ingestAlertmanager(byte[] body) {
    // The receive time is taken before parsing so it does not depend on how large the body was.
    var receivedAt = clock.instant();
    JsonNode tree = JsonBodies.parse(body);
    return publishAlerts(alertmanager.normalize(tree, receivedAt));
  }

  private IngestResult publishAlerts(List<AlertEvent> events) {
    List<OutboundRecord> records = new ArrayList<>(events.size());
    List<String> fingerprints = new ArrayList<>(events.size());
    for (AlertEvent event : events) {
      records.add(new OutboundRecord(alertsTopic, event.scopeKey(), EventJson.toBytes(event)));
      fingerprints.add(event.fingerprint());
    }
    publisher.publish(records);
    return new IngestResult(events.size(), fingerprints);
  }
}
