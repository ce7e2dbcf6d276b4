package io.kairos.bench.kairos;

import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.Scratch;
import io.kairos.raft.Role;
import io.kairos.server.KairosServer;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.kv.KvStateMachine;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.scheduler.SchedulerStateMachine;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * W1's three Kairos masters in this JVM, each with its data directory under a scratch directory
 * (emptied before and deleted after) and its own ports; and W1's outcome check on them.
 */
final class LocalMasters implements AutoCloseable {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Path scratch;
    private final int[] ports;
    private final List<KairosServer> servers = new ArrayList<>();
    private final List<KvStateMachine> maps = new ArrayList<>();

    private LocalMasters(Path scratch, int[] ports) {
        this.scratch = scratch;
        this.ports = ports;
    }

    static LocalMasters start(Path scratch) throws IOException {
        Scratch.deleteRecursively(scratch);
        Files.createDirectories(scratch);
        LocalMasters masters = new LocalMasters(scratch, Ports.free(6));
        try {
            for (ServerConfig config : KairosMember.configs(masters.ports, scratch)) {
                KvStateMachine map = new KvStateMachine();
                masters.maps.add(map);
                masters.servers.add(KairosMember.start(config, new MasterStateMachine(map, new SchedulerStateMachine())));
            }
            return masters;
        } catch (IOException | RuntimeException e) {
            masters.close();
            throw e;
        }
    }

    List<URI> apiUris() {
        return KairosMember.apiUris(ports);
    }

    KairosServer awaitLeader() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (KairosServer s : servers) {
                if (s.loop().status().get(5, TimeUnit.SECONDS).role() == Role.LEADER) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no leader within 30 s");
    }

    /** The check's verdict as W1's JSON states it. */
    String verification(PutWorkload.Result run, String mismatch) {
        return mismatch == null ? "each of 3 members holds exactly the " + run.acknowledged().size()
                + " acknowledged writes with their values" : mismatch;
    }

    /**
     * Null when every member holds exactly the acknowledged writes, else what differs. Each member
     * is read through its applier (a stale read), after it has applied everything committed.
     */
    String check(PutWorkload.Result run) throws Exception {
        if (!run.drained()) {
            return "writes still outstanding after the drain timeout";
        }
        if (run.acknowledged().isEmpty()) {
            return "no write was acknowledged";
        }
        long committed = 0;
        for (KairosServer server : servers) {
            committed = Math.max(committed, server.loop().status().get(10, TimeUnit.SECONDS).commitIndex());
        }
        for (int i = 0; i < servers.size(); i++) {
            KairosServer server = servers.get(i);
            long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
            while (server.loop().status().get(10, TimeUnit.SECONDS).appliedIndex() < committed) {
                if (System.nanoTime() > deadline) {
                    return server.nodeId() + " did not apply up to " + committed + " within " + APPLY_TIMEOUT;
                }
                Thread.onSpinWait();
            }
            // The reads below run on the member's applier thread, so its map is safely seen after them.
            for (long sequence : run.acknowledged()) {
                byte[] value = server.loop().staleRead(MasterStateMachine.kv(KairosMember.key(Entries.key(sequence))
                        .getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                if (value == null) {
                    return server.nodeId() + ": acknowledged write " + sequence + " missing";
                }
                if (!Arrays.equals(value, Entries.value(sequence))) {
                    return server.nodeId() + ": acknowledged write " + sequence + " has another value";
                }
            }
            if (maps.get(i).size() != run.acknowledged().size()) {
                return server.nodeId() + ": " + maps.get(i).size() + " keys applied, " + run.acknowledged().size()
                        + " writes acknowledged";
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        servers.forEach(KairosServer::close);
        Scratch.deleteRecursively(scratch);
    }
}
