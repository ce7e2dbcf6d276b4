package io.kairos.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The masters a client knows and the leader it last heard of. Thread-safe; shared by all calls of
 * one client, so one call's discovery (a redirect, a failure) helps the next.
 */
final class Masters {

    private final List<URI> configured;
    /** The leader's base URL as last learned from a redirect or a status answer; null when unknown. */
    private final AtomicReference<URI> leader = new AtomicReference<>();
    /** Where the next call starts when no leader is known: an index into {@link #configured}. */
    private final AtomicInteger next = new AtomicInteger();

    Masters(List<URI> masters) {
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("at least one master URL is needed");
        }
        List<URI> bases = new ArrayList<>();
        for (URI m : masters) {
            URI base = origin(m);
            if (!bases.contains(base)) {
                bases.add(base);
            }
        }
        this.configured = List.copyOf(bases);
    }

    /** {@code scheme://host:port} of a URL; the form every master is known by. */
    static URI origin(URI url) {
        if (url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("a master URL is http(s)://host:port, got " + url);
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }

    List<URI> configured() {
        return configured;
    }

    /** The leader if known, else the master the rotation points at. */
    URI target() {
        URI l = leader.get();
        return l != null ? l : configured.get(Math.floorMod(next.get(), configured.size()));
    }

    boolean leaderKnown() {
        return leader.get() != null;
    }

    void leaderIs(URI base) {
        leader.set(base);
    }

    /**
     * The master did not answer, or cannot serve (no leader, stopping): forget it as the leader
     * and point the rotation past it.
     */
    void failed(URI base) {
        leader.compareAndSet(base, null);
        int i = configured.indexOf(base);
        if (i >= 0) {
            next.set(i + 1);
        } else {
            next.incrementAndGet();
        }
    }
}
