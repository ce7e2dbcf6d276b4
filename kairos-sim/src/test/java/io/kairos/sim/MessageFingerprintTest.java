package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageFingerprintTest {

    private static final NodeId A = NodeId.of(1);
    private static final NodeId B = NodeId.of(2);

    private static List<Message> oneOfEach() {
        return List.of(
                new AppendRequest(A, B, 2, 1, 1, List.of(new LogEntry.Noop(2, 2)), 1),
                AppendResponse.accepted(B, A, 2, 2),
                new Heartbeat(A, B, 2, 1, 5),
                new HeartbeatResponse(B, A, 2, 5),
                new VoteRequest(A, B, 2, 1, 1, true, false),
                new VoteResponse(B, A, 2, true, true),
                new InstallSnapshot(A, B, 2, Snapshot.initial(Membership.ofVoters(A, B))),
                new TimeoutNow(A, B, 2),
                new ReadIndexRequest(B, A, 2, 9),
                new ReadIndexResponse(A, B, 2, 9, 2));
    }

    @Test
    void everyMessageTypeHasAFingerprint() {
        Set<Class<?>> covered = new HashSet<>();
        for (Message m : oneOfEach()) {
            MessageFingerprint.of(m);
            covered.add(m.getClass());
        }
        assertThat(covered).containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @Test
    void fieldsThatDifferGiveDifferentFingerprints() {
        assertThat(MessageFingerprint.of(new Heartbeat(A, B, 2, 1, 5)))
                .isEqualTo(MessageFingerprint.of(new Heartbeat(A, B, 2, 1, 5)))
                .isNotEqualTo(MessageFingerprint.of(new Heartbeat(A, B, 2, 1, 6)))
                .isNotEqualTo(MessageFingerprint.of(new Heartbeat(B, A, 2, 1, 5)));
    }
}
