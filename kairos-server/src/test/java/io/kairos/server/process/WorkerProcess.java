package io.kairos.server.process;

import java.nio.file.Path;
import java.util.List;

/** One worker as its own JVM ({@code WorkerMain --masters ... --id ...}). */
final class WorkerProcess extends JvmProcess {

    final String id;

    WorkerProcess(String id, Path dir, List<String> masters, int capacity) {
        super("worker " + id, dir.resolve(id + ".log"), "io.kairos.worker.WorkerMain", "--masters",
                String.join(",", masters), "--id", id, "--capacity", Integer.toString(capacity), "--data-dir",
                dir.resolve(id).toString(), "--drain-timeout", "2s");
        this.id = id;
    }
}
