package io.kairos.raft.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final NodeId A = NodeId.of(1);
    private static final NodeId B = NodeId.of(2);

    private static LogEntry entry(long index, long term) {
        return new LogEntry.Noop(index, term);
    }

    @Nested
    @DisplayName("Every message: sender, receiver, term")
    class CommonFields {

        @Test
        void aMessageToItsOwnSenderIsRejected() {
            assertThatThrownBy(() -> new TimeoutNow(A, A, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("n1");
        }

        @Test
        void aMessageWithoutSenderOrReceiverIsRejected() {
            assertThatThrownBy(() -> new TimeoutNow(null, B, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TimeoutNow(A, null, 1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aNegativeTermIsRejectedAndZeroIsAllowed() {
            assertThatThrownBy(() -> new HeartbeatResponse(A, B, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThat(new HeartbeatResponse(A, B, 0, 0).term()).isZero();
        }

        @Test
        void everyMessageTypeValidatesTheCommonFields() {
            List<Runnable> selfAddressed = List.of(
                    () -> new VoteRequest(A, A, 1, 0, 0, false, false),
                    () -> new VoteResponse(A, A, 1, false, true),
                    () -> new AppendRequest(A, A, 1, 0, 0, List.of(), 0),
                    () -> AppendResponse.accepted(A, A, 1, 0),
                    () -> new Heartbeat(A, A, 1, 0, 0),
                    () -> new HeartbeatResponse(A, A, 1, 0),
                    () -> new InstallSnapshot(A, A, 1, Snapshot.initial(Membership.ofVoters(A))),
                    () -> new TimeoutNow(A, A, 1),
                    () -> new ReadIndexRequest(A, A, 1, 0),
                    () -> new ReadIndexResponse(A, A, 1, 0, 0));
            assertThat(selfAddressed).hasSize(Message.class.getPermittedSubclasses().length);
            for (Runnable r : selfAddressed) {
                assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Nested
    @DisplayName("§5.3 AppendEntries")
    class Appends {

        @Test
        void entriesMustFollowThePreviousEntryContiguously() {
            assertThat(new AppendRequest(A, B, 3, 4, 2, List.of(entry(5, 2), entry(6, 3)), 4).lastIndex()).isEqualTo(6);
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 4, 2, List.of(entry(6, 2)), 4))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 4, 2, List.of(entry(5, 2), entry(7, 2)), 4))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 4, 2, List.of(entry(4, 2)), 4))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void entriesMayNotCarryATermAboveTheLeadersOrBelowThePreviousOne() {
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 4, 2, List.of(entry(5, 4)), 4))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 4, 2, List.of(entry(5, 1)), 4))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new AppendRequest(A, B, 3, 4, 2, List.of(entry(5, 3)), 4).entries()).hasSize(1);
        }

        @Test
        void negativePositionsAreRejected() {
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, -1, 0, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 0, -1, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AppendRequest(A, B, 3, 0, 0, List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new AppendRequest(A, B, 3, 0, 0, List.of(), 0).lastIndex()).isZero();
        }

        @Test
        void theEntriesAreCopied() {
            List<LogEntry> entries = new ArrayList<>(List.of(entry(1, 1)));
            AppendRequest a = new AppendRequest(A, B, 1, 0, 0, entries, 0);
            entries.add(entry(2, 1));
            assertThat(a.entries()).hasSize(1);
        }

        @Test
        void anAnswerCarriesNoNegativeIndex() {
            assertThatThrownBy(() -> AppendResponse.accepted(A, B, 1, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AppendResponse.rejected(A, B, 1, 3, -1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AppendResponse.rejected(A, B, 1, 3, 1, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(AppendResponse.rejected(A, B, 1, 3, 2, 1))
                    .isEqualTo(new AppendResponse(A, B, 1, false, 3, 2, 1));
            assertThat(AppendResponse.accepted(A, B, 1, 3)).isEqualTo(new AppendResponse(A, B, 1, true, 3, 0, 0));
        }
    }

    @Nested
    @DisplayName("§5.2 RequestVote and the rest")
    class OtherMessages {

        @Test
        void aVoteRequestsLastLogPositionMustBeValidForItsTerm() {
            assertThatThrownBy(() -> new VoteRequest(A, B, 2, 5, 3, false, false)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new VoteRequest(A, B, 2, -1, 0, false, false)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new VoteRequest(A, B, 2, 1, -1, false, false)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new VoteRequest(A, B, 2, 5, 2, true, false).preVote()).isTrue();
        }

        @Test
        void aHeartbeatCarriesNoNegativeCommitIndexOrSequence() {
            assertThatThrownBy(() -> new Heartbeat(A, B, 1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Heartbeat(A, B, 1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new Heartbeat(A, B, 1, 0, 0).sequence()).isZero();
        }

        @Test
        void anInstallSnapshotNeedsASnapshot() {
            assertThatThrownBy(() -> new InstallSnapshot(A, B, 1, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aReadIndexIsNeverNegative() {
            assertThatThrownBy(() -> new ReadIndexResponse(A, B, 1, 7, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new ReadIndexResponse(A, B, 1, 7, 0).readIndex()).isZero();
        }
    }
}
