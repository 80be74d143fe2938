package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.triage.IncidentTriage;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.triage.ReloadingTriageModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Attaches triage suggestions (category, team, priority, confidence) to incident updates ({@link
 * IncidentTriage} decides). Stateless: the model is loaded in {@link #open} from a model directory
 * written by {@code incident-intel train} and reloaded when its file changes, so a retrained model
 * is used without restarting the job.
 */
public final class TriageIncidentsFunction extends RichMapFunction<IncidentUpdate, IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    /** How often the model file is checked for a newer version. */
    static final Duration RELOAD_CHECK = Duration.ofSeconds(10);

    private final String modelPath;
    private transient ReloadingTriageModel model;

    public TriageIncidentsFunction(String modelPath) {
        this.modelPath = modelPath;
    }

    @Override
    public void open(OpenContext openContext) {
        model = new ReloadingTriageModel(Path.of(modelPath), RELOAD_CHECK, Clock.systemUTC());
    }

    @Override
    public IncidentUpdate map(IncidentUpdate u) {
        Incident enriched = IncidentTriage.enrich(u.incident(), model.current());
        return enriched == u.incident()
                ? u
                : new IncidentUpdate(enriched, u.change(), u.newLinks());
    }
}
