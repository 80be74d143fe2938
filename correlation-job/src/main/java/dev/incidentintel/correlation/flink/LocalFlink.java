package dev.incidentintel.correlation.flink;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local Flink environment (a MiniCluster in this JVM) used by {@code incident-intel job},
 * {@code demo}, the evaluation commands and the load harness.
 *
 * <p>Checkpoints go to a folder on disk. Flink's default keeps them in JobManager memory, which
 * refuses a checkpoint once one operator's state passes 5 MiB: with a few thousand open or recently
 * resolved incidents the job then fails every checkpoint and, with restarts on, loops back to its
 * last good one. On a Flink cluster the cluster's own {@code execution.checkpointing.dir} applies
 * instead (see README, "Running at scale").
 */
public final class LocalFlink {
    private LocalFlink() {}

    /**
     * The Flink configuration of a local run: file-system checkpoint storage under {@code
     * checkpointDir}, and either exponential-delay restarts or none.
     */
    public static Configuration configuration(Path checkpointDir, boolean restartOnFailure) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpointDir.toAbsolutePath().toUri().toString());
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY,
                restartOnFailure ? "exponential-delay" : "none");
        return flink;
    }

    /** A local environment with {@link #configuration}. */
    public static StreamExecutionEnvironment environment(
            int parallelism, Path checkpointDir, boolean restartOnFailure) {
        return StreamExecutionEnvironment.createLocalEnvironment(
                parallelism, configuration(checkpointDir, restartOnFailure));
    }
}
