package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void parsesVersionAndNameFromFileName() {
        Migration m = Migration.of("V012__add_deploys.sql", "SELECT 1");

        assertThat(m.version()).isEqualTo(12);
        assertThat(m.name()).isEqualTo("add_deploys");
        assertThat(m.fileName()).isEqualTo("V012__add_deploys.sql");
    }

    @Test
    void rejectsFileNamesOutsideTheConvention() {
        for (String bad :
                List.of(
                        "V1_single_underscore.sql",
                        "001__no_v.sql",
                        "V001__x.txt",
                        "V__x.sql",
                        "V000__zero.sql",
                        "V001__.sql")) {
            assertThatThrownBy(() -> Migration.of(bad, "SELECT 1"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void splitsOnLinesHoldingOnlyASemicolonAndKeepsTheLastStatementWithoutSeparator() {
        String content =
                "-- header comment\n"
                        + "CREATE TABLE a\n(\n  x UInt8\n)\nENGINE = Memory\n"
                        + ";\n"
                        + "  -- comment between statements\n"
                        + "CREATE TABLE b (s String DEFAULT 'a;b') ENGINE = Memory\n"
                        + "   ;   \n"
                        + "\n;\n"
                        + "CREATE TABLE c (x UInt8) ENGINE = Memory";

        List<String> statements = Migration.of("V001__t.sql", content).statements();

        assertThat(statements)
                .containsExactly(
                        "CREATE TABLE a\n(\n  x UInt8\n)\nENGINE = Memory",
                        "CREATE TABLE b (s String DEFAULT 'a;b') ENGINE = Memory",
                        "CREATE TABLE c (x UInt8) ENGINE = Memory");
    }

    @Test
    void commentOnlyFileHasNoStatements() {
        assertThat(Migration.of("V001__t.sql", "-- nothing yet\n;\n").statements()).isEmpty();
    }

    @Test
    void checksumIsSha256OfTheText() {
        // Published SHA-256 test vector for "abc" (FIPS 180-2, appendix B.1).
        assertThat(Migration.of("V001__t.sql", "abc").checksum())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void checksumIgnoresLineEndingStyleButNotContent() {
        String unix = Migration.of("V001__t.sql", "CREATE TABLE a\n;\nCREATE TABLE b\n").checksum();
        String windows =
                Migration.of("V001__t.sql", "CREATE TABLE a\r\n;\r\nCREATE TABLE b\r\n").checksum();
        String edited =
                Migration.of("V001__t.sql", "CREATE TABLE a\n;\nCREATE TABLE c\n").checksum();
        String commentEdited =
                Migration.of("V001__t.sql", "-- x\nCREATE TABLE a\n;\nCREATE TABLE b\n").checksum();

        assertThat(windows).isEqualTo(unix);
        assertThat(edited).isNotEqualTo(unix);
        assertThat(commentEdited).isNotEqualTo(unix);
    }
}
