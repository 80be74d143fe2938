package dev.incidentintel.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Decision logic (delta, routing, delivery policy, message rendering, the notifier itself) uses no
 * Kafka, JDBC or HTTP client; each technology stays in its adapter package.
 */
@AnalyzeClasses(
        packages = "dev.incidentintel.notifier",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule pureLogicUsesNoAdapterTechnology =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "..notifier.delta..",
                            "..notifier.routing..",
                            "..notifier.delivery..",
                            "..notifier.message..")
                    .or()
                    .haveFullyQualifiedName("dev.incidentintel.notifier.Notifier")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.kafka..",
                            "java.sql..",
                            "ru.yandex..",
                            "java.net.http..",
                            "..notifier.kafka..",
                            "..notifier.clickhouse..",
                            "..notifier.http..");

    @ArchTest
    static final ArchRule onlyTheClickHouseAdapterUsesJdbc =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("..notifier.clickhouse..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("java.sql..", "ru.yandex..");

    @ArchTest
    static final ArchRule onlyTheKafkaAdapterUsesKafka =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("..notifier.kafka..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.apache.kafka..");
}
