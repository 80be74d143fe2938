package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How one generic JSON integration maps its payload to an alert: JSON Pointers (RFC 6901, like
 * {@code /alert/id}) per canonical field. {@code items}, when set, points at an array and each
 * element is one alert (the other pointers are then relative to the element); otherwise the body is
 * one alert. {@code name} is required; a missing {@code fingerprint} falls back to the documented
 * fingerprint of the labels (or of name + service when there are none).
 *
 * @param items pointer to an array of alerts, or null for a single alert per body
 * @param fingerprint pointer to the upstream dedup key
 * @param name pointer to the alert name (required)
 * @param service pointer to the service
 * @param environment pointer to the environment
 * @param severity pointer to the severity word
 * @param status pointer to the status word ({@code firing}-like or {@code resolved}-like)
 * @param startsAt pointer to the start time
 * @param endsAt pointer to the end time
 * @param summary pointer to a one-line summary
 * @param labels pointer to an object of labels (values flattened to text)
 */
public record GenericMapping(
        JsonPointer items,
        JsonPointer fingerprint,
        JsonPointer name,
        JsonPointer service,
        JsonPointer environment,
        JsonPointer severity,
        JsonPointer status,
        JsonPointer startsAt,
        JsonPointer endsAt,
        JsonPointer summary,
        JsonPointer labels) {

    public GenericMapping {
        if (name == null) {
            throw new IllegalArgumentException("name pointer is required");
        }
    }

    /**
     * Reads every integration from properties {@code ingest.generic.<integration>.<field>}, where
     * field is one of items, fingerprint, name, service, environment, severity, status, startsAt,
     * endsAt, summary, labels. A bad pointer fails naming the key.
     */
    public static Map<String, GenericMapping> fromProperties(Properties props) {
        Map<String, Map<String, String>> byIntegration = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("ingest.generic.")) {
                String rest = key.substring("ingest.generic.".length());
                int dot = rest.lastIndexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException(
                            key + " must look like ingest.generic.<integration>.<field>");
                }
                byIntegration
                        .computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), props.getProperty(key).trim());
            }
        }
        Map<String, GenericMapping> out = new LinkedHashMap<>();
        byIntegration.forEach(
                (integration, fields) -> out.put(integration, of(integration, fields)));
        return out;
    }

    /** A mapping from field name to pointer text. */
    public static GenericMapping of(String integration, Map<String, String> fields) {
        for (String field : fields.keySet()) {
            if (!java.util.Set.of(
                            "items",
                            "fingerprint",
                            "name",
                            "service",
                            "environment",
                            "severity",
                            "status",
                            "startsAt",
                            "endsAt",
                            "summary",
                            "labels")
                    .contains(field)) {
                throw new IllegalArgumentException(
                        "ingest.generic." + integration + "." + field + " is not a known field");
            }
        }
        if (!fields.containsKey("name")) {
            throw new IllegalArgumentException(
                    "ingest.generic." + integration + ".name is required");
        }
        return new GenericMapping(
                pointer(integration, "items", fields),
                pointer(integration, "fingerprint", fields),
                pointer(integration, "name", fields),
                pointer(integration, "service", fields),
                pointer(integration, "environment", fields),
                pointer(integration, "severity", fields),
                pointer(integration, "status", fields),
                pointer(integration, "startsAt", fields),
                pointer(integration, "endsAt", fields),
                pointer(integration, "summary", fields),
                pointer(integration, "labels", fields));
    }

    private static JsonPointer pointer(
            String integration, String field, Map<String, String> fields) {
        String raw = fields.get(field);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return JsonPointer.compile(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "ingest.generic."
                            + integration
                            + "."
                            + field
                            + " must be a JSON Pointer like /alert/id, got '"
                            + raw
                            + "'",
                    e);
        }
    }
}
