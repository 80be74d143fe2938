package dev.incidentintel.ingest.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the pure packages free of adapters, so their rules stay testable without I/O. */
@AnalyzeClasses(
        packages = "dev.incidentintel.ingest",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule normalizeIsPure =
            noClasses()
                    .that()
                    .resideInAPackage("..ingest.normalize..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.javalin..", "org.apache.kafka..", "org.eclipse.jetty..")
                    .because("normalisation is pure: JSON in, canonical events out");

    @ArchTest
    static final ArchRule replayIsPure =
            noClasses()
                    .that()
                    .resideInAPackage("..ingest.replay..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.javalin..",
                            "org.apache.kafka..",
                            "org.eclipse.jetty..",
                            "..ingest.http..",
                            "..ingest.kafka..")
                    .because("replay reads, paces and tallies; the sinks it is given do the I/O");

    @ArchTest
    static final ArchRule serviceHasNoAdapters =
            noClasses()
                    .that()
                    .resideInAPackage("..ingest.service..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.javalin..", "org.apache.kafka..", "org.eclipse.jetty..")
                    .because(
                            "the service is reached through HTTP but must not know about it, nor about Kafka");

    @ArchTest
    static final ArchRule kafkaStaysInItsAdapter =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("..ingest.kafka..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.apache.kafka..")
                    .because("only the kafka adapter talks to the producer API");

    @ArchTest
    static final ArchRule javalinStaysInItsAdapter =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("..ingest.http..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.javalin..")
                    .because("only the http adapter knows Javalin");
}
