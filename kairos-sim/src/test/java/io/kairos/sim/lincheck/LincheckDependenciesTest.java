package io.kairos.sim.lincheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The checker stands on its own, as its package-info promises. */
class LincheckDependenciesTest {

    private static final JavaClasses LINCHECK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kairos.sim.lincheck");

    @Test
    void theCheckerDependsOnlyOnTheJdk() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.kairos.sim.lincheck..", "java..")
                .check(LINCHECK);
    }

    @Test
    void theCheckerStartsNoThreadAndReadsNoWallClock() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName(Thread.class.getName())
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(LINCHECK);
    }
}
