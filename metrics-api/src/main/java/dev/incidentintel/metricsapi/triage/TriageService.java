package dev.incidentintel.metricsapi.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.ErrorCode;
import dev.incidentintel.triage.Prediction;
import dev.incidentintel.triage.ReloadingTriageModel;
import dev.incidentintel.triage.Suggestion;
import dev.incidentintel.triage.TriageException;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.lucene.PastIncident;
import dev.incidentintel.triage.lucene.SearchFilters;
import dev.incidentintel.triage.lucene.SimilarIncident;
import dev.incidentintel.triage.lucene.SimilarIncidents;
import dev.incidentintel.triage.runbook.RunbookDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers triage requests: the current model's suggestion (category, team, priority with calibrated
 * confidence and the abstain flag), the most similar past incidents and a runbook. The model is
 * read through {@link ReloadingTriageModel}, so a newly trained model is picked up without a
 * restart; a configured model that does not exist yet is looked for again at most once per reload
 * interval.
 */
public final class TriageService implements AutoCloseable {
    /** The action when the suggestion is confident enough. */
    public static final String SUGGEST = "suggest";

    /** The action when it is not (ITIL: the ticket goes to first-line triage). */
    public static final String ROUTE_TO_L1 = "route to L1 triage";

    private final TriageSettings settings;
    private final Clock clock;
    private final SimilarIncidents similar;
    private final RunbookDirectory runbooks;
    private volatile ReloadingTriageModel model;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile String loadError = "no triage model configured (set TRIAGE_MODEL)";

    private TriageService(
            TriageSettings settings,
            Clock clock,
            SimilarIncidents similar,
            RunbookDirectory runbooks) {
        this.settings = settings;
        this.clock = clock;
        this.similar = similar;
        this.runbooks = runbooks;
    }

    /**
     * Opens what {@code settings} configure: the runbook directory and the past incidents are read
     * now (a bad path fails here, at start); the model is loaded at the first request.
     */
    public static TriageService of(TriageSettings settings, Clock clock) {
        RunbookDirectory runbooks =
                settings.runbooks() == null ? null : RunbookDirectory.load(settings.runbooks());
        SimilarIncidents index =
                settings.pastIncidents() == null ? null : index(settings.pastIncidents());
        return new TriageService(settings, clock, index, runbooks);
    }

    /** A service without model: every request answers 503 {@code model_unavailable}. */
    public static TriageService unconfigured() {
        return of(TriageSettings.none(), Clock.systemUTC());
    }

    /** The suggestion for one request. */
    public TriageResponse triage(TriageRequest request) {
        TriageModel m = currentModel();
        TriageInput in = request.input();
        Suggestion s;
        try {
            s = m.suggest(in);
        } catch (TriageException e) {
            throw ApiException.invalid(e.field() == null ? "body" : e.field(), e.getMessage());
        }
        Map<String, TriageResponse.Target> predictions = new LinkedHashMap<>();
        s.predictions().forEach((k, p) -> predictions.put(k, target(p)));
        List<SimilarIncident> hits =
                similar == null || request.similar() == 0
                        ? List.of()
                        : similar.search(
                                queryText(in),
                                new SearchFilters(null, blankToNull(in.environment()), null, null),
                                request.similar());
        TriageResponse.Runbook runbook = null;
        if (runbooks != null) {
            String category = s.category().map(Prediction::label).orElse(null);
            runbook =
                    runbooks.suggest(category, in.alertNames())
                            .map(r -> new TriageResponse.Runbook(r.path(), r.matchedBy()))
                            .orElse(null);
        }
        return new TriageResponse(
                s.category().map(TriageService::target).orElse(null),
                s.team().map(TriageService::target).orElse(null),
                s.priority().map(Enum::name).orElse(null),
                s.priorityConfidence(),
                predictions,
                s.abstain(),
                s.abstain() ? ROUTE_TO_L1 : SUGGEST,
                hits,
                runbook,
                new TriageResponse.Model(
                        m.metadata().createdAt(),
                        m.metadata().trainingRows(),
                        m.metadata().trainingDataSha256()));
    }

    private TriageModel currentModel() {
        ReloadingTriageModel r = model;
        if (r != null) {
            return r.current();
        }
        if (settings.model() == null) {
            throw new ApiException(ErrorCode.MODEL_UNAVAILABLE, null, loadError, null);
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (model == null && !now.isBefore(nextAttempt)) {
                nextAttempt = now.plus(settings.reloadInterval());
                try {
                    model =
                            new ReloadingTriageModel(
                                    settings.model(), settings.reloadInterval(), clock);
                } catch (TriageException e) {
                    loadError =
                            "triage model not loaded from "
                                    + settings.model()
                                    + ": "
                                    + e.getMessage();
                }
            }
            if (model == null) {
                throw new ApiException(ErrorCode.MODEL_UNAVAILABLE, null, loadError, null);
            }
            return model.current();
        }
    }

    private static TriageResponse.Target target(Prediction p) {
        return new TriageResponse.Target(p.label(), p.confidence(), p.abstain());
    }

    private static String queryText(TriageInput in) {
        return String.join(" ", in.title(), in.description(), String.join(" ", in.alertNames()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** An in-memory BM25 index of the past incidents in an NDJSON file (one incident per line). */
    static SimilarIncidents index(Path ndjson) {
        ObjectMapper json = EventJson.mapper();
        SimilarIncidents index = SimilarIncidents.inMemory();
        try (BufferedReader r = Files.newBufferedReader(ndjson)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    index.add(json.readValue(line, PastIncident.class));
                } catch (IOException | TriageException e) {
                    throw new IllegalArgumentException(
                            ndjson + " line " + n + " is not a past incident: " + e.getMessage(),
                            e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read past incidents " + ndjson, e);
        }
        index.commit();
        return index;
    }

    /** The number of past incidents searchable (0 without an index). */
    public int pastIncidents() {
        return similar == null ? 0 : similar.size();
    }

    /** Whether a model is configured at all (it may still fail to load). */
    public boolean configured() {
        return settings.model() != null;
    }

    @Override
    public void close() throws IOException {
        if (similar != null) {
            similar.close();
        }
    }
}
