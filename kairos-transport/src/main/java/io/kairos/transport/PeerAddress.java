package io.kairos.transport;

/**
 * A host and TCP port. Port 0 ("any free port") is allowed only for a bind address, which
 * {@link TransportConfig} checks.
 */
public record PeerAddress(String host, int port) {

    public PeerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port + " for " + host);
        }
    }

    /** Parses {@code host:port}; an IPv6 host is written in brackets, {@code [::1]:7000}. */
    public static PeerAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new PeerAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port of '" + hostPort + "' is not a number", e);
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
