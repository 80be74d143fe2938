package dev.incidentintel.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.localstack.FreePorts;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Path.of(System.getProperty("java.io.tmpdir"), "incident-intel-it-" + ProcessHandle.current().pid());
    assertThat(clickHouse.dataDir()).isEqualTo(expectedBase.resolve("clickhouse").toAbsolutePath().normalize());
    assertThat(kafka.dataDir()).isEqualTo(expectedBase.resolve("kafka").toAbsolutePath().normalize());

    String database = SharedTestInfra.uniqueName("shared_it");
    clickHouse.createDatabase(database);
    assertThat(clickHouse.query("SELECT count() FROM system.databases WHERE name = '" + database + "'"))
        .isEqualTo("1\n");
    kafka.createTopics(List.of(SharedTestInfra.uniqueName("shared_it")), 2);
  }

  @Test
  void jvmExitStopsTheSharedServicesLeavingNoProcessBehind() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                SharedInfraChildMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child output:%n%s", output).isTrue();
    assertThat(child.exitValue()).as("child output:%n%s", output).isZero();

    Map<String, String> reported = new HashMap<>();
    for (String line : output.split("\\R")) {
      int eq = line.indexOf('=');
      if (line.startsWith("clickhouse.") || line.startsWith("kafka.")) {
        reported.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertThat(reported).as("child output:%n%s", output).containsKeys("clickhouse.pid", "kafka.port");
    long pid = Long.parseLong(reported.get("clickhouse.pid"));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(new File(reported.get("clickhouse.dir"), "clickhouse.pid")).doesNotExist();
    assertThat(FreePorts.isFree(Integer.parseInt(reported.get("kafka.port")))).isTrue();
  }
}
