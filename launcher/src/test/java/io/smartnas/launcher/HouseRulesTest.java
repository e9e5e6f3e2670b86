package io.smartnas.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules of the house (docs/architecture.md, House rules), as tests over every main class of every module. */
class HouseRulesTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // Test classes live in test-classes directories here, and in a module's test jar (space's) on this path.
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        main = new ClassFileImporter().withImportOption(mainOnly).importPackages("io.smartnas");
    }

    @Test
    void spaceUsesOnlyTheJdkAndJackson() {
        classes().that().resideInAPackage("io.smartnas.space..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.smartnas.space..").check(main);
    }

    @Test
    void sqlNeverLeavesTheResultsDatabase() {
        noClasses().that().resideOutsideOfPackage("io.smartnas.results..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..", "org.flywaydb..").check(main);
    }

    @Test
    void jeneticsNeverLeavesTheSearch() {
        noClasses().that().resideOutsideOfPackage("io.smartnas.search..").should().dependOnClassesThat()
                .resideInAPackage("io.jenetics..").check(main);
    }

    @Test
    void djlNeverLeavesTheEvaluator() {
        noClasses().that().resideOutsideOfPackage("io.smartnas.evaluator..").should().dependOnClassesThat()
                .resideInAPackage("ai.djl..").check(main);
    }

    @Test
    void hazelcastNeverLeavesTheCluster() {
        noClasses().that().resideOutsideOfPackage("io.smartnas.cluster..").should().dependOnClassesThat()
                .resideInAPackage("com.hazelcast..").check(main);
    }

    @Test
    void theClusterKnowsOnlyTheSpace() {
        noClasses().that().resideInAPackage("io.smartnas.cluster..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartnas.search..", "io.smartnas.results..", "io.smartnas.evaluator..",
                        "io.smartnas.launcher..").check(main);
    }

    @Test
    void theLauncherUsesTheEvaluatorOnlyThroughItsFrontDoor() {
        noClasses().that().resideInAPackage("io.smartnas.launcher..").should().dependOnClassesThat()
                .resideInAPackage("io.smartnas.evaluator.(*)..").check(main);
    }

    @Test
    void theLauncherParsesCallsAndPrintsButNeitherPlotsNorComputesStatisticsNorHashes() {
        noClasses().that().resideInAPackage("io.smartnas.launcher..").should().dependOnClassesThat()
                .resideInAnyPackage("org.knowm.xchart..", "org.apache.commons.math3..", "java.security..")
                .check(main);
    }

    @Test
    void modulesPointOneWay() {
        noClasses().that().resideInAnyPackage("io.smartnas.space..", "io.smartnas.evaluator..",
                "io.smartnas.results..", "io.smartnas.search..", "io.smartnas.cluster..", "io.smartnas.app..")
                .should().dependOnClassesThat().resideInAPackage("io.smartnas.launcher..").check(main);
        noClasses().that().resideInAnyPackage("io.smartnas.space..", "io.smartnas.evaluator..",
                "io.smartnas.results..", "io.smartnas.search..", "io.smartnas.cluster..").should()
                .dependOnClassesThat().resideInAPackage("io.smartnas.app..").check(main);
        noClasses().that().resideInAPackage("io.smartnas.results..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartnas.search..", "io.smartnas.evaluator..").check(main);
        noClasses().that().resideInAPackage("io.smartnas.evaluator..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartnas.search..", "io.smartnas.results..").check(main);
    }
}
