package io.kairos.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One Raft implementation in the comparison: the module that holds it (relative to the repository
 * root), its W1 and failover main classes, and the JVM flags it needs. Each runs in its own JVM with the classpath
 * its module wrote to {@code target/classpath.txt} at build time, so the libraries' dependencies
 * (Netty 4.1 in SOFAJRaft's bolt, 4.2 in Kairos) never meet.
 */
record ComparedSystem(String name, String moduleDir, String w1MainClass, String failoverMainClass,
        List<String> jvmFlags) {

    /** SOFAJRaft 1.4 and its bolt and Hessian reach into JDK internals. */
    static final List<String> JRAFT_OPENS = List.of(
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED");

    static final List<ComparedSystem> ALL = List.of(
            new ComparedSystem("kairos", "kairos-bench-kairos", "io.kairos.bench.kairos.KairosPutBench",
                    "io.kairos.bench.kairos.KairosFailoverBench", List.of()),
            new ComparedSystem("ratis", "kairos-bench-ratis", "io.kairos.bench.ratis.RatisPutBench",
                    "io.kairos.bench.ratis.RatisFailoverBench", List.of()),
            new ComparedSystem("sofajraft", "kairos-bench-jraft", "io.kairos.bench.jraft.JraftPutBench",
                    "io.kairos.bench.jraft.JraftFailoverBench", JRAFT_OPENS));

    ComparedSystem {
        jvmFlags = List.copyOf(jvmFlags);
    }

    Path classpathFile(Path root) {
        return root.resolve(moduleDir).resolve("target").resolve("classpath.txt");
    }

    Path classesDir(Path root) {
        return root.resolve(moduleDir).resolve("target").resolve("classes");
    }

    /** Whether the module is present and built (its classpath file written). */
    boolean isBuilt(Path root) {
        return Files.isRegularFile(classpathFile(root)) && Files.isDirectory(classesDir(root));
    }
}
