package dev.incidentintel.localstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.localstack.LocalStackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseInstallerTest {

    @TempDir Path dir;

    private Path sbin;
    private Path bin;
    private Path lock;
    private final List<List<String>> commands = new ArrayList<>();
    private final List<Map<String, String>> environments = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws IOException {
        sbin = Files.createDirectories(dir.resolve("sbin"));
        bin = Files.createDirectories(dir.resolve("bin"));
        lock = dir.resolve("install.lock");
    }

    @Test
    void findsTheFirstExecutableCandidateWithoutInstalling() throws IOException {
        Path second = executable(bin.resolve("clickhouse-server"));
        ClickHouseInstaller installer = installer(false, (c, e, o) -> fail(c));

        assertThat(installer.ensure(out)).isEqualTo(second);
        executable(sbin.resolve("clickhouse-server"));
        assertThat(installer.ensure(out)).isEqualTo(sbin.resolve("clickhouse-server"));
        assertThat(commands).isEmpty();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void ignoresNonExecutableFilesAndDirectoriesAndSearchesPath() throws IOException {
        Files.writeString(sbin.resolve("clickhouse-server"), "not executable");
        Files.createDirectories(bin.resolve("clickhouse-server"));
        Path onPath =
                executable(
                        Files.createDirectories(dir.resolve("opt")).resolve("clickhouse-server"));
        String pathEnv = dir.resolve("nothing-here") + ":" + "" + ":" + onPath.getParent();

        ClickHouseInstaller installer =
                new ClickHouseInstaller(candidates(), pathEnv, false, (c, e, o) -> fail(c), lock);

        assertThat(installer.findServerBinary()).contains(onPath);
    }

    @Test
    void installsWithAptGetAsRootWhenMissing() {
        ClickHouseInstaller installer = installer(true, recordingRunner(true));

        Path found = installer.ensure(out);

        assertThat(found).isEqualTo(sbin.resolve("clickhouse-server"));
        assertThat(commands)
                .containsExactly(
                        List.of("apt-get", "update"),
                        List.of(
                                "apt-get",
                                "install",
                                "-y",
                                "clickhouse-server",
                                "clickhouse-client"));
        assertThat(environments)
                .allSatisfy(
                        env -> assertThat(env).containsEntry("DEBIAN_FRONTEND", "noninteractive"));
        assertThat(output.toString(StandardCharsets.UTF_8))
                .startsWith(
                        "clickhouse-server is not installed: installing Debian's clickhouse-server and"
                                + " clickhouse-client with apt-get ...");
    }

    @Test
    void installsThroughSudoWhenNotRootAndSudoNeedsNoPassword() {
        ClickHouseInstaller installer = installer(false, recordingRunner(true));

        installer.ensure(out);

        assertThat(commands)
                .containsExactly(
                        List.of("sudo", "-n", "true"),
                        List.of(
                                "sudo",
                                "-n",
                                "DEBIAN_FRONTEND=noninteractive",
                                "apt-get",
                                "update"),
                        List.of(
                                "sudo",
                                "-n",
                                "DEBIAN_FRONTEND=noninteractive",
                                "apt-get",
                                "install",
                                "-y",
                                "clickhouse-server",
                                "clickhouse-client"));
    }

    @Test
    void tellsTheExactCommandWhenNeitherRootNorSudo() {
        ClickHouseInstaller installer = installer(false, recordingRunner(false));

        assertThatThrownBy(() -> installer.ensure(out))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(
                        "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y"
                                + " clickhouse-server clickhouse-client");
        assertThat(commands).containsExactly(List.of("sudo", "-n", "true"));
    }

    @Test
    void failsWithTheCommandAndExitCodeWhenAptGetFails() {
        ClickHouseInstaller installer =
                installer(
                        true,
                        (command, env, o) -> {
                            commands.add(command);
                            return command.contains("install") ? 100 : 0;
                        });

        assertThatThrownBy(() -> installer.ensure(out))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(
                        "'apt-get install -y clickhouse-server clickhouse-client' exited with code 100");
    }

    @Test
    void failsWhenAptGetSucceedsButNoBinaryAppears() {
        ClickHouseInstaller installer =
                installer(
                        true,
                        (command, env, o) -> {
                            commands.add(command);
                            return 0;
                        });

        assertThatThrownBy(() -> installer.ensure(out))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("no clickhouse-server binary was found");
    }

    @Test
    void decidesTheMethodFromRootAndSudo() {
        assertThat(ClickHouseInstaller.chooseMethod(true, false))
                .isEqualTo(ClickHouseInstaller.Method.AS_ROOT);
        assertThat(ClickHouseInstaller.chooseMethod(true, true))
                .isEqualTo(ClickHouseInstaller.Method.AS_ROOT);
        assertThat(ClickHouseInstaller.chooseMethod(false, true))
                .isEqualTo(ClickHouseInstaller.Method.VIA_SUDO);
        assertThat(ClickHouseInstaller.chooseMethod(false, false))
                .isEqualTo(ClickHouseInstaller.Method.MANUAL);
        assertThat(ClickHouseInstaller.installCommands(ClickHouseInstaller.Method.MANUAL))
                .isEmpty();
    }

    @Test
    void thisMachineHasTheServerInstalled() {
        // The real lookup (no install happens when the package is present, as on the build
        // machines).
        assertThat(ClickHouseInstaller.forThisMachine().findServerBinary())
                .hasValueSatisfying(
                        p -> assertThat(p.getFileName().toString()).isEqualTo("clickhouse-server"));
    }

    private ClickHouseInstaller installer(boolean root, ClickHouseInstaller.CommandRunner runner) {
        return new ClickHouseInstaller(candidates(), null, root, runner, lock);
    }

    private List<Path> candidates() {
        return List.of(sbin.resolve("clickhouse-server"), bin.resolve("clickhouse-server"));
    }

    /**
     * Plays apt-get: the install command creates the binary; sudo -n true answers {@code sudoOk}.
     */
    private ClickHouseInstaller.CommandRunner recordingRunner(boolean sudoOk) {
        return (command, env, o) -> {
            commands.add(command);
            environments.add(env);
            if (command.equals(List.of("sudo", "-n", "true"))) {
                return sudoOk ? 0 : 1;
            }
            if (command.contains("install")) {
                executable(sbin.resolve("clickhouse-server"));
            }
            return 0;
        };
    }

    private static Path executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private static int fail(List<String> command) {
        throw new AssertionError("no command expected but got " + command);
    }
}
