package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.InvalidEventException;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Tier;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The generic lifecycle input ({@code POST /api/v1/lifecycle}): one object or an array of objects,
 * each {@code {action, incidentId | alertFingerprint, time?, actor?, team?, tier?, note?,
 * attributes?}}. {@code action} is one of open, ack, unack, assign, escalate, mitigate, resolve,
 * reopen, comment, close (any case); {@code tier} L1..L3; {@code time} any format {@link
 * Timestamps} reads, defaulting to the receive time; {@code attributes} a string map. All or
 * nothing.
 */
public final class LifecycleNormalizer {
    /** Value of {@code source} when the body names none. */
    public static final String SOURCE = "api";

    /** Normalises one body. */
    public List<LifecycleEvent> normalize(JsonNode body, Instant receivedAt) {
        List<LifecycleEvent> out = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        JsonPaths.ROOT,
                        "the array must contain at least one event");
            }
            for (int i = 0; i < body.size(); i++) {
                out.add(
                        event(
                                JsonFields.of(body.get(i), JsonPaths.index(JsonPaths.ROOT, i)),
                                receivedAt));
            }
        } else {
            out.add(event(JsonFields.root(body), receivedAt));
        }
        return List.copyOf(out);
    }

    private static LifecycleEvent event(JsonFields e, Instant receivedAt) {
        String rawAction = e.requiredText("action");
        LifecycleAction action;
        try {
            action = LifecycleAction.parse(rawAction);
        } catch (InvalidEventException ex) {
            throw new IngestException(
                    ErrorCode.INVALID_VALUE,
                    e.path("action"),
                    e.path("action")
                            + " must be one of open, ack, unack, assign, escalate, mitigate, resolve, reopen, comment, close");
        }
        String incidentId = e.optionalScalar("incidentId").orElse(null);
        String fingerprint = e.optionalScalar("alertFingerprint").orElse(null);
        if ((incidentId == null || incidentId.isBlank())
                && (fingerprint == null || fingerprint.isBlank())) {
            throw new IngestException(
                    ErrorCode.MISSING_FIELD,
                    e.path("incidentId"),
                    "incidentId or alertFingerprint is required");
        }
        Tier tier = null;
        String rawTier = e.optionalText("tier").orElse(null);
        if (rawTier != null) {
            try {
                tier = Tier.parse(rawTier);
            } catch (InvalidEventException ex) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        e.path("tier"),
                        e.path("tier") + " must be L1, L2 or L3");
            }
        }
        Instant time =
                e.optionalScalar("time")
                        .map(t -> PagerDutyNormalizer.time(t, e.path("time"), receivedAt))
                        .orElse(receivedAt);
        Map<String, String> attributes =
                e.optionalObject("attributes").map(JsonFields::asFlatMap).orElse(Map.of());
        return new LifecycleEvent(
                LifecycleEvent.SCHEMA_VERSION,
                e.optionalText("source").filter(s -> !s.isBlank()).orElse(SOURCE),
                time,
                incidentId,
                fingerprint,
                action,
                e.optionalScalar("actor").orElse(""),
                e.optionalScalar("team").orElse(""),
                tier,
                e.optionalScalar("note").orElse(""),
                attributes);
    }
}
