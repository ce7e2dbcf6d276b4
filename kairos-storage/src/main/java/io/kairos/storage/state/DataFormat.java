package io.kairos.storage.state;

import io.kairos.raft.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the {@code FORMAT} file says: the layout version and whose data this is. Text, so that an
 * operator can read it with {@code cat}:
 *
 * <pre>
 * kairos-data-format 1
 * node 3
 * cluster prod-eu
 * </pre>
 *
 * @param version the layout version, at least 1
 * @param node the node whose data this is
 * @param clusterId the cluster the node belongs to; see {@link #CLUSTER_ID}
 */
record DataFormat(int version, NodeId node, String clusterId) {

    /** The layout this build writes and the newest it reads. */
    static final int CURRENT_VERSION = 1;

    /** Letters, digits, dot, dash and underscore, 1 to 64 of them: safe in a file and a log line. */
    static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final String VERSION_KEY = "kairos-data-format";

    DataFormat {
        if (version < 1) {
            throw new IllegalArgumentException("data format version must be >= 1, got " + version);
        }
        if (node == null) {
            throw new IllegalArgumentException("node must not be null");
        }
        if (clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("cluster id must match " + CLUSTER_ID + ", got '" + clusterId + "'");
        }
    }

    byte[] encode() {
        return (VERSION_KEY + " " + version + "\nnode " + node.value() + "\ncluster " + clusterId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The format in {@code text}, or empty if it is not exactly the three expected lines. */
    static Optional<DataFormat> parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.size() != 3) {
            return Optional.empty();
        }
        try {
            int version = Integer.parseInt(valueOf(lines.get(0), VERSION_KEY));
            int node = Integer.parseInt(valueOf(lines.get(1), "node"));
            String cluster = valueOf(lines.get(2), "cluster");
            return Optional.of(new DataFormat(version, NodeId.of(node), cluster));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String valueOf(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected '" + key + " ...', got '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }
}
