package io.kairos.worker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kairos worker}: one worker agent, until SIGTERM (or SIGINT) drains and stops it. */
@Command(name = "kairos worker", mixinStandardHelpOptions = true,
        description = {"Run one Kairos worker. It dials out to the masters and opens no port."},
        footer = {"", "SIGTERM or SIGINT drains the worker, then it exits with the JVM's usual 143 or 130;"
                + " 2 is a usage error."})
public final class WorkerMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

    @Option(names = "--masters", required = true, split = ",", paramLabel = "URL",
            description = "the masters' API base URLs, comma-separated, e.g. http://h1:7070,http://h2:7070")
    List<URI> masters;

    @Option(names = "--id", paramLabel = "ID",
            description = "this worker's id, stable across restarts: 1 to 128 of A-Z a-z 0-9 . _ - (default: the host name)")
    String id;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "the groups this worker serves")
    List<String> tags = new ArrayList<>();

    @Option(names = "--capacity", paramLabel = "N", defaultValue = "1",
            description = "attempts run at once (default: ${DEFAULT-VALUE})")
    int capacity;

    @Option(names = "--enable-shell",
            description = "run shell jobs: ANY command a job names, as this process's user (off by default)")
    boolean enableShell;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "kairos-worker-data",
            description = "where attempts' full logs go (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "on SIGTERM, how long running attempts may finish before they are cancelled (default: ${DEFAULT-VALUE})")
    Duration drainTimeout;

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "a file whose first line is the masters' API bearer token (needed when their API is off loopback)")
    Path apiTokenFile;

    @Option(names = "--kill-grace", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "between SIGTERM and SIGKILL for a cancelled shell job (default: ${DEFAULT-VALUE})")
    Duration killGrace;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new WorkerMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kairos worker: " + e.getMessage());
            return 2;
        }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        WorkerConfig config;
        try {
            config = WorkerConfig.builder(id != null ? id : defaultId(), masters)
                    .tags(tags).capacity(capacity).shellEnabled(enableShell).dataDir(dataDir)
                    .drainTimeout(drainTimeout).killGrace(killGrace).apiToken(readToken(apiTokenFile)).build();
        } catch (IllegalArgumentException e) {
            System.err.println("kairos worker: " + e.getMessage());
            return 2;
        }
        WorkerAgent worker = new WorkerAgent(config);
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM exits once its shutdown hooks return, so the whole drain happens inside the hook.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("{}: stop signal received", config.workerId());
            worker.close();
            stopped.countDown();
        }, "kairos-shutdown"));
        worker.start();
        stopped.await();
        return 0;
    }

    private static String readToken(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return java.nio.file.Files.readString(file).lines().findFirst().orElse("").strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the API token file " + file + ": " + e.getMessage());
        }
    }

    /** The host name, with anything an id may not hold as {@code -}. */
    static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "worker");
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-");
        if (id.isEmpty()) {
            return "worker";
        }
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                switch (text.charAt(text.length() - 1)) {
                    case 's': return Duration.ofSeconds(amount);
                    case 'm': return Duration.ofMinutes(amount);
                    case 'h': return Duration.ofHours(amount);
                    default: break;
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // Fall through to ISO-8601 below.
            }
            try {
                return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 500ms, 30s, 2m or PT30S");
            }
        }
    }
}
