package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's instanceof dispatch must know every message of the sealed protocol. */
class DispatchTest {

    /** One message of each permitted type, from node 2 to node 1 in term 1. */
    private static List<Message> oneOfEach() {
        return List.of(
                new VoteRequest(n(2), n(1), 1, 0, 0, false, false),
                new VoteResponse(n(2), n(1), 1, false, true),
                new AppendRequest(n(2), n(1), 1, 0, 0, List.of(), 0),
                AppendResponse.accepted(n(2), n(1), 1, 1),
                new Heartbeat(n(2), n(1), 1, 0, 1),
                new HeartbeatResponse(n(2), n(1), 1, 1),
                new InstallSnapshot(n(2), n(1), 1, Snapshot.initial(LoneNode.voters(3))),
                new TimeoutNow(n(2), n(1), 1),
                new ReadIndexRequest(n(2), n(1), 1, 1),
                new ReadIndexResponse(n(2), n(1), 1, 1, 0));
    }

    @Test
    void theSamplesCoverEveryPermittedMessageType() {
        assertThat(oneOfEach().stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(Message.class.getPermittedSubclasses()));
    }

    @Test
    void aFollowerHandlesEveryMessageType() {
        for (Message m : oneOfEach()) {
            LoneNode node = LoneNode.of(1, 3, 1);
            assertThatCode(() -> node.step(m)).as(m.getClass().getSimpleName()).doesNotThrowAnyException();
        }
    }

    @Test
    void aLeaderHandlesEveryMessageType() {
        for (Message m : oneOfEach()) {
            LoneNode node = LoneNode.of(1, 1, 0);
            node.node.campaign();
            node.drain();
            assertThat(node.node.role()).isEqualTo(Role.LEADER);
            assertThatCode(() -> node.step(m)).as(m.getClass().getSimpleName()).doesNotThrowAnyException();
        }
    }

    @Test
    void aMessageForAnotherNodeIsRefusedLoudly() {
        LoneNode node = LoneNode.of(1, 3, 1);
        assertThatThrownBy(() -> node.step(new TimeoutNow(n(2), n(3), 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n3").hasMessageContaining("n1");
    }
}
