package dev.incidentintel.correlation.anomaly;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The anomaly package is pure: detectors and miner never touch Flink, Kafka or JDBC. */
class AnomalyArchitectureTest {
    private final JavaClasses classes =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.incidentintel.correlation.anomaly");

    @Test
    void anomalyPackageDependsOnNoFrameworkOrDriver() {
        noClasses()
                .that()
                .resideInAnyPackage("..correlation.anomaly..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..", "org.apache.kafka..", "java.sql..", "ru.yandex..")
                .check(classes);
    }
}
