package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Grafana unified alerting webhook (the Alertmanager-like shape Grafana 8+ sends, {@code version}
 * "1"; Grafana OnCall's examples with version "4" work too). Each alert is read by the Alertmanager
 * rules ({@link AlertmanagerNormalizer}), with source {@code grafana}, and nothing Grafana adds is
 * dropped:
 *
 * <ul>
 *   <li>{@code orgId} (per alert, else the notification's) becomes label {@code orgId}, added after
 *       the fingerprint was taken, so it never changes an alert's identity;
 *   <li>{@code values} becomes annotation {@code values} as compact JSON ({@code {"B":22,"C":1}});
 *   <li>every other property of an alert outside the Alertmanager set ({@code dashboardURL}, {@code
 *       panelURL}, {@code silenceURL}, {@code imageURL}, {@code valueString}, ...) becomes an
 *       annotation of the same name (non-strings as JSON text);
 *   <li>notification-level {@code title}, {@code message}, {@code state} and {@code externalURL}
 *       become annotations {@code grafana_title}, ... when present.
 * </ul>
 *
 * Annotations the alert already has are never overwritten.
 */
public final class GrafanaNormalizer {
    /** Value of {@link AlertEvent#source()} for events from this normaliser. */
    public static final String SOURCE = "grafana";

    private static final Set<String> ALERTMANAGER_FIELDS =
            Set.of(
                    "status",
                    "labels",
                    "annotations",
                    "startsAt",
                    "endsAt",
                    "generatorURL",
                    "fingerprint",
                    "orgId",
                    "values");
    private static final List<String> GROUP_FIELDS =
            List.of("title", "message", "state", "externalURL");

    private final AlertmanagerNormalizer alertmanager;

    public GrafanaNormalizer(AlertmanagerNormalizer alertmanager) {
        this.alertmanager = Objects.requireNonNull(alertmanager, "alertmanager");
    }

    /** Normalises one notification; one event per alert, all or nothing. */
    public List<AlertEvent> normalize(JsonNode body, Instant receivedAt) {
        JsonFields root = JsonFields.root(body);
        AlertStatus groupStatus =
                root.optionalText("status")
                        .map(s -> AlertmanagerNormalizer.status(s, root.path("status")))
                        .orElse(null);
        String groupKey = root.optionalText("groupKey").orElse("");
        String groupOrg = root.optionalScalar("orgId").orElse(null);
        Map<String, String> groupAnnotations = new LinkedHashMap<>();
        for (String field : GROUP_FIELDS) {
            root.optionalScalar(field).ifPresent(v -> groupAnnotations.put("grafana_" + field, v));
        }
        JsonNode alerts = root.requiredArray("alerts");
        if (alerts.isEmpty()) {
            throw new IngestException(
                    ErrorCode.INVALID_VALUE,
                    root.path("alerts"),
                    "alerts must contain at least one alert");
        }
        List<AlertEvent> events = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            JsonFields alert =
                    JsonFields.of(alerts.get(i), JsonPaths.index(root.path("alerts"), i));
            Map<String, String> extraLabels = new LinkedHashMap<>();
            String org = alert.optionalScalar("orgId").orElse(groupOrg);
            if (org != null) {
                extraLabels.put("orgId", org);
            }
            Map<String, String> extraAnnotations = new LinkedHashMap<>();
            alert.optional("values")
                    .ifPresent(v -> extraAnnotations.put("values", JsonFields.flat(v)));
            alert.node()
                    .fields()
                    .forEachRemaining(
                            entry -> {
                                String value = JsonFields.flat(entry.getValue());
                                if (!ALERTMANAGER_FIELDS.contains(entry.getKey())
                                        && value != null) {
                                    extraAnnotations.put(entry.getKey(), value);
                                }
                            });
            extraAnnotations.putAll(groupAnnotations);
            events.add(
                    alertmanager.alert(
                            alert,
                            groupStatus,
                            groupKey,
                            receivedAt,
                            SOURCE,
                            extraLabels,
                            extraAnnotations));
        }
        return List.copyOf(events);
    }
}
