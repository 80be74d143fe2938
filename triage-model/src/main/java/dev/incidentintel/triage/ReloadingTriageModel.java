package dev.incidentintel.triage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link TriageModel} of a model directory and swaps in a new one when the
 * artifact file changes, so the API and the job pick up {@code incident-intel train} output without
 * a restart. {@link #current()} checks the file's modification time at most once per {@code
 * checkInterval}; a file that fails to load is logged and the previous model is kept.
 */
public final class ReloadingTriageModel {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTriageModel.class);
    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private volatile TriageModel model;
    private volatile FileTime loadedVersion;
    private volatile Instant nextCheck;

    /** Loads the model now; fails when it cannot. */
    public ReloadingTriageModel(Path modelDir, Duration checkInterval, Clock clock) {
        this.file = Files.isDirectory(modelDir) ? modelDir.resolve(TriageModel.ARTIFACT) : modelDir;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.loadedVersion = modified();
        this.model = TriageModel.load(file);
        this.nextCheck = clock.instant().plus(checkInterval);
    }

    /** The newest model that loaded. */
    public TriageModel current() {
        Instant now = clock.instant();
        if (!now.isBefore(nextCheck)) {
            synchronized (this) {
                if (!now.isBefore(nextCheck)) {
                    nextCheck = now.plus(checkInterval);
                    reloadIfChanged();
                }
            }
        }
        return model;
    }

    /** Checks now; true when a new model was loaded. */
    public synchronized boolean reloadIfChanged() {
        FileTime m = modified();
        if (m == null || m.equals(loadedVersion)) {
            return false;
        }
        try {
            model = TriageModel.load(file);
            loadedVersion = m;
            LOG.info("reloaded triage model {} (trained {})", file, model.metadata().createdAt());
            return true;
        } catch (TriageException e) {
            LOG.warn("keeping the previous triage model: {}", e.getMessage());
            loadedVersion = m;
            return false;
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
