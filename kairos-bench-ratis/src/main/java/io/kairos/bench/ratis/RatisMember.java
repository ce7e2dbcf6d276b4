package io.kairos.bench.ratis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;

/**
 * How every Ratis member of the benchmark is configured, and how one is started. The settings that
 * decide durability are stated in {@link #SETTINGS} and reported in the JSON.
 */
final class RatisMember {

    /** Fixed so that members started in separate JVMs (failover) agree on the group. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.fromString("6b61726f-732d-6265-6e63-682d72617469"));

    static final int ELECTION_TIMEOUT_MIN_MILLIS = 1000;
    static final int ELECTION_TIMEOUT_MAX_MILLIS = 2000;

    /** The settings that matter for the comparison, as reported in the JSON. */
    static final Map<String, String> SETTINGS = settings();

    private RatisMember() {}

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("transport", "ratis-grpc");
        s.put(RaftServerConfigKeys.Log.UNSAFE_FLUSH_ENABLED_KEY, "false (index advances only after the fsync)");
        s.put(RaftServerConfigKeys.Log.ASYNC_FLUSH_ENABLED_KEY, "false (flush in the log worker, before acknowledging)");
        s.put(RaftServerConfigKeys.Log.FORCE_SYNC_NUM_KEY,
                RaftServerConfigKeys.Log.FORCE_SYNC_NUM_DEFAULT + " (default; fsync at the latest after this many queued entries, else when the queue empties)");
        s.put(RaftServerConfigKeys.Log.StateMachineData.SYNC_KEY, "true");
        s.put("fsync", "FileChannel.force(false) of the log segment on every member before it acknowledges / counts itself");
        s.put(RaftServerConfigKeys.Rpc.TIMEOUT_MIN_KEY, ELECTION_TIMEOUT_MIN_MILLIS + " ms (default "
                + RaftServerConfigKeys.Rpc.TIMEOUT_MIN_DEFAULT + ")");
        s.put(RaftServerConfigKeys.Rpc.TIMEOUT_MAX_KEY, ELECTION_TIMEOUT_MAX_MILLIS + " ms (default "
                + RaftServerConfigKeys.Rpc.TIMEOUT_MAX_DEFAULT + ")");
        s.put("snapshots", "none");
        return Collections.unmodifiableMap(s);
    }

    static RaftGroup group(int[] ports) {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            peers.add(RaftPeer.newBuilder().setId(peerId(i)).setAddress("127.0.0.1:" + ports[i]).build());
        }
        return RaftGroup.valueOf(GROUP_ID, peers);
    }

    static RaftPeerId peerId(int index) {
        return RaftPeerId.valueOf("n" + index);
    }

    static RaftProperties properties() {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(properties, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(properties, false);
        RaftServerConfigKeys.Log.StateMachineData.setSync(properties, true);
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties,
                TimeDuration.valueOf(ELECTION_TIMEOUT_MIN_MILLIS, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties,
                TimeDuration.valueOf(ELECTION_TIMEOUT_MAX_MILLIS, TimeUnit.MILLISECONDS));
        return properties;
    }

    /**
     * Starts member {@code index} of the group on its port with its own data directory
     * {@code dataRoot/n<index>}; formats the directory the first time, recovers it afterwards.
     */
    static RaftServer start(RaftGroup group, int index, Path dataRoot, KeyValueStateMachine stateMachine)
            throws IOException {
        RaftPeer peer = group.getPeer(peerId(index));
        RaftProperties properties = properties();
        Path dir = dataRoot.resolve(peerId(index).toString());
        RaftServerConfigKeys.setStorageDir(properties, List.of(dir.toFile()));
        GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
        boolean exists = dir.resolve(GROUP_ID.getUuid().toString()).toFile().exists();
        RaftServer server = RaftServer.newBuilder()
                .setServerId(peer.getId())
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(exists ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return server;
    }
}
