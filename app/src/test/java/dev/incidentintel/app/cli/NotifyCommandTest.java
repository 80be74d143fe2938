package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code notify} refuses to start without channels, Kafka, or with a broken config, saying why. */
class NotifyCommandTest {
    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NotifyCommand());
        cmd.setErr(new PrintWriter(err));
        cmd.setExecutionExceptionHandler(
                (e, c, p) -> {
                    c.getErr().println(e.getMessage());
                    return 1;
                });
        assertThat(cmd.execute(args)).isEqualTo(1);
        return err.toString();
    }

    @Test
    void needsAConfigAndKafka(@TempDir Path dir) throws Exception {
        assertThat(run()).contains("--notify-config");
        Path config = dir.resolve("notify.yaml");
        Files.writeString(
                config, "channels: [{name: a, kind: webhook, url: 'http://127.0.0.1:1/x'}]\n");
        assertThat(run("--notify-config", config.toString())).contains("no Kafka configured");
    }

    @Test
    void namesTheBadChannelOfABrokenConfig(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("notify.yaml");
        Files.writeString(
                config, "channels: [{name: a, kind: teams, url: 'http://127.0.0.1:1/x'}]\n");
        assertThat(
                        run(
                                "--notify-config",
                                config.toString(),
                                "--kafka-bootstrap-servers",
                                "127.0.0.1:1"))
                .contains("channels[0]: unknown channel kind 'teams'");
    }
}
