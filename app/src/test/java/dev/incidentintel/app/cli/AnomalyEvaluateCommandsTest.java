package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate logparse} and {@code evaluate nab} on tiny hand-made folders in the dataset
 * layouts.
 */
class AnomalyEvaluateCommandsTest {

    @Test
    void logparsePrintsGroupingAccuracyAsJsonAndWritesTheCsv(@TempDir Path dir) throws Exception {
        Path sys = Files.createDirectories(dir.resolve("in/HDFS"));
        Files.writeString(
                sys.resolve("HDFS_2k.log"),
                String.join(
                                "\n",
                                "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3 terminating",
                                "081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_-6 terminating",
                                "081109 204005 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated",
                                "081109 204015 308 INFO dfs.DataNode$PacketResponder: Received block blk_8 of size 67108864 from /10.0.0.1",
                                "")
                        + "\n");
        // Truth puts lines 3 and 4 in one group: the miner keeps them apart, so only lines 1-2
        // count: 2/4.
        Files.writeString(
                sys.resolve("HDFS_2k.log_structured.csv"),
                "LineId,Content,EventId,EventTemplate\n"
                        + "1,x,E1,PacketResponder <*> for block <*> terminating\n"
                        + "2,x,E1,PacketResponder <*> for block <*> terminating\n"
                        + "3,x,E2,merged\n4,x,E2,merged\n");
        Path out = dir.resolve("out");
        String printed =
                run(
                        () ->
                                Main.run(
                                        new String[] {
                                            "evaluate",
                                            "logparse",
                                            "--dir",
                                            dir.resolve("in").toString(),
                                            "--out",
                                            out.toString(),
                                            "--json"
                                        }));
        JsonNode json = new ObjectMapper().readTree(printed);
        assertThat(json.get("systems").get(0).get("system").asText()).isEqualTo("HDFS");
        assertThat(json.get("systems").get(0).get("grouping_accuracy").asDouble()).isEqualTo(0.5);
        assertThat(json.get("average_grouping_accuracy").asDouble()).isEqualTo(0.5);
        assertThat(Files.readAllLines(out.resolve("HDFS_2k.log_parsed.csv")))
                .hasSize(5)
                .startsWith(
                        "LineId,EventTemplate", "1,PacketResponder <*> for block <*> terminating");
    }

    @Test
    void nabScoresAPerfectlyTimedJumpAndWritesScores(@TempDir Path dir) throws Exception {
        Path cat = Files.createDirectories(dir.resolve("data/artificial"));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        // 2000 five-minute points of a flat line with tiny alternation, then a jump at row 1500.
        for (int i = 0; i < 2000; i++) {
            long minutes = 5L * i;
            csv.append(
                    String.format(
                            "2014-04-%02d %02d:%02d:00,%s%n",
                            1 + minutes / 1440,
                            (minutes / 60) % 24,
                            minutes % 60,
                            (i >= 1500 ? 80 : 10) + (i % 2 == 0 ? 0.1 : -0.1)));
        }
        Files.writeString(cat.resolve("jump.csv"), csv);
        // Window rows 1400..1599 (timestamps of those rows).
        Files.writeString(
                dir.resolve("data/combined_windows.json"),
                "{\"artificial/jump.csv\": [[\"2014-04-05 20:40:00.000000\", \"2014-04-06 13:15:00.000000\"]]}");
        Path out = dir.resolve("out");
        String printed =
                run(
                        () ->
                                Main.run(
                                        new String[] {
                                            "evaluate",
                                            "nab",
                                            "--data",
                                            dir.resolve("data").toString(),
                                            "--out",
                                            out.toString(),
                                            "--json"
                                        }));
        JsonNode json = new ObjectMapper().readTree(printed);
        assertThat(json.get("files_scored").asInt()).isEqualTo(1);
        assertThat(json.get("windows").asInt()).isEqualTo(1);
        JsonNode standard = json.get("profiles").get("standard");
        // Detected in the middle of the window (y = -100/200 = -0.5) with no false positive:
        // sigma(-0.5) / sigma(-1) = 0.8483 / 0.9866 = 0.8598, normalised (0.8598 + 1) / 2 = 93.0.
        assertThat(standard.get("true_positives").asInt()).isEqualTo(1);
        assertThat(standard.get("false_positives").asInt()).isZero();
        assertThat(standard.get("score").asDouble()).isBetween(92.9, 93.1);
        assertThat(Files.readAllLines(out.resolve("artificial/jump.csv")))
                .hasSize(2001)
                .first()
                .isEqualTo("timestamp,value,anomaly_score");
    }

    private static String run(Callable<Integer> command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertThat(command.call()).isZero();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
