package io.kairos.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies inside the master point from the edges (API, process) towards the loop and the core. */
class PackageDependencyTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.kairos.server");

    @Test
    void theLoopKnowsNothingOfTheApiTheTransportOrTheProcess() {
        noClasses().that().resideInAPackage("io.kairos.server.loop..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kairos.server.http..", "io.kairos.transport..",
                        "io.netty..", "io.kairos.server.config..", "io.kairos.server.admin..")
                .check(SERVER);
        noClasses().that().resideInAPackage("io.kairos.server.loop..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.kairos.server.KairosServer")
                .check(SERVER);
    }

    @Test
    void theKeyValueApplicationDependsOnTheCoreContractOnly() {
        noClasses().that().resideInAPackage("io.kairos.server.kv..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kairos.server.loop..", "io.kairos.server.http..",
                        "io.kairos.storage..", "io.kairos.transport..", "io.netty..")
                .check(SERVER);
    }

    @Test
    void theConfigurationDependsOnNoOtherPartOfTheServer() {
        noClasses().that().resideInAPackage("io.kairos.server.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kairos.server.loop..", "io.kairos.server.http..",
                        "io.kairos.server.admin..", "io.kairos.server.kv..")
                .check(SERVER);
    }
}
