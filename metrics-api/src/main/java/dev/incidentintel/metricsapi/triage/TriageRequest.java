package dev.incidentintel.metricsapi.triage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.triage.TriageInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /api/v1/triage} body: a ticket ({@code title}, {@code description}) or an
 * incident ({@code title}, {@code summary}, {@code alertNames}, {@code services}, ...). Every field
 * is optional except that {@code title} or {@code description}/{@code summary} must carry text; a
 * field of the wrong JSON type is a 400 naming it.
 *
 * @param input what the model reads
 * @param similar how many similar past incidents to return (0..50, default 5)
 */
public record TriageRequest(TriageInput input, int similar) {
    /** Most similar incidents one request may ask for. */
    public static final int MAX_SIMILAR = 50;

    /** Similar incidents returned when the request does not say. */
    public static final int DEFAULT_SIMILAR = 5;

    /**
     * Validates a parsed JSON body.
     *
     * @throws ApiException 400 {@code invalid_parameter} naming the field at fault
     */
    public static TriageRequest fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "the request body must be a JSON object");
        }
        String title = text(body, "title");
        String description = text(body, "description");
        String summary = text(body, "summary");
        if (description == null || description.isBlank()) {
            description = summary;
        }
        if ((title == null || title.isBlank()) && (description == null || description.isBlank())) {
            throw ApiException.invalid(
                    "title", "title or description (or summary) must carry text");
        }
        List<String> services = strings(body, "services");
        String service = text(body, "service");
        if (service != null && !service.isBlank() && !services.contains(service)) {
            services.add(0, service);
        }
        TriageInput input =
                new TriageInput(
                        title == null ? "" : title,
                        description,
                        strings(body, "alertNames"),
                        labels(body),
                        text(body, "severity"),
                        text(body, "source"),
                        services,
                        text(body, "environment"),
                        text(body, "impact"),
                        text(body, "urgency"));
        int similar = DEFAULT_SIMILAR;
        JsonNode k = body.get("similar");
        if (k != null && !k.isNull()) {
            if (!k.canConvertToInt()
                    || !k.isIntegralNumber()
                    || k.asInt() < 0
                    || k.asInt() > MAX_SIMILAR) {
                throw ApiException.invalid(
                        "similar", "similar must be an integer in [0," + MAX_SIMILAR + "]");
            }
            similar = k.asInt();
        }
        return new TriageRequest(input, similar);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        List<String> out = new ArrayList<>();
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw ApiException.invalid(field, field + " must be an array of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw ApiException.invalid(field, field + " must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = body.get("labels");
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw ApiException.invalid("labels", "labels must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiException.invalid("labels", "labels." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
