package io.kairos.sim.net;

import io.kairos.raft.message.Message;
import io.kairos.sim.event.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Carries messages between nodes on virtual time. Each message gets its own latency, so messages
 * overtake one another; some are dropped, duplicated or held up, as the {@link NetworkProfile}
 * says. A partition cuts links both for messages sent while it holds and for messages already in
 * flight that would arrive while it holds, like a pulled cable.
 */
public final class Network {

    /** Where delivered messages go. */
    @FunctionalInterface
    public interface Receiver {
        /** @return whether the message reached a running node */
        boolean receive(Message m);
    }

    private final EventLoop loop;
    private final Random random;
    private Receiver receiver = m -> false;
    private NetworkProfile profile;
    /** How many partitions in force cut each directed link, indexed by node id. */
    private int[][] cutCount = new int[0][0];
    private final List<Partition> active = new ArrayList<>();

    private long delivered;
    private long dropped;
    private long duplicated;

    public Network(EventLoop loop, Random random, NetworkProfile profile) {
        this.loop = loop;
        this.random = random;
        this.profile = profile;
    }

    /** Connects the nodes; until then every message is lost. */
    public void attach(Receiver receiver) {
        this.receiver = receiver;
    }

    public void setProfile(NetworkProfile profile) {
        this.profile = profile;
    }

    public void send(Message m) {
        if (isCut(m)) {
            return;
        }
        double fate = random.nextDouble();
        if (fate < profile.dropRate()) {
            dropped++;
            return;
        }
        if (fate < profile.dropRate() + profile.duplicateRate()) {
            duplicated++;
            schedule(m, latency(false));
        }
        boolean slow = fate >= 1 - profile.slowRate();
        schedule(m, latency(slow));
    }

    private long latency(boolean slow) {
        long max = slow ? profile.slowMaxMicros() : profile.maxLatencyMicros();
        return profile.minLatencyMicros() + (long) (random.nextDouble() * (max - profile.minLatencyMicros()));
    }

    private void schedule(Message m, long latencyMicros) {
        loop.after(latencyMicros, () -> deliver(m));
    }

    private void deliver(Message m) {
        if (isCut(m)) {
            return;
        }
        if (receiver.receive(m)) {
            delivered++;
        }
    }

    /** Puts a partition in force until {@link #lift} is called with it. */
    public void impose(Partition p) {
        active.add(p);
        for (Link l : p.cut()) {
            ensureCapacity(Math.max(l.from().value(), l.to().value()));
            cutCount[l.from().value()][l.to().value()]++;
        }
    }

    public void lift(Partition p) {
        if (!active.remove(p)) {
            return;
        }
        for (Link l : p.cut()) {
            cutCount[l.from().value()][l.to().value()]--;
        }
    }

    /** Lifts every partition. */
    public void heal() {
        for (Partition p : List.copyOf(active)) {
            lift(p);
        }
    }

    public List<Partition> activePartitions() {
        return List.copyOf(active);
    }

    private boolean isCut(Message m) {
        int from = m.from().value();
        int to = m.to().value();
        return from < cutCount.length && to < cutCount.length && cutCount[from][to] > 0;
    }

    private void ensureCapacity(int maxId) {
        if (maxId < cutCount.length) {
            return;
        }
        int size = Math.max(maxId + 1, cutCount.length * 2);
        int[][] grown = new int[size][size];
        for (int i = 0; i < cutCount.length; i++) {
            System.arraycopy(cutCount[i], 0, grown[i], 0, cutCount.length);
        }
        cutCount = grown;
    }

    /** Messages that reached a running node. */
    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    public long duplicated() {
        return duplicated;
    }
}
