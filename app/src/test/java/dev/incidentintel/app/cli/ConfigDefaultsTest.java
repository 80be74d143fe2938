package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConfigDefaultsTest {

    @Command(name = "probe")
    static class Probe implements Runnable {
        @Mixin EndpointOptions endpoints = new EndpointOptions();

        @Override
        public void run() {}
    }

    private static EndpointOptions parse(Map<String, String> env, Properties file, String... args) {
        Probe probe = new Probe();
        CommandLine cl = new CommandLine(probe);
        cl.setDefaultValueProvider(new ConfigDefaults(env, file));
        cl.parseArgs(args);
        return probe.endpoints;
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFileWhichWinsOverBuiltInDefaults() {
        Properties file = new Properties();
        file.setProperty("api.port", "9001");
        file.setProperty("ingest.port", "9002");
        file.setProperty("kafka.bootstrap.servers", "file:9092");
        Map<String, String> env = Map.of("API_PORT", "9101", "KAFKA_BOOTSTRAP_SERVERS", "env:9092");

        EndpointOptions o = parse(env, file, "--kafka-bootstrap-servers", "flag:9092");

        assertThat(o.kafkaBootstrapServers).isEqualTo("flag:9092");
        assertThat(o.apiPort).isEqualTo(9101);
        assertThat(o.ingestPort).isEqualTo(9002);
        assertThat(o.clickhouseUrl).isEmpty();
        assertThat(o.groupGap).isEqualTo("PT5M");
    }

    @Test
    void namesDeriveFromTheLongOptionName() {
        assertThat(ConfigDefaults.envName("clickhouse-url")).isEqualTo("CLICKHOUSE_URL");
        assertThat(ConfigDefaults.fileKey("clickhouse-url")).isEqualTo("clickhouse.url");
    }
}
