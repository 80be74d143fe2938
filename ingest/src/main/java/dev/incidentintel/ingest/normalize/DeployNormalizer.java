package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.InvalidEventException;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deploy inputs. Generic ({@code POST /api/v1/deploys}): one object or an array, each {@code
 * {service, environment?, version?, commit?, status?, timestamp?, url?, source?}}; status is
 * started, succeeded (default), failed or rolled_back; environment defaults to {@code unknown},
 * timestamp to the receive time.
 *
 * <p>GitHub {@code deployment_status} webhook ({@code POST /api/v1/deploys/github}): service =
 * {@code repository.name}; environment = {@code deployment_status.environment}, else {@code
 * deployment.environment}; version = {@code deployment.ref}; commit = {@code deployment.sha}; url =
 * {@code deployment_status.target_url} / {@code log_url} / {@code environment_url}; time = {@code
 * deployment_status.updated_at}, else {@code created_at}; state success -> succeeded, failure and
 * error -> failed, pending, queued, in_progress -> started; {@code inactive} (a superseded deploy)
 * is acknowledged and ignored.
 */
public final class DeployNormalizer {
    /** Source of generic deploy events without their own {@code source}. */
    public static final String SOURCE = "api";

    /** Source of GitHub deploy events. */
    public static final String GITHUB = "github";

    /** Normalises a generic deploy body. */
    public List<DeployEvent> generic(JsonNode body, Instant receivedAt) {
        List<DeployEvent> out = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        JsonPaths.ROOT,
                        "the array must contain at least one deploy");
            }
            for (int i = 0; i < body.size(); i++) {
                out.add(
                        one(
                                JsonFields.of(body.get(i), JsonPaths.index(JsonPaths.ROOT, i)),
                                receivedAt));
            }
        } else {
            out.add(one(JsonFields.root(body), receivedAt));
        }
        return List.copyOf(out);
    }

    private static DeployEvent one(JsonFields d, Instant receivedAt) {
        String service = d.requiredText("service");
        DeployStatus status = DeployStatus.SUCCEEDED;
        String rawStatus = d.optionalText("status").orElse(null);
        if (rawStatus != null) {
            try {
                status = DeployStatus.parse(rawStatus);
            } catch (InvalidEventException e) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        d.path("status"),
                        d.path("status") + " must be started, succeeded, failed or rolled_back");
            }
        }
        Instant time =
                d.optionalScalar("timestamp")
                        .map(t -> PagerDutyNormalizer.time(t, d.path("timestamp"), receivedAt))
                        .orElse(receivedAt);
        return new DeployEvent(
                DeployEvent.SCHEMA_VERSION,
                d.optionalText("source").filter(s -> !s.isBlank()).orElse(SOURCE),
                time,
                service,
                d.optionalText("environment")
                        .filter(s -> !s.isBlank())
                        .orElse(LabelMapping.UNKNOWN),
                d.optionalScalar("version").orElse(""),
                d.optionalScalar("commit").orElse(""),
                status,
                d.optionalText("url").orElse(""));
    }

    /** Normalises a GitHub deployment_status webhook; empty for inactive deploys. */
    public List<DeployEvent> github(JsonNode body, Instant receivedAt) {
        JsonFields root = JsonFields.root(body);
        JsonFields status = root.requiredObject("deployment_status");
        JsonFields deployment = root.requiredObject("deployment");
        JsonFields repository = root.requiredObject("repository");
        String state = status.requiredText("state").trim().toLowerCase(Locale.ROOT);
        DeployStatus mapped;
        switch (state) {
            case "success" -> mapped = DeployStatus.SUCCEEDED;
            case "failure", "error" -> mapped = DeployStatus.FAILED;
            case "pending", "queued", "in_progress" -> mapped = DeployStatus.STARTED;
            case "inactive" -> mapped = null;
            default ->
                    throw new IngestException(
                            ErrorCode.INVALID_VALUE,
                            status.path("state"),
                            status.path("state")
                                    + " must be one of success, failure, error, pending, queued, in_progress, inactive");
        }
        String service = repository.requiredText("name");
        if (mapped == null) {
            return List.of();
        }
        String environment =
                status.optionalText("environment")
                        .filter(s -> !s.isBlank())
                        .or(() -> deployment.optionalText("environment").filter(s -> !s.isBlank()))
                        .orElse(LabelMapping.UNKNOWN);
        String timeRaw =
                status.optionalText("updated_at")
                        .or(() -> status.optionalText("created_at"))
                        .orElse(null);
        Instant time =
                timeRaw == null
                        ? receivedAt
                        : PagerDutyNormalizer.time(timeRaw, status.path("updated_at"), receivedAt);
        String url =
                status.optionalText("target_url")
                        .filter(s -> !s.isBlank())
                        .or(() -> status.optionalText("log_url").filter(s -> !s.isBlank()))
                        .or(() -> status.optionalText("environment_url").filter(s -> !s.isBlank()))
                        .orElse("");
        return List.of(
                new DeployEvent(
                        DeployEvent.SCHEMA_VERSION,
                        GITHUB,
                        time,
                        service,
                        environment,
                        deployment.optionalText("ref").orElse(""),
                        deployment.optionalText("sha").orElse(""),
                        mapped,
                        url));
    }
}
