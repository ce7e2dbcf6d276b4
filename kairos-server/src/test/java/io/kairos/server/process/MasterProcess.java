package io.kairos.server.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One master as its own JVM ({@code ServerMain --config node.yaml --bootstrap}).
 */
final class MasterProcess extends JvmProcess {

    final int id;
    final Path config;

    MasterProcess(int id, Path config) {
        super("master " + id, config.resolveSibling("n" + id + ".log"), "io.kairos.server.ServerMain", "--config",
                config.toString(), "--bootstrap");
        this.id = id;
        this.config = config;
    }
}
