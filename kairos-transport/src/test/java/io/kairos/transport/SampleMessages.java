package io.kairos.transport;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.ReadIndexRequest;
import io.kairos.raft.message.ReadIndexResponse;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.List;

/** One message of every type from one node to another. */
final class SampleMessages {

    private SampleMessages() {}

    static List<Message> everyType(NodeId from, NodeId to) {
        Membership members = Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3));
        return List.of(
                new VoteRequest(from, to, 4, 10, 3, true, false),
                new VoteResponse(from, to, 4, true, true),
                new AppendRequest(from, to, 4, 10, 3, List.of(new LogEntry.Command(11, 4, new byte[] {1, 2, 3}),
                        new LogEntry.Noop(12, 4), new LogEntry.Config(13, 4, members)), 9),
                AppendResponse.rejected(from, to, 4, 10, 8, 2),
                new Heartbeat(from, to, 4, 9, 77),
                new HeartbeatResponse(from, to, 4, 77),
                new InstallSnapshot(from, to, 4, new Snapshot(new SnapshotMeta(0, 0, members), Snapshot.NO_PAYLOAD)),
                new TimeoutNow(from, to, 4),
                new ReadIndexRequest(from, to, 4, 5),
                new ReadIndexResponse(from, to, 4, 5, 12));
    }
}
