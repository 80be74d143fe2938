package dev.incidentintel.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.localstack.FreePorts;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedTestInfraIT {

    @Test
    void servicesAreStartedOnceAndUsableWithUniqueNames() {
        LocalKafka kafka = SharedTestInfra.kafka();
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        assertThat(SharedTestInfra.kafka()).isSameAs(kafka);
        assertThat(SharedTestInfra.clickHouse()).isSameAs(clickHouse);

        Path expectedBase =
                Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "incident-intel-it-" + ProcessHandle.current().pid());
        assertThat(clickHouse.dataDir())
                .isEqualTo(expectedBase.resolve("clickhouse").toAbsolutePath().normalize());
        assertThat(kafka.dataDir())
                .isEqualTo(expectedBase.resolve("kafka").toAbsolutePath().normalize());

        String database = SharedTestInfra.uniqueName("shared_it");
        clickHouse.createDatabase(database);
        assertThat(
                        clickHouse.query(
                                "SELECT count() FROM system.databases WHERE name = '"
                                        + database
                                        + "'"))
                .isEqualTo("1\n");
        kafka.createTopics(List.of(SharedTestInfra.uniqueName("shared_it")), 2);
    }

    @Test
    void jvmExitStopsTheSharedServicesLeavingNoProcessBehind() throws Exception {
        Process child = startChild("exit");
        String output = readUntilExit(child);
        assertThat(child.exitValue()).as("child output:%n%s", output).isZero();
        assertServicesGone(parse(output), output);
    }

    @Test
    void sigtermStopsTheSharedServicesLeavingNoProcessBehind() throws Exception {
        Process child = startChild("wait");
        BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null && !line.equals("ready")) {
            output.append(line).append('\n');
        }
        assertThat(line).as("child output:%n%s", output).isEqualTo("ready");

        child.destroy(); // SIGTERM, like Ctrl-C
        output.append(readUntilExit(child));
        assertServicesGone(parse(output.toString()), output.toString());
    }

    private static Process startChild(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SharedInfraChildMain.class.getName(),
                        mode)
                .redirectErrorStream(true)
                .start();
    }

    private static String readUntilExit(Process child) throws Exception {
        // Drain in the background so a hung child fails the test by timeout instead of blocking it.
        CompletableFuture<String> output =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return new String(
                                        child.getInputStream().readAllBytes(),
                                        StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                return "(cannot read child output: " + e + ")";
                            }
                        });
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String text = output.get(10, TimeUnit.SECONDS);
        assertThat(exited).as("child did not exit within 60 s; output:%n%s", text).isTrue();
        return text;
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> reported = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && (line.startsWith("clickhouse.") || line.startsWith("kafka."))) {
                reported.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return reported;
    }

    private static void assertServicesGone(Map<String, String> reported, String output) {
        assertThat(reported)
                .as("child output:%n%s", output)
                .containsKeys("clickhouse.pid", "clickhouse.dir", "kafka.port");
        long pid = Long.parseLong(reported.get("clickhouse.pid"));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("clickhouse-server pid %d still alive", pid)
                .isFalse();
        assertThat(new File(reported.get("clickhouse.dir"), "clickhouse.pid")).doesNotExist();
        assertThat(FreePorts.isFree(Integer.parseInt(reported.get("kafka.port")))).isTrue();
    }
}
