package io.kairos.raft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;

/** The core is deterministic and single-threaded: no threads, I/O, clocks, unseeded randomness or libraries. */
@AnalyzeClasses(packages = "io.kairos.raft", importOptions = ImportOption.DoNotIncludeTests.class)
class PurityTest {

    @ArchTest
    static final ArchRule noThreadsOrConcurrency = noClasses().that().resideInAPackage("io.kairos.raft..")
            .should().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().belongToAnyOf(ThreadLocal.class, Runnable.class)
            .because("the core is driven by one thread through tick, step and propose");

    @ArchTest
    static final ArchRule noIo = noClasses().that().resideInAPackage("io.kairos.raft..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio..", "java.net..")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
            .because("the application persists and sends what the Ready tells it to");

    @ArchTest
    static final ArchRule noClocks = noClasses().that().resideInAPackage("io.kairos.raft..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .because("time enters only through tick()");

    @ArchTest
    static final ArchRule noUnseededRandomness = noClasses().that().resideInAPackage("io.kairos.raft..")
            .should().callMethod(Math.class, "random")
            .orShould().callConstructor(java.util.Random.class)
            .because("randomness comes only from the Random in RaftConfig");

    @ArchTest
    static final ArchRule onlyTheJdk = noClasses().that().resideInAPackage("io.kairos.raft..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("outside the JDK and the core",
                    (JavaClass c) -> !c.getPackageName().startsWith("java.")
                            && !c.getPackageName().startsWith("io.kairos.raft")
                            && !c.isPrimitive() && !c.isArray()))
            .because("kairos-raft depends on nothing but the JDK");
}
