package io.kairos.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DependencyTest {

    @Test
    void theClientDependsOnTheJdkAndJacksonOnlyNeverOnAnotherKairosModule() throws Exception {
        // Only the module's own classes directory: scanning the whole test classpath takes seconds.
        Path mainClasses = Path.of(KairosClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(mainClasses);
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.kairos.client..", "java..", "javax..", "com.fasterxml.jackson..")
                .check(main);
    }
}
