package dev.incidentintel.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.incidentintel.triage.classify.TargetModel;
import dev.incidentintel.triage.features.FeatureVector;
import dev.incidentintel.triage.features.TicketFeaturizer;
import dev.incidentintel.triage.features.Vocabulary;
import dev.incidentintel.triage.priority.Level;
import dev.incidentintel.triage.priority.Priority;
import dev.incidentintel.triage.priority.PriorityMatrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A trained triage model: one classifier per target (category, team, impact, urgency, or any
 * dataset column), the featurizer options it was trained with, and its metadata. Immutable and
 * thread-safe; {@link #suggest} is the inference entry point for the API and the job.
 *
 * <p>On disk a model is a directory with {@value #ARTIFACT} (Java serialisation of the Smile
 * models, read back through an allow-list filter) and a human-readable {@value #METADATA}.
 */
public final class TriageModel {
    /** The serialised model inside a model directory. */
    public static final String ARTIFACT = "triage-model.bin";

    /** The metadata copy inside a model directory. */
    public static final String METADATA = "metadata.json";

    private static final int FORMAT = 2;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Options options;
    private final Map<String, TargetModel> targets;
    private final ModelMetadata metadata;
    private final TicketFeaturizer featurizer;
    private final Vocabulary vocabulary;

    TriageModel(
            Options options,
            Vocabulary vocabulary,
            Map<String, TargetModel> targets,
            ModelMetadata metadata) {
        this.options = options;
        this.vocabulary = vocabulary;
        this.targets = Map.copyOf(new LinkedHashMap<>(targets));
        this.metadata = metadata;
        this.featurizer = TriageTrainer.featurizer(options);
    }

    public Options options() {
        return options;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** Names of the trained targets. */
    public Set<String> targets() {
        return targets.keySet();
    }

    /** The fitted model of one target (for evaluation tools). */
    public TargetModel target(String name) {
        TargetModel t = targets.get(name);
        if (t == null) {
            throw new TriageException(
                    "target", "model has no target '" + name + "', it has " + targets.keySet());
        }
        return t;
    }

    /** Features of an input, as the classifiers see them. */
    public FeatureVector features(TriageInput in) {
        return vocabulary.apply(featurizer.counts(in));
    }

    /** One target's prediction. */
    public Prediction predict(String target, TriageInput in) {
        return target(target).predict(features(in));
    }

    /**
     * Every target's prediction plus the priority: impact and urgency stated in the input win over
     * the model's; the ITIL matrix turns them into P1..P5 when both read as high/medium/low.
     * Without both, a {@code priority} target (learnt from P1..P5 set by people) gives it when it
     * does not abstain.
     */
    public Suggestion suggest(TriageInput in) {
        FeatureVector x = features(in);
        Map<String, Prediction> out = new LinkedHashMap<>();
        for (Map.Entry<String, TargetModel> e : targets.entrySet()) {
            out.put(e.getKey(), e.getValue().predict(x));
        }
        double conf = 1.0;
        Optional<Level> impact = Level.parse(in.impact());
        if (impact.isEmpty() && out.containsKey(Suggestion.IMPACT)) {
            impact = Level.parse(out.get(Suggestion.IMPACT).label());
            conf *= out.get(Suggestion.IMPACT).confidence();
        }
        Optional<Level> urgency = Level.parse(in.urgency());
        if (urgency.isEmpty() && out.containsKey(Suggestion.URGENCY)) {
            urgency = Level.parse(out.get(Suggestion.URGENCY).label());
            conf *= out.get(Suggestion.URGENCY).confidence();
        }
        Optional<Priority> priority =
                impact.isPresent() && urgency.isPresent()
                        ? Optional.of(PriorityMatrix.priority(impact.get(), urgency.get()))
                        : Optional.empty();
        Prediction learnt = out.get(Suggestion.PRIORITY);
        if (priority.isEmpty() && learnt != null && !learnt.abstain()) {
            // History that records only P1..P5 (set by people) trains a priority target directly;
            // the
            // matrix stays the rule whenever impact and urgency are known.
            priority = Priority.parse(learnt.label());
            conf = learnt.confidence();
        }
        boolean abstain;
        if (out.containsKey(Suggestion.CATEGORY) || out.containsKey(Suggestion.TEAM)) {
            abstain =
                    (out.containsKey(Suggestion.CATEGORY) && out.get(Suggestion.CATEGORY).abstain())
                            || (out.containsKey(Suggestion.TEAM)
                                    && out.get(Suggestion.TEAM).abstain());
        } else {
            abstain = out.values().stream().anyMatch(Prediction::abstain);
        }
        return new Suggestion(out, priority, priority.isPresent() ? conf : 0.0, abstain);
    }

    /** A copy that abstains below {@code threshold} on every target. */
    public TriageModel withAbstainThreshold(double threshold) {
        Map<String, TargetModel> copy = new LinkedHashMap<>();
        targets.forEach((k, v) -> copy.put(k, v.withThreshold(threshold)));
        return new TriageModel(options.withAbstainThreshold(threshold), vocabulary, copy, metadata);
    }

    /** Writes {@value #ARTIFACT} and {@value #METADATA} into {@code dir} (created when missing). */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            // Write next to the target and move: a reloading reader never sees half a file.
            Path tmp = Files.createTempFile(dir, ARTIFACT, ".tmp");
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp));
                    ObjectOutputStream out = new ObjectOutputStream(os)) {
                out.writeObject(
                        new Artifact(
                                FORMAT,
                                options.toProperties(),
                                vocabulary,
                                new LinkedHashMap<>(targets),
                                JSON.writeValueAsString(metadata)));
            }
            Files.move(
                    tmp,
                    dir.resolve(ARTIFACT),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            JSON.writeValue(dir.resolve(METADATA).toFile(), metadata);
        } catch (IOException e) {
            throw new TriageException(
                    "model", "cannot write model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model from a model directory or directly from its {@value #ARTIFACT} file. */
    public static TriageModel load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(ARTIFACT) : path;
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file));
                ObjectInputStream in = new ObjectInputStream(is)) {
            // Only our classes, Smile's and the JDK's may be instantiated from a model file.
            in.setObjectInputFilter(
                    ObjectInputFilter.Config.createFilter(
                            "maxdepth=64;dev.incidentintel.triage.**;smile.**;java.**;[D;[I;[J;[Z;[F;[B;[[D;[[I;!*"));
            Object o = in.readObject();
            if (!(o instanceof Artifact a)) {
                throw new TriageException("model", file + " is not a triage model");
            }
            if (a.format != FORMAT) {
                throw new TriageException(
                        "model", file + " has format " + a.format + ", expected " + FORMAT);
            }
            return new TriageModel(
                    Options.of(a.options),
                    a.vocabulary,
                    a.targets,
                    JSON.readValue(a.metadataJson, ModelMetadata.class));
        } catch (IOException | ClassNotFoundException e) {
            throw new TriageException(
                    "model", "cannot read model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The serialised form. */
    private record Artifact(
            int format,
            Properties options,
            Vocabulary vocabulary,
            LinkedHashMap<String, TargetModel> targets,
            String metadataJson)
            implements Serializable {}
}
