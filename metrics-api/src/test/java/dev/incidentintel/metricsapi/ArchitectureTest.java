package dev.incidentintel.metricsapi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the layering: metric logic and services (kpi, incident, health) are pure; only the
 * clickhouse adapter talks JDBC; only the http adapter knows Javalin.
 */
@AnalyzeClasses(
        packages = "dev.incidentintel.metricsapi",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule purePackagesUseNoAdapterTechnology =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "..metricsapi.kpi..",
                            "..metricsapi.incident..",
                            "..metricsapi.notification..",
                            "..metricsapi.health..",
                            "..metricsapi.report..",
                            "..metricsapi.auth..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "java.sql..",
                            "javax.sql..",
                            "io.javalin..",
                            "org.eclipse.jetty..",
                            "ru.yandex..",
                            "com.clickhouse..",
                            "..metricsapi.clickhouse..",
                            "..metricsapi.http..");

    @ArchTest
    static final ArchRule onlyTheClickHouseAdapterUsesJdbc =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("..metricsapi.clickhouse..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("java.sql..", "ru.yandex..", "com.clickhouse..");

    @ArchTest
    static final ArchRule storageAdapterKnowsNoHttp =
            noClasses()
                    .that()
                    .resideInAPackage("..metricsapi.clickhouse..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.javalin..", "..metricsapi.http..");

    @ArchTest
    static final ArchRule httpAdapterGoesThroughServices =
            noClasses()
                    .that()
                    .resideInAPackage("..metricsapi.http..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("..metricsapi.clickhouse..");

    @ArchTest
    static final ArchRule boundaryErrorTypeIsFrameworkFree =
            noClasses()
                    .that()
                    .haveSimpleName("ApiException")
                    .or()
                    .haveSimpleName("ErrorCode")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.javalin..", "java.sql..", "ru.yandex..");
}
