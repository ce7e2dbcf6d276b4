package io.kairos.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.kairos.scheduler.job.CronExpression;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * The scheduler is deterministic and single-threaded: no threads, locks, I/O, clocks or unseeded
 * randomness, and no library but kairos-raft's contract and, in one class, cron-utils.
 */
@AnalyzeClasses(packages = "io.kairos.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class PurityTest {

    @ArchTest
    static final ArchRule noThreadsOrLocks = noClasses().that().resideInAPackage("io.kairos.scheduler..")
            .should().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().belongToAnyOf(ThreadLocal.class, Runnable.class)
            .because("the master's single applier thread drives the state machine");

    @ArchTest
    static final ArchRule noIo = noClasses().that().resideInAPackage("io.kairos.scheduler..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.Random.*")
            .because("the state machine reads nothing but its commands and its snapshot stream");

    @ArchTest
    static final ArchRule noClocks = noClasses().that().resideInAPackage("io.kairos.scheduler..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .because("time enters only through replicated Tick commands");

    @ArchTest
    static final ArchRule noUnseededRandomness = noClasses().that().resideInAPackage("io.kairos.scheduler..")
            .should().callMethod(Math.class, "random")
            .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
            .orShould().dependOnClassesThat().belongToAnyOf(java.util.UUID.class)
            .because("every node must reach the same state from the same log");

    @ArchTest
    static final ArchRule onlyTheJdkRaftAndCronUtils = noClasses().that().resideInAPackage("io.kairos.scheduler..")
            .should().dependOnClassesThat(DescribedPredicate.describe("outside the JDK, kairos-raft's contract and the scheduler",
                    (JavaClass c) -> !c.getPackageName().startsWith("java.")
                            && !c.getPackageName().startsWith("io.kairos.scheduler")
                            && !c.getName().equals("io.kairos.raft.StateMachine")
                            && !c.getPackageName().startsWith("com.cronutils")
                            && !c.isPrimitive() && !c.isArray()))
            .because("kairos-scheduler depends only on the StateMachine contract and cron-utils");

    @ArchTest
    static final ArchRule cronUtilsInOneClass = noClasses().that().resideInAPackage("io.kairos.scheduler..")
            .and().doNotBelongToAnyOf(CronExpression.class)
            .should().dependOnClassesThat().resideInAPackage("com.cronutils..")
            .because("cron-utils is asked only for wall times in UTC; our own rules map them to instants");
}
