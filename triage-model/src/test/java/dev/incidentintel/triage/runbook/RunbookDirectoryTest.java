package dev.incidentintel.triage.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.triage.TriageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookDirectoryTest {
    @Test
    void alertMappingWinsOverCategoryAndFileNamesAreTheFallback(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("db-replication.md"), "# replication");
        Files.writeString(dir.resolve("database.md"), "# database");
        Files.writeString(dir.resolve("KubePodCrashLooping.md"), "# crash loop");
        Files.writeString(
                dir.resolve(RunbookDirectory.MAPPING),
                "alert.PostgresReplicationLag=db-replication.md\ncategory.network=database.md\n");
        RunbookDirectory r = RunbookDirectory.load(dir);
        assertThat(r.suggest("database", List.of("PostgresReplicationLag")))
                .contains(
                        new RunbookDirectory.Runbook(
                                "db-replication.md", "alert PostgresReplicationLag"));
        assertThat(r.suggest("database", List.of("Unknown")))
                .contains(new RunbookDirectory.Runbook("database.md", "category database"));
        assertThat(r.suggest(null, List.of("kubepodcrashlooping")).orElseThrow().path())
                .isEqualTo("KubePodCrashLooping.md");
        assertThat(r.suggest("hr", List.of())).isEmpty();
    }

    @Test
    void mappingToAMissingFileIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunbookDirectory.MAPPING), "alert.X=../etc/passwd\n");
        assertThatThrownBy(() -> RunbookDirectory.load(dir))
                .isInstanceOf(TriageException.class)
                .hasMessageContaining("alert.X");
    }
}
