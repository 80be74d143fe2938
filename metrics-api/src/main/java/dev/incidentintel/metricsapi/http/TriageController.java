package dev.incidentintel.metricsapi.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.triage.TriageRequest;
import dev.incidentintel.metricsapi.triage.TriageService;
import io.javalin.http.Context;

/** {@code POST /api/v1/triage}: a ticket or incident body in, suggestions out. */
final class TriageController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TriageService service;

    TriageController(TriageService service) {
        this.service = service;
    }

    void triage(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(
                    "body", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        ctx.json(service.triage(TriageRequest.fromJson(body)));
    }
}
