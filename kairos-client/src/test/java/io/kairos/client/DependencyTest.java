package io.kairos.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DependencyTest {

    @Test
    void theClientDependsOnTheJdkAndJacksonOnlyNeverOnAnotherKairosModule() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kairos.client");
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.kairos.client..", "java..", "javax..", "com.fasterxml.jackson..")
                .check(main);
    }
}
