package dev.incidentintel.correlation.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink cluster (session cluster, or the JobManager of any deployment) reached over its REST API:
 * submits the correlation job with its job jar the way {@code flink run} does (the job graph is
 * built here and posted with the jar to {@code /jobs}), lists jobs, and stops a job with a
 * savepoint ({@code POST /jobs/:id/stop}, then polls {@code /jobs/:id/savepoints/:trigger}).
 *
 * <p>Restoring from a savepoint maps operator state by uid ({@code CorrelationJob.UID_*}), so a new
 * version of the job restores as long as the uids stay; state of an operator that no longer exists
 * is refused unless {@code allowNonRestoredState}.
 *
 * @param restUrl e.g. {@code http://127.0.0.1:8081}
 */
public record RemoteCluster(URI restUrl) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A job as {@code /jobs/overview} lists it. */
    public record JobInfo(String id, String name, String state) {}

    public RemoteCluster {
        if (restUrl == null || restUrl.getHost() == null || restUrl.getPort() < 0) {
            throw new IllegalArgumentException(
                    "Flink REST URL must be like http://host:8081 but was " + restUrl);
        }
    }

    public static RemoteCluster of(String restUrl) {
        return new RemoteCluster(
                URI.create(
                        restUrl.endsWith("/")
                                ? restUrl.substring(0, restUrl.length() - 1)
                                : restUrl));
    }

    /**
     * Submits {@code job} with {@code jobJar} (the shaded {@code correlation-job-*-job.jar});
     * returns the job id once the cluster accepted it.
     *
     * @param savepoint savepoint or retained checkpoint to restore from, or null
     * @param flinkOptions further job-level Flink options (e.g. {@code
     *     execution.checkpointing.dir})
     */
    public String submit(
            CorrelationJob job,
            Path jobJar,
            int parallelism,
            String savepoint,
            boolean allowNonRestoredState,
            Map<String, String> flinkOptions)
            throws Exception {
        if (!Files.isRegularFile(jobJar)) {
            throw new IllegalArgumentException(
                    "job jar "
                            + jobJar
                            + " does not exist (built by mvnw package in correlation-job)");
        }
        Configuration client = new Configuration();
        flinkOptions.forEach(client::setString);
        if (savepoint != null && !savepoint.isBlank()) {
            client.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            client.set(
                    StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        restUrl.getHost(),
                        restUrl.getPort(),
                        client,
                        jobJar.toAbsolutePath().toString());
        env.setParallelism(parallelism);
        JobClient submitted = job.start(env);
        return submitted.getJobID().toHexString();
    }

    /** Every job the cluster knows, newest first as Flink lists them. */
    public List<JobInfo> jobs() throws IOException, InterruptedException {
        List<JobInfo> jobs = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            jobs.add(
                    new JobInfo(
                            j.path("jid").asText(),
                            j.path("name").asText(),
                            j.path("state").asText()));
        }
        return jobs;
    }

    /** State of one job ({@code RUNNING}, {@code RESTARTING}, {@code FINISHED}, ...). */
    public String state(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /**
     * Failures of a job since submission, each followed by a restart under the restart strategy
     * (entries of {@code /jobs/:id/exceptions}; unlike the {@code numRestarts} metric, not cached
     * for the metrics fetch interval).
     */
    public int failures(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    /** When the job last entered each state (epoch ms by state name, e.g. RESTARTING, RUNNING). */
    public Map<String, Long> stateTimestamps(String jobId)
            throws IOException, InterruptedException {
        Map<String, Long> out = new java.util.TreeMap<>();
        get("/jobs/" + jobId)
                .path("timestamps")
                .fields()
                .forEachRemaining(
                        e -> {
                            if (e.getValue().asLong() > 0) {
                                out.put(e.getKey(), e.getValue().asLong());
                            }
                        });
        return out;
    }

    /** Checkpoints of a job completed so far ({@code /jobs/:id/checkpoints}). */
    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** True when the job is RUNNING and every one of its tasks is RUNNING (not just scheduled). */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode v : job.path("vertices")) {
            if (!v.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resource ids of the TaskManagers running tasks of the job ({@code taskmanager.resource-id}).
     */
    public java.util.Set<String> taskManagersOf(String jobId)
            throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm :
                    get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers")
                            .path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** Cancels a job without a savepoint ({@code PATCH /jobs/:id?mode=cancel}). */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(
                HttpRequest.newBuilder(restUrl.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Stops the job with a savepoint in {@code targetDirectory} (null: the cluster's {@code
     * execution.checkpointing.savepoint-dir}) and returns the savepoint's location.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        Map<String, Object> body =
                targetDirectory == null
                        ? Map.of("drain", false)
                        : Map.of("drain", false, "targetDirectory", targetDirectory);
        JsonNode accepted =
                send(
                        HttpRequest.newBuilder(restUrl.resolve("/jobs/" + jobId + "/stop"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body))));
        String trigger = accepted.path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = status.path("operation");
                if (op.has("location")) {
                    return op.path("location").asText();
                }
                throw new IOException(
                        "stop-with-savepoint of "
                                + jobId
                                + " failed: "
                                + op.path("failure-cause")
                                        .path("stack-trace")
                                        .asText(op.toString())
                                        .lines()
                                        .findFirst()
                                        .orElse(""));
            }
            Thread.sleep(250);
        }
        throw new IOException(
                "stop-with-savepoint of "
                        + jobId
                        + " not complete after "
                        + timeout.toSeconds()
                        + " s");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(restUrl.resolve(path)).GET());
    }

    private static JsonNode send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(
                    "Flink REST "
                            + r.request().method()
                            + " "
                            + r.request().uri()
                            + " answered "
                            + r.statusCode()
                            + ": "
                            + r.body());
        }
        return JSON.readTree(r.body());
    }
}
