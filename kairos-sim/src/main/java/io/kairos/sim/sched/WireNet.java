package io.kairos.sim.sched;

import io.kairos.sim.event.EventLoop;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The network between workers, the client and the masters (the masters' Raft traffic runs on the
 * simulator's {@code Network}). Each message has its own latency, some are dropped, some held up;
 * an endpoint may be cut off from named others in both directions, for sends and for deliveries
 * that would arrive while the cut holds.
 */
final class WireNet {

    private final EventLoop loop;
    private final Random random;
    private final Map<String, Consumer<Wire>> endpoints = new HashMap<>();
    /** Cut pairs, each stored as "a|b" with a < b. */
    private final Map<String, Integer> cuts = new HashMap<>();
    private double dropRate;
    private long maxLatencyMicros;
    private long delivered;
    private long dropped;

    WireNet(EventLoop loop, Random random, double dropRate, long maxLatencyMicros) {
        this.loop = loop;
        this.random = random;
        this.dropRate = dropRate;
        this.maxLatencyMicros = maxLatencyMicros;
    }

    void attach(String name, Consumer<Wire> receiver) {
        endpoints.put(name, receiver);
    }

    /** From now on: no drops, short latencies. */
    void makeReliable() {
        dropRate = 0;
        maxLatencyMicros = 5_000;
    }

    void send(Wire m) {
        if (isCut(m.from(), m.to())) {
            return;
        }
        double fate = random.nextDouble();
        if (fate < dropRate) {
            dropped++;
            return;
        }
        long latency = 500 + (long) (random.nextDouble() * maxLatencyMicros);
        if (fate > 1 - dropRate / 2) {
            latency += 200_000 + random.nextInt(1_500_000); // held up
        }
        loop.after(latency, () -> {
            Consumer<Wire> to = endpoints.get(m.to());
            if (to != null && !isCut(m.from(), m.to())) {
                delivered++;
                to.accept(m);
            }
        });
    }

    void cut(String a, Set<String> others) {
        for (String b : others) {
            cuts.merge(key(a, b), 1, Integer::sum);
        }
    }

    void uncut(String a, Set<String> others) {
        for (String b : others) {
            cuts.computeIfPresent(key(a, b), (k, n) -> n == 1 ? null : n - 1);
        }
    }

    void healAll() {
        cuts.clear();
    }

    private boolean isCut(String a, String b) {
        return cuts.containsKey(key(a, b));
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    long delivered() {
        return delivered;
    }

    long dropped() {
        return dropped;
    }

    static Set<String> names(Iterable<String> names) {
        Set<String> s = new HashSet<>();
        names.forEach(s::add);
        return s;
    }
}
