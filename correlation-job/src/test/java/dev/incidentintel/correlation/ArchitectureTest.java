package dev.incidentintel.correlation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps decisions pure: dedup, correlate, lifecycle and suspect never touch Flink, Kafka or JDBC.
 */
class ArchitectureTest {
    private final JavaClasses classes =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.incidentintel.correlation");

    @Test
    void pureDecisionPackagesDependOnNoFrameworkOrDriver() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..correlation.dedup..",
                        "..correlation.correlate..",
                        "..correlation.lifecycle..",
                        "..correlation.suspect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..", "org.apache.kafka..", "java.sql..", "ru.yandex..")
                .check(classes);
    }

    @Test
    void jdbcStaysInTheClickHouseAdapter() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..correlation.clickhouse..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "ru.yandex..")
                .check(classes);
    }
}
