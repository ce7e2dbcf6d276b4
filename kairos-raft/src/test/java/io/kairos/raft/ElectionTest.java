package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static io.kairos.raft.LoneNode.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ElectionTest {

    @Nested
    @DisplayName("§5.1 Raft basics: terms")
    class Terms {

        @Test
        void aFollowerRefusesAnAppendFromAStaleTermAndTellsTheSenderItsTerm() {
            LoneNode follower = LoneNode.of(2, 3, 5, 1, 1);

            List<Message> out = follower.step(new AppendRequest(n(1), n(2), 3, 2, 1, LoneNode.entries(3, 3), 0));

            assertThat(out).containsExactly(AppendResponse.rejected(n(2), n(1), 5, 0, 0, 0));
            assertThat(follower.node.term()).isEqualTo(5);
            assertThat(follower.node.lastIndex()).isEqualTo(2);
            assertThat(follower.node.leader()).isNull();
        }

        @Test
        void aStaleHeartbeatIsAnsweredWithTheNewerTerm() {
            LoneNode follower = LoneNode.of(2, 3, 5, 1, 1);

            List<Message> out = follower.step(new Heartbeat(n(1), n(2), 4, 2, 7));

            assertThat(out).containsExactly(AppendResponse.rejected(n(2), n(1), 5, 0, 0, 0));
            assertThat(follower.node.commitIndex()).isZero();
        }

        @Test
        void withoutPreVoteOrCheckQuorumAStaleAppendIsDroppedSilently() {
            LoneNode follower = LoneNode.of(2, 3, 5, b -> b.preVote(false).checkQuorum(false), 1, 1);

            List<Message> out = follower.step(new AppendRequest(n(1), n(2), 3, 2, 1, LoneNode.entries(3, 3), 0));

            assertThat(out).isEmpty();
            assertThat(follower.node.lastIndex()).isEqualTo(2);
        }

        @Test
        void aVoteRequestFromAStaleTermGetsNoVoteAndNoAnswer() {
            LoneNode follower = LoneNode.of(2, 3, 5, 1, 1);

            List<Message> out = follower.step(new VoteRequest(n(3), n(2), 4, 9, 4, false, false));

            assertThat(out).isEmpty();
            assertThat(follower.node.hardState()).isEqualTo(new HardState(5, null, 0));
        }

        @Test
        void aPreVoteFromAStaleTermIsRefusedWithTheNewerTerm() {
            LoneNode follower = LoneNode.of(2, 3, 5, 1, 1);

            List<Message> out = follower.step(new VoteRequest(n(3), n(2), 4, 9, 4, true, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 5, true, false));
        }

        @Test
        void aCandidateDoesNotCountAGrantedVoteFromAStaleTerm() {
            LoneNode candidate = LoneNode.of(1, 3, 2, b -> b.preVote(false));
            candidate.node.campaign();
            candidate.drain();
            assertThat(candidate.node.term()).isEqualTo(3);

            candidate.step(new VoteResponse(n(2), n(1), 2, false, true));
            assertThat(candidate.node.role()).isEqualTo(Role.CANDIDATE);

            candidate.step(new VoteResponse(n(2), n(1), 3, false, true));
            assertThat(candidate.node.role()).isEqualTo(Role.LEADER);
        }

        @Test
        void aLeaderThatHearsAHeartbeatOfAHigherTermFollowsItsSender() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            c.node(1).step(new Heartbeat(n(2), n(1), 2, 0, 1));

            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(1).term()).isEqualTo(2);
            assertThat(c.node(1).leader()).isEqualTo(n(2));
        }

        @Test
        void aLeaderThatHearsAResponseOfAHigherTermStepsDownWithoutALeader() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            c.node(1).step(AppendResponse.rejected(n(3), n(1), 7, 0, 0, 0));

            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(1).term()).isEqualTo(7);
            assertThat(c.node(1).leader()).isNull();
            assertThat(c.node(1).hasValidLease()).isFalse();
            assertThat(c.node(1).propose("x".getBytes())).isEqualTo(new ProposeResult.NotLeader(null));
        }

        @Test
        void withoutCheckQuorumALeaderStepsDownForACandidateOfAHigherTerm() {
            TestCluster c = TestCluster.of(3, b -> b.preVote(false).checkQuorum(false));
            c.elect(1);

            c.elect(3);

            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(3).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(3).term()).isEqualTo(2);
            assertThat(c.node(1).term()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("§5.2 Leader election")
    class LeaderElection {

        @Test
        void aFollowerCampaignsAfterARandomTimeoutBetweenTheMinimumAndTwiceTheMinimum() {
            Set<Integer> observed = new TreeSet<>();
            for (long seed = 0; seed < 300; seed++) {
                RaftNode node = new RaftNode(RaftConfig.builder(n(1), new Random(seed)).electionTimeoutTicks(10)
                        .heartbeatTicks(1).leaseDriftMarginTicks(2).build(), MemoryStorage.bootstrap(voters(3)));
                int ticks = 0;
                while (node.role() == Role.FOLLOWER && ticks < 100) {
                    node.tick();
                    ticks++;
                }
                observed.add(ticks);
            }
            assertThat(observed).containsExactlyElementsOf(IntStream.range(10, 20).boxed().toList());
        }

        @Test
        void aCampaignThatHearsNothingIsRetriedAfterAFreshRandomTimeout() {
            LoneNode node = LoneNode.of(1, 3, 0);
            List<Integer> pollTicks = new ArrayList<>();
            for (int t = 1; t <= 400; t++) {
                if (node.tick(1).stream().anyMatch(m -> m instanceof VoteRequest)) {
                    pollTicks.add(t);
                }
            }
            Set<Integer> gaps = new TreeSet<>();
            for (int i = 1; i < pollTicks.size(); i++) {
                gaps.add(pollTicks.get(i) - pollTicks.get(i - 1));
            }
            assertThat(gaps).isNotEmpty().allMatch(g -> g >= 10 && g < 20);
            assertThat(gaps.size()).isGreaterThan(3);
            assertThat(node.node.term()).isZero();
            assertThat(node.node.role()).isEqualTo(Role.PRE_CANDIDATE);
        }

        @Test
        void aCandidateThatHearsNothingCampaignsAgainInANewTermAfterAFreshRandomTimeout() {
            LoneNode node = LoneNode.of(1, 3, 0, b -> b.preVote(false));
            List<Integer> campaignTicks = new ArrayList<>();
            for (int t = 1; t <= 200; t++) {
                if (node.tick(1).stream().anyMatch(m -> m instanceof VoteRequest)) {
                    campaignTicks.add(t);
                }
            }
            for (int i = 1; i < campaignTicks.size(); i++) {
                assertThat(campaignTicks.get(i) - campaignTicks.get(i - 1)).isBetween(10, 19);
            }
            assertThat(node.node.term()).isEqualTo(campaignTicks.size());
            assertThat(node.node.role()).isEqualTo(Role.CANDIDATE);
        }

        @Test
        void adoptingANewerTermRestartsTheElectionTimer() {
            LoneNode node = LoneNode.of(1, 3, 1, b -> b.preVote(false), 1, 1);
            while (node.node.electionElapsed < node.node.randomizedElectionTimeout - 1) {
                assertThat(node.tick(1)).isEmpty();
            }

            // A candidate with a staler log: no vote, but its term is adopted.
            node.step(new VoteRequest(n(2), n(1), 5, 0, 0, false, false));

            assertThat(node.node.term()).isEqualTo(5);
            assertThat(node.tick(9)).isEmpty();
            assertThat(node.node.role()).isEqualTo(Role.FOLLOWER);
        }

        @Test
        void aCandidateThatHearsFromTheLeaderOfItsTermFollowsIt() {
            LoneNode node = LoneNode.of(1, 3, 1, b -> b.preVote(false));
            node.node.campaign();
            node.drain();

            node.step(new AppendRequest(n(2), n(1), 2, 0, 0, List.of(), 0));

            assertThat(node.node.role()).isEqualTo(Role.FOLLOWER);
            assertThat(node.node.leader()).isEqualTo(n(2));
            assertThat(node.node.hardState()).isEqualTo(new HardState(2, n(1), 0));
        }

        @Test
        void theNodeReportsItsRoleLeaderTermAndMembership() {
            LoneNode node = LoneNode.of(1, 1, 0);
            node.node.campaign();

            Ready rd = node.node.ready();

            SoftState expected = new SoftState(Role.LEADER, n(1), 1, voters(1));
            assertThat(rd.softState()).isEqualTo(expected);
            assertThat(node.node.softState()).isEqualTo(expected);
            assertThat(rd.hardState()).isEqualTo(new HardState(1, n(1), 0));
            assertThat(node.node.toString()).isEqualTo("n1[LEADER term=1 leader=n1 commit=0 last=1 voters=[n1]]");
            assertThat(node.node.id()).isEqualTo(n(1));
            assertThat(node.node.lastTerm()).isEqualTo(1);
            assertThat(node.node.matchIndexOf(n(1))).isZero();
            node.node.advance(rd);
            assertThat(node.node.matchIndexOf(n(1))).isEqualTo(1);
            assertThat(node.node.matchIndexOf(n(2))).isEqualTo(-1);
            assertThat(LoneNode.of(2, 3, 1).node.matchIndexOf(n(2))).isEqualTo(-1);
        }

        @Test
        void aCandidateWithVotesFromAMajorityBecomesLeader() {
            TestCluster c = TestCluster.of(5);
            c.isolate(4);
            c.isolate(5);

            c.elect(1);

            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).term()).isEqualTo(1);
            for (int voter : new int[] {2, 3}) {
                assertThat(c.node(voter).hardState()).isEqualTo(new HardState(1, n(1), 1));
                assertThat(c.node(voter).leader()).isEqualTo(n(1));
            }
            assertThat(c.node(4).term()).isZero();
        }

        @Test
        void aCandidateWithoutAMajorityDoesNotBecomeLeader() {
            TestCluster c = TestCluster.of(5, b -> b.preVote(false));
            c.isolate(3);
            c.isolate(4);
            c.isolate(5);

            c.elect(1);

            assertThat(c.node(1).role()).isEqualTo(Role.CANDIDATE);
            assertThat(c.node(1).term()).isEqualTo(1);
            assertThat(c.node(2).hardState().votedFor()).isEqualTo(n(1));
        }

        @Test
        void aCandidateRefusedByAMajorityReturnsToFollower() {
            LoneNode candidate = LoneNode.of(1, 3, 0, b -> b.preVote(false));
            candidate.node.campaign();
            candidate.drain();

            candidate.step(new VoteResponse(n(2), n(1), 1, false, false));
            assertThat(candidate.node.role()).isEqualTo(Role.CANDIDATE);
            candidate.step(new VoteResponse(n(3), n(1), 1, false, false));

            assertThat(candidate.node.role()).isEqualTo(Role.FOLLOWER);
            assertThat(candidate.node.term()).isEqualTo(1);
            assertThat(candidate.node.hardState().votedFor()).isEqualTo(n(1));
        }

        @Test
        void aCandidateSendsItsLastLogPositionToEveryOtherVoter() {
            LoneNode candidate = LoneNode.of(1, 3, 2, b -> b.preVote(false), 1, 2);
            candidate.node.campaign();

            assertThat(candidate.drain()).containsExactly(
                    new VoteRequest(n(1), n(2), 3, 2, 2, false, false),
                    new VoteRequest(n(1), n(3), 3, 2, 2, false, false));
            assertThat(candidate.storage.hardState()).isEqualTo(new HardState(3, n(1), 0));
        }

        @Test
        void aSplitVoteElectsNobodyAndALaterTermElectsExactlyOneLeader() {
            TestCluster c = TestCluster.of(4, b -> b.preVote(false));
            c.cut(1, 4);
            c.cut(2, 3);

            c.node(1).campaign();
            c.node(2).campaign();
            c.stabilize();

            assertThat(c.node(1).role()).isEqualTo(Role.CANDIDATE);
            assertThat(c.node(2).role()).isEqualTo(Role.CANDIDATE);
            assertThat(c.node(3).hardState().votedFor()).isEqualTo(n(1));
            assertThat(c.node(4).hardState().votedFor()).isEqualTo(n(2));
            assertThat(c.leader()).isNull();

            c.heal();
            c.tick(40);

            List<RaftNode> leaders = c.nodes.values().stream().filter(r -> r.role() == Role.LEADER).toList();
            assertThat(leaders).hasSize(1);
            assertThat(leaders.get(0).term()).isGreaterThan(1);
            for (RaftNode r : c.nodes.values()) {
                assertThat(r.leader()).isEqualTo(leaders.get(0).id());
            }
        }

        @Test
        void aNodeGrantsOneVotePerTermAndRepeatsItToTheSameCandidate() {
            LoneNode voter = LoneNode.of(3, 3, 0);

            assertThat(voter.step(new VoteRequest(n(1), n(3), 1, 0, 0, false, false)))
                    .containsExactly(new VoteResponse(n(3), n(1), 1, false, true));
            assertThat(voter.step(new VoteRequest(n(2), n(3), 1, 0, 0, false, false)))
                    .containsExactly(new VoteResponse(n(3), n(2), 1, false, false));
            assertThat(voter.step(new VoteRequest(n(1), n(3), 1, 0, 0, false, false)))
                    .containsExactly(new VoteResponse(n(3), n(1), 1, false, true));
            assertThat(voter.storage.hardState()).isEqualTo(new HardState(1, n(1), 0));
        }

        @Test
        void aNewTermFreesTheVote() {
            LoneNode voter = LoneNode.of(3, 3, 0);
            voter.step(new VoteRequest(n(1), n(3), 1, 0, 0, false, false));

            assertThat(voter.step(new VoteRequest(n(2), n(3), 2, 0, 0, false, false)))
                    .containsExactly(new VoteResponse(n(3), n(2), 2, false, true));
            assertThat(voter.storage.hardState()).isEqualTo(new HardState(2, n(2), 0));
        }

        @Test
        void grantingAVoteRestartsTheElectionTimer() {
            LoneNode voter = LoneNode.of(3, 3, 0, b -> b.preVote(false));
            voter.tick(9);
            voter.step(new VoteRequest(n(1), n(3), 1, 0, 0, false, false));

            List<Message> out = voter.tick(9);

            assertThat(out).isEmpty();
            assertThat(voter.node.role()).isEqualTo(Role.FOLLOWER);
        }

        @Test
        void aLoneVoterElectsItselfAtOnce() {
            LoneNode solo = LoneNode.of(1, 1, 0);
            solo.node.campaign();
            solo.drain();

            assertThat(solo.node.role()).isEqualTo(Role.LEADER);
            assertThat(solo.node.term()).isEqualTo(1);
            assertThat(solo.node.commitIndex()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("§5.4.1 Election restriction")
    class ElectionRestriction {

        private VoteResponse answer(long[] voterLog, long candidateLastIndex, long candidateLastTerm) {
            LoneNode voter = LoneNode.of(2, 3, 3, voterLog);
            List<Message> out = voter.step(new VoteRequest(n(1), n(2), 4, candidateLastIndex, candidateLastTerm,
                    false, false));
            assertThat(out).hasSize(1);
            return (VoteResponse) out.get(0);
        }

        @Test
        void aCandidateWhoseLastTermIsLowerIsRefusedEvenWithALongerLog() {
            assertThat(answer(new long[] {1, 2, 3}, 5, 2).granted()).isFalse();
        }

        @Test
        void aCandidateWithTheSameLastTermButAShorterLogIsRefused() {
            assertThat(answer(new long[] {1, 2, 3}, 2, 3).granted()).isFalse();
        }

        @Test
        void aCandidateWithTheSameLastTermAndLengthIsGranted() {
            assertThat(answer(new long[] {1, 2, 3}, 3, 3).granted()).isTrue();
        }

        @Test
        void aCandidateWithTheSameLastTermAndALongerLogIsGranted() {
            assertThat(answer(new long[] {1, 2, 3}, 4, 3).granted()).isTrue();
        }

        @Test
        void aCandidateWithAHigherLastTermIsGrantedEvenWithAShorterLog() {
            assertThat(answer(new long[] {1, 2, 3}, 1, 4).granted()).isTrue();
        }

        @Test
        void aRefusedCandidateStillMovesTheVoterToItsTermWithoutAVote() {
            LoneNode voter = LoneNode.of(2, 3, 3, 1, 2, 3);
            voter.step(new VoteRequest(n(1), n(2), 4, 2, 3, false, false));

            assertThat(voter.storage.hardState()).isEqualTo(new HardState(4, null, 0));
        }

        @Test
        void aNodeThatMissedCommittedEntriesCannotBecomeLeader() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);
            c.isolate(3);
            c.propose(1, "a");
            c.isolate(1);
            c.rejoin(3);

            c.elect(3);

            assertThat(c.node(3).role()).isEqualTo(Role.PRE_CANDIDATE);
            assertThat(c.node(3).term()).isEqualTo(1);
            assertThat(c.delivered(VoteResponse.class, 2, 3)).containsExactly(new VoteResponse(n(2), n(3), 1, true, false));

            c.elect(2);

            assertThat(c.node(2).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(2).term()).isEqualTo(2);
            c.tick(2);
            assertThat(c.appliedCommands(3)).containsExactly("a");
        }
    }

    @Nested
    @DisplayName("Thesis §9.6 Preventing disruptions: pre-vote")
    class PreVote {

        @Test
        void aPartitionedNodeRejoiningRaisesNoTermAndLeavesTheLeaderInPlace() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");
            c.isolate(3);

            for (int i = 0; i < 60; i++) {
                c.tick(1);
                assertThat(c.node(3).term()).isEqualTo(1);
            }
            assertThat(c.node(3).role()).isEqualTo(Role.PRE_CANDIDATE);

            c.heal();
            c.tick(5);

            for (int id = 1; id <= 3; id++) {
                assertThat(c.node(id).term()).isEqualTo(1);
                assertThat(c.node(id).leader()).isEqualTo(n(1));
            }
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.sent.stream().filter(m -> m.from().equals(n(3)) && m instanceof VoteRequest v && !v.preVote()))
                    .isEmpty();
            c.propose(1, "b");
            assertThat(c.appliedCommands(3)).containsExactly("a", "b");
        }

        @Test
        void withoutPreVoteARejoiningNodeForcesTheLeaderToStepDown() {
            TestCluster c = TestCluster.of(3, b -> b.preVote(false).checkQuorum(false));
            c.elect(1);
            c.isolate(3);
            c.tick(3, 40);
            long inflated = c.node(3).term();
            assertThat(inflated).isGreaterThan(2);

            c.heal();
            c.tick(20);

            assertThat(c.node(1).term()).isGreaterThan(inflated);
            assertThat(c.node(2).term()).isGreaterThan(inflated);
        }

        @Test
        void aPreVoteChangesNeitherTheVotersTermNorItsVote() {
            LoneNode voter = LoneNode.of(2, 3, 1, 1);

            List<Message> out = voter.step(new VoteRequest(n(3), n(2), 2, 1, 1, true, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 2, true, true));
            assertThat(voter.node.hardState()).isEqualTo(new HardState(1, null, 0));
            assertThat(voter.node.role()).isEqualTo(Role.FOLLOWER);
        }

        @Test
        void aPreVoteForALessUpToDateLogIsRefusedWithTheVotersTerm() {
            LoneNode voter = LoneNode.of(2, 3, 1, 1, 1);

            List<Message> out = voter.step(new VoteRequest(n(3), n(2), 2, 1, 1, true, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 1, true, false));
        }

        @Test
        void aPreVoteIsGrantedEvenByANodeThatVotedInTheCurrentTerm() {
            LoneNode voter = LoneNode.of(2, 3, 1);
            voter.step(new VoteRequest(n(1), n(2), 1, 0, 0, false, false));

            List<Message> out = voter.step(new VoteRequest(n(3), n(2), 2, 0, 0, true, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 2, true, true));
            assertThat(voter.node.hardState()).isEqualTo(new HardState(1, n(1), 0));
        }

        @Test
        void aPreVoteForTheTermTheVoterAlreadyVotedInIsRefused() {
            LoneNode voter = LoneNode.of(2, 3, 1);
            voter.step(new VoteRequest(n(1), n(2), 2, 0, 0, false, false));

            List<Message> out = voter.step(new VoteRequest(n(3), n(2), 2, 0, 0, true, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 2, true, false));
        }

        @Test
        void aPreCandidatePollsForTheNextTermWithoutEnteringIt() {
            LoneNode node = LoneNode.of(1, 3, 1, 1);
            node.node.campaign();

            assertThat(node.drain()).containsExactly(
                    new VoteRequest(n(1), n(2), 2, 1, 1, true, false),
                    new VoteRequest(n(1), n(3), 2, 1, 1, true, false));
            assertThat(node.node.role()).isEqualTo(Role.PRE_CANDIDATE);
            assertThat(node.node.hardState()).isEqualTo(new HardState(1, null, 0));
        }

        @Test
        void aPreCandidateThatWinsThePollStartsARealElectionInTheNextTerm() {
            LoneNode node = LoneNode.of(1, 3, 1, 1);
            node.node.campaign();
            node.drain();

            List<Message> out = node.step(new VoteResponse(n(2), n(1), 2, true, true));

            assertThat(node.node.role()).isEqualTo(Role.CANDIDATE);
            assertThat(node.node.hardState()).isEqualTo(new HardState(2, n(1), 0));
            assertThat(out).containsExactly(
                    new VoteRequest(n(1), n(2), 2, 1, 1, false, false),
                    new VoteRequest(n(1), n(3), 2, 1, 1, false, false));
        }

        @Test
        void aPreCandidateThatLosesThePollStaysInItsTerm() {
            LoneNode node = LoneNode.of(1, 3, 1, 1);
            node.node.campaign();
            node.drain();

            node.step(new VoteResponse(n(2), n(1), 1, true, false));
            assertThat(node.node.role()).isEqualTo(Role.PRE_CANDIDATE);
            node.step(new VoteResponse(n(3), n(1), 1, true, false));

            assertThat(node.node.role()).isEqualTo(Role.FOLLOWER);
            assertThat(node.node.term()).isEqualTo(1);
        }

        @Test
        void aPreCandidateIgnoresRealVotesAndAnswersForAnotherTerm() {
            LoneNode node = LoneNode.of(1, 3, 1, 1);
            node.node.campaign();
            node.drain();

            node.step(new VoteResponse(n(2), n(1), 1, false, true));
            node.step(new VoteResponse(n(3), n(1), 1, false, true));
            assertThat(node.node.role()).isEqualTo(Role.PRE_CANDIDATE);

            node.step(new VoteResponse(n(2), n(1), 1, true, true));
            assertThat(node.node.role()).isEqualTo(Role.PRE_CANDIDATE);
        }

        @Test
        void aPreCandidateRefusedByANewerTermFollowsThatTerm() {
            LoneNode node = LoneNode.of(1, 3, 1, 1);
            node.node.campaign();
            node.drain();

            node.step(new VoteResponse(n(2), n(1), 5, true, false));

            assertThat(node.node.role()).isEqualTo(Role.FOLLOWER);
            assertThat(node.node.term()).isEqualTo(5);
        }
    }

    @Nested
    @DisplayName("Thesis §6.2 Routing requests to the leader: check-quorum")
    class CheckQuorum {

        @Test
        void aLeaderThatHearsFromNoQuorumForAnElectionTimeoutStepsDown() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(1);

            // The first check counts the answers to the leader's first messages; from then on it hears nobody.
            c.tick(1, 19);
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            c.tick(1, 1);

            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(1).term()).isEqualTo(1);
            assertThat(c.node(1).leader()).isNull();
        }

        @Test
        void aLeaderThatHearsFromAQuorumStaysLeader() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);

            c.tick(100);

            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).term()).isEqualTo(1);
            assertThat(c.node(2).leader()).isEqualTo(n(1));
        }

        @Test
        void answersToAppendsAloneKeepTheLeaderInPlace() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.drop(m -> m instanceof io.kairos.raft.message.HeartbeatResponse);

            for (int t = 0; t < 40; t++) {
                c.propose(1, "p" + t);
                c.tick(1);
            }

            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).commitIndex()).isEqualTo(41);
        }

        @Test
        void withoutCheckQuorumAnIsolatedLeaderKeepsLeading() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);
            c.isolate(1);

            c.tick(1, 100);

            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
        }

        @Test
        void aNewLeaderGetsAFullElectionTimeoutToHearFromItsFollowers() {
            LoneNode node = LoneNode.of(1, 3, 0, b -> b.preVote(false));
            node.node.campaign();
            node.drain();
            node.tick(9);
            node.step(new VoteResponse(n(2), n(1), 1, false, true));
            assertThat(node.node.role()).isEqualTo(Role.LEADER);

            node.tick(9);
            assertThat(node.node.role()).isEqualTo(Role.LEADER);
            node.tick(1);

            assertThat(node.node.role()).isEqualTo(Role.FOLLOWER);
        }
    }

    @Nested
    @DisplayName("Thesis §4.2.3 Disruptive servers: leader stickiness")
    class LeaderStickiness {

        private TestCluster clusterWithLeader1() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.clearDelivered();
            return c;
        }

        private List<Message> answersOf2(TestCluster c, VoteRequest request) {
            c.node(2).step(request);
            c.flush();
            return c.inFlight().stream().filter(m -> m.from().equals(n(2))).toList();
        }

        @Test
        void aFollowerThatHeardFromTheLeaderIgnoresAVoteRequestOfAHigherTerm() {
            TestCluster c = clusterWithLeader1();

            List<Message> out = answersOf2(c, new VoteRequest(n(3), n(2), 2, 1, 1, false, false));

            assertThat(out).isEmpty();
            assertThat(c.node(2).hardState()).isEqualTo(new HardState(1, n(1), 1));
            assertThat(c.node(2).leader()).isEqualTo(n(1));
        }

        @Test
        void aFollowerThatHeardFromTheLeaderIgnoresAPreVoteOfAHigherTerm() {
            TestCluster c = clusterWithLeader1();

            List<Message> out = answersOf2(c, new VoteRequest(n(3), n(2), 2, 1, 1, true, false));

            assertThat(out).isEmpty();
            assertThat(c.node(2).term()).isEqualTo(1);
        }

        @Test
        void theLeaseStillHoldsOneTickBeforeTheElectionTimeout() {
            TestCluster c = clusterWithLeader1();
            c.isolate(1);
            c.tick(2, 9);

            assertThat(answersOf2(c, new VoteRequest(n(3), n(2), 2, 1, 1, true, false))).isEmpty();
        }

        @Test
        void aFollowerThatHasNotHeardFromTheLeaderForAnElectionTimeoutGrantsAPreVote() {
            TestCluster c = clusterWithLeader1();
            c.isolate(1);
            c.tick(2, 10);

            List<Message> out = answersOf2(c, new VoteRequest(n(3), n(2), 2, 1, 1, true, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 2, true, true));
        }

        @Test
        void aTransferCampaignOverridesTheLease() {
            TestCluster c = clusterWithLeader1();

            List<Message> out = answersOf2(c, new VoteRequest(n(3), n(2), 2, 1, 1, false, true));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 2, false, true));
            assertThat(c.node(2).hardState()).isEqualTo(new HardState(2, n(3), 1));
        }

        @Test
        void withoutCheckQuorumThereIsNoStickiness() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);

            List<Message> out = answersOf2(c, new VoteRequest(n(3), n(2), 2, 1, 1, false, false));

            assertThat(out).containsExactly(new VoteResponse(n(2), n(3), 2, false, true));
        }
    }

    @Nested
    @DisplayName("Figure 2 Persistent state: restart")
    class Persistence {

        @Test
        void aVoteSurvivesARestart() {
            LoneNode voter = LoneNode.of(3, 3, 0);
            voter.step(new VoteRequest(n(1), n(3), 1, 0, 0, false, false));

            voter.restart();

            assertThat(voter.node.hardState()).isEqualTo(new HardState(1, n(1), 0));
            assertThat(voter.step(new VoteRequest(n(2), n(3), 1, 0, 0, false, false)))
                    .containsExactly(new VoteResponse(n(3), n(2), 1, false, false));
            assertThat(voter.step(new VoteRequest(n(1), n(3), 1, 0, 0, false, false)))
                    .containsExactly(new VoteResponse(n(3), n(1), 1, false, true));
        }

        @Test
        void aRestartedNodeKeepsTermVoteLogAndCommitIndexAndRejoins() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");
            c.propose(1, "b");
            c.tick(2);
            RaftNode before = c.node(3);
            List<Long> terms = c.terms(3, 1);

            RaftNode after = c.restart(NodeId.of(3));

            assertThat(after).isNotSameAs(before);
            assertThat(after.term()).isEqualTo(1);
            assertThat(after.hardState()).isEqualTo(new HardState(1, n(1), 3));
            assertThat(after.commitIndex()).isEqualTo(3);
            assertThat(after.lastIndex()).isEqualTo(3);
            assertThat(c.terms(3, 1)).isEqualTo(terms);
            assertThat(after.role()).isEqualTo(Role.FOLLOWER);
            c.flush();
            assertThat(c.appliedCommands(3)).containsExactly("a", "b");

            c.propose(1, "c");
            c.tick(2);
            assertThat(c.appliedCommands(3)).containsExactly("a", "b", "c");
            assertThat(after.leader()).isEqualTo(n(1));
        }

        @Test
        void aRestartedLeaderComesBackAsAFollowerOfItsTerm() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");

            RaftNode restarted = c.restart(NodeId.of(1));

            assertThat(restarted.role()).isEqualTo(Role.FOLLOWER);
            assertThat(restarted.hardState()).isEqualTo(new HardState(1, n(1), 2));
            assertThat(restarted.leader()).isNull();
        }
    }
}
