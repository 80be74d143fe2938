package dev.incidentintel.ingest.service;

import dev.incidentintel.ingest.normalize.Normalized;
import java.util.List;

/**
 * What one accepted request published, serialised as the 2xx body (null parts are omitted): {@code
 * accepted} canonical events; {@code fingerprints} of its alert events in input order (so
 * Alertmanager answers stay {@code {"accepted", "fingerprints"}}); {@code ids} of its other events
 * (lifecycle: incident id or alert fingerprint; deploy: {@code service@version}); {@code ignored}
 * notifications understood but not modelled; {@code rejected} parts sent to the DLQ with their
 * {@code errors}. {@code dedupKey} is for the PagerDuty answer and not serialised by it.
 */
public record IngestOutcome(
        int accepted,
        List<String> fingerprints,
        List<String> ids,
        Integer ignored,
        Integer rejected,
        List<Normalized.Rejection> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore String dedupKey) {}
