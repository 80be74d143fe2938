package dev.incidentintel.metricsapi.triage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Where {@code POST /api/v1/triage} finds its model and companions. Every path may be null: without
 * a model the endpoint answers 503 {@code model_unavailable}; without runbooks or past incidents
 * the response simply has no runbook or similar incidents.
 *
 * <p>From the environment: {@code TRIAGE_MODEL} (a directory written by {@code incident-intel
 * train}), {@code TRIAGE_RUNBOOKS} (a runbook directory), {@code TRIAGE_PAST_INCIDENTS} (an NDJSON
 * file of past incidents for the similar-incident index) and {@code TRIAGE_RELOAD} (how often the
 * model file is checked for a newer version, ISO-8601, default {@code PT10S}).
 *
 * @param model model directory or artifact file, or null
 * @param runbooks runbook directory, or null
 * @param pastIncidents NDJSON file of past incidents, or null
 * @param reloadInterval how often the model file's modification time is checked
 */
public record TriageSettings(
        Path model, Path runbooks, Path pastIncidents, Duration reloadInterval) {
    /** The default check interval of the model file. */
    public static final Duration DEFAULT_RELOAD = Duration.ofSeconds(10);

    public TriageSettings {
        reloadInterval = reloadInterval == null ? DEFAULT_RELOAD : reloadInterval;
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "triage reload interval must not be negative: " + reloadInterval);
        }
    }

    /** No model: the endpoint answers 503. */
    public static TriageSettings none() {
        return new TriageSettings(null, null, null, DEFAULT_RELOAD);
    }

    /** Reads the {@code TRIAGE_*} variables; absent or blank ones are null / default. */
    public static TriageSettings fromEnvironment(Map<String, String> env) {
        String reload = env.get("TRIAGE_RELOAD");
        Duration interval;
        try {
            interval =
                    reload == null || reload.isBlank()
                            ? DEFAULT_RELOAD
                            : Duration.parse(reload.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "TRIAGE_RELOAD must be an ISO-8601 duration like PT10S, got '" + reload + "'",
                    e);
        }
        return new TriageSettings(
                path(env.get("TRIAGE_MODEL")),
                path(env.get("TRIAGE_RUNBOOKS")),
                path(env.get("TRIAGE_PAST_INCIDENTS")),
                interval);
    }

    /**
     * A copy with another model path (the {@code --triage-model} flag wins over the environment).
     */
    public TriageSettings withModel(Path newModel) {
        return new TriageSettings(newModel, runbooks, pastIncidents, reloadInterval);
    }

    /** A copy with another runbook directory. */
    public TriageSettings withRunbooks(Path newRunbooks) {
        return new TriageSettings(model, newRunbooks, pastIncidents, reloadInterval);
    }

    /** A copy with another past-incident file. */
    public TriageSettings withPastIncidents(Path newPastIncidents) {
        return new TriageSettings(model, runbooks, newPastIncidents, reloadInterval);
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.strip());
    }
}
