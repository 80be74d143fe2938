package dev.incidentintel.triage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.incidentintel.triage");

    @Test
    void luceneStaysInTheLucenePackageAndTheFacade() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..triage.priority..",
                        "..triage.calibrate..",
                        "..triage.features..",
                        "..triage.classify..",
                        "..triage.evaluate..",
                        "..triage.dataset..",
                        "..triage.runbook..",
                        "..triage.feedback..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.lucene..")
                .check(CLASSES);
    }

    @Test
    void theLibraryUsesNoPipelineInfrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..", "org.apache.kafka..", "java.sql..", "io.javalin..")
                .check(CLASSES);
    }
}
