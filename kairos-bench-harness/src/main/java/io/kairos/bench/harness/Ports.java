package io.kairos.bench.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for the members a runner starts a little later. They are taken below
 * Linux's ephemeral range (32768-60999): a port the kernel hands out with {@code bind(0)} may
 * meanwhile become the local port of one of the run's own outgoing connections, and a member's
 * bind then fails. Another process may still take one before it is bound.
 */
public final class Ports {

    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_000;

    private Ports() {}

    public static int[] free(int count) throws IOException {
        int[] ports = new int[count];
        int next = FIRST_PORT + ThreadLocalRandom.current().nextInt(LAST_PORT - FIRST_PORT);
        int found = 0;
        for (int tried = 0; found < count && tried < LAST_PORT - FIRST_PORT; tried++) {
            int port = next;
            next = next + 1 >= LAST_PORT ? FIRST_PORT : next + 1;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                ports[found++] = port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        if (found < count) {
            throw new IOException("only " + found + " of " + count + " free ports in [" + FIRST_PORT + ", " + LAST_PORT + ")");
        }
        return ports;
    }
}
