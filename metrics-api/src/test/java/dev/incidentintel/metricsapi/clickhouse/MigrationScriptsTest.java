package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

    @Test
    void indexIgnoresCommentsAndBlankLines() {
        assertThat(
                        MigrationScripts.parseIndex(
                                "# c\n\nV001__a.sql\n  V002__b.sql  \r\n#V003__c.sql\n"))
                .containsExactly("V001__a.sql", "V002__b.sql");
    }

    @Test
    void loadsListedFilesSortedByVersionWhateverTheIndexOrder() {
        List<Migration> migrations =
                MigrationScripts.fromClasspath(getClass().getClassLoader(), "testmigrations");

        assertThat(migrations).extracting(Migration::version).containsExactly(1, 2);
        assertThat(migrations.get(0).statements())
                .containsExactly("CREATE TABLE a (x UInt8) ENGINE = Memory");
        assertThat(migrations.get(1).statements()).hasSize(2);
    }

    @Test
    void missingIndexOrFileIsAClearError() {
        assertThatThrownBy(
                        () ->
                                MigrationScripts.fromClasspath(
                                        getClass().getClassLoader(), "nowhere"))
                .hasMessageContaining("nowhere/index.txt");
    }

    @Test
    void duplicateVersionsAreRejected() {
        List<Migration> clash =
                List.of(
                        Migration.of("V001__a.sql", "SELECT 1"),
                        Migration.of("V001__b.sql", "SELECT 2"));

        assertThatThrownBy(() -> MigrationScripts.ordered(clash))
                .hasMessageContaining("V001__a.sql")
                .hasMessageContaining("V001__b.sql");
    }

    @Test
    void packagedIndexListsExactlyTheMigrationFilesInTheFolder() throws IOException {
        Path folder = Path.of("src/main/resources/db/migration");
        List<String> onDisk;
        try (Stream<Path> files = Files.list(folder)) {
            onDisk =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".sql"))
                            .sorted()
                            .toList();
        }
        String index = Files.readString(folder.resolve("index.txt"));

        assertThat(MigrationScripts.parseIndex(index)).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void packagedMigrationsStartWithTheBaseTables() {
        List<Migration> migrations = MigrationScripts.fromClasspath();

        assertThat(migrations.get(0).fileName()).isEqualTo("V001__base_tables.sql");
        assertThat(migrations.get(0).statements())
                .hasSize(3)
                .allSatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS"));
        assertThat(migrations).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
    }
}
