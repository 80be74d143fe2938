package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.app.Main;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageCommandsTest {
    private static final String[][] WORDS = {
        {"postgres", "replication", "lag", "query", "deadlock", "vacuum"},
        {"vpn", "latency", "packet", "router", "dns", "firewall"},
        {"password", "reset", "login", "account", "locked", "mfa"},
    };
    private static final String[] LABELS = {"database", "network", "access"};

    static Path fixture(Path dir) throws Exception {
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder("title,body,category,team\n");
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            csv.append(WORDS[c][r.nextInt(6)])
                    .append(' ')
                    .append(WORDS[c][r.nextInt(6)])
                    .append(",\"")
                    .append(WORDS[c][r.nextInt(6)])
                    .append(", please help ")
                    .append(WORDS[c][r.nextInt(6)])
                    .append("\",")
                    .append(LABELS[c])
                    .append(",team-")
                    .append(LABELS[c])
                    .append('\n');
        }
        Path f = dir.resolve("tickets.csv");
        Files.writeString(f, csv);
        Files.writeString(dir.resolve("opts.properties"), "triage.folds=3\ntriage.hash_bits=12\n");
        return f;
    }

    @Test
    void trainWritesALoadableModel(@TempDir Path dir) throws Exception {
        Path csv = fixture(dir);
        Path out = dir.resolve("model");
        int rc =
                quietly(
                        () ->
                                Main.run(
                                        new String[] {
                                            "train",
                                            "--data",
                                            csv.toString(),
                                            "--text-cols",
                                            "title,body",
                                            "--target",
                                            "category,team",
                                            "--out",
                                            out.toString(),
                                            "--candidates",
                                            "maxent",
                                            "--options",
                                            dir.resolve("opts.properties").toString()
                                        }));
        assertThat(rc).isZero();
        TriageModel m = TriageModel.load(out);
        assertThat(m.targets()).containsExactlyInAnyOrder("category", "team");
        assertThat(
                        m.suggest(TriageInput.ofText("vpn router", "dns latency"))
                                .team()
                                .orElseThrow()
                                .label())
                .isEqualTo("team-network");
    }

    @Test
    void trainNeedsDataOrTheHistoryAndTextColumnsWithData(@TempDir Path dir) throws Exception {
        Path csv = fixture(dir);
        String out = dir.resolve("model").toString();
        assertThat(quietly(() -> Main.run(new String[] {"train", "--out", out}))).isEqualTo(2);
        assertThat(
                        quietly(
                                () ->
                                        Main.run(
                                                new String[] {
                                                    "train", "--data", csv.toString(), "--out", out
                                                })))
                .isEqualTo(2);
        assertThat(
                        quietly(
                                () ->
                                        Main.run(
                                                new String[] {
                                                    "train",
                                                    "--from-clickhouse",
                                                    "--since",
                                                    "-P1D",
                                                    "--out",
                                                    out
                                                })))
                .isEqualTo(2);
        assertThat(dir.resolve("model")).doesNotExist();
    }

    @Test
    void evaluatePrintsTheDocumentedJsonKeys(@TempDir Path dir) throws Exception {
        Path csv = fixture(dir);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            rc =
                    quietly(
                            () ->
                                    Main.run(
                                            new String[] {
                                                "evaluate",
                                                "triage",
                                                "--train",
                                                csv.toString(),
                                                "--text-cols",
                                                "title,body",
                                                "--target",
                                                "category",
                                                "--json",
                                                "--candidates",
                                                "maxent",
                                                "--options",
                                                dir.resolve("opts.properties").toString()
                                            }));
        } finally {
            System.setOut(old);
        }
        assertThat(rc).isZero();
        JsonNode j = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
        assertThat(
                        j.has("accuracy")
                                && j.has("macro_f1")
                                && j.has("baseline_accuracy")
                                && j.has("baseline_macro_f1")
                                && j.has("confusion_matrix"))
                .isTrue();
        assertThat(j.get("test_rows").asInt()).isEqualTo(18); // 20 % of 90, stratified: 6 per class
        assertThat(j.get("per_class").has("network")).isTrue();
        assertThat(j.get("accuracy").asDouble()).isBetween(0.0, 1.0);
    }

    /** Runs with stderr (progress bars) swallowed. */
    static int quietly(java.util.function.IntSupplier run) {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        } finally {
            System.setErr(err);
        }
    }
}
