package io.kairos.worker;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.LogUpload;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the masters the full log of an attempt they ask for: the log stays on the worker (no port
 * serves it), so the leader asks in a poll answer and the worker uploads its tail. Off the poll
 * thread, one upload per attempt at a time.
 */
final class LogUploader {

    private static final Logger log = LoggerFactory.getLogger(LogUploader.class);

    private final String workerId;
    private final Path logDir;
    private final MasterClient masters;
    private final ExecutorService pool;
    private final Set<AttemptRef> uploading = ConcurrentHashMap.newKeySet();

    LogUploader(WorkerConfig config, MasterClient masters, ExecutorService pool) {
        this.workerId = config.workerId();
        this.logDir = config.dataDir().resolve("logs");
        this.masters = masters;
        this.pool = pool;
    }

    void upload(List<AttemptRef> requests) {
        for (AttemptRef ref : requests) {
            if (uploading.add(ref)) {
                pool.execute(() -> {
                    try {
                        masters.post("/v1/workers/" + workerId + "/logs", read(ref), Object.class,
                                Duration.ofSeconds(15), System.nanoTime() + Duration.ofSeconds(30).toNanos());
                    } catch (Exception e) {
                        log.warn("uploading the log of attempt {} of run {} failed: {}", ref.attempt(), ref.runId(),
                                e.toString());
                    } finally {
                        uploading.remove(ref);
                    }
                });
            }
        }
    }

    /** The log's last {@link LogUpload#MAX_CHARS} characters (bytes, decoded leniently). */
    LogUpload read(AttemptRef ref) throws IOException {
        Path file = logDir.resolve(ref.runId() + "-" + ref.attempt() + ".log");
        if (!Files.isRegularFile(file)) {
            return new LogUpload(ref.runId(), ref.attempt(), false, "", false);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            long from = Math.max(0, size - LogUpload.MAX_CHARS);
            byte[] bytes = new byte[(int) (size - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.length() > LogUpload.MAX_CHARS) {
                text = text.substring(text.length() - LogUpload.MAX_CHARS);
            }
            return new LogUpload(ref.runId(), ref.attempt(), true, text, from > 0);
        }
    }
}
