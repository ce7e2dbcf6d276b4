package io.kairos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void threeNodesElectAndReplicate() {
        TestCluster c = TestCluster.of(3);
        c.elect(1);
        assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
        c.propose(1, "a");
        c.propose(1, "b");
        c.tick(3);
        for (int i = 1; i <= 3; i++) {
            assertThat(c.appliedCommands(i)).containsExactly("a", "b");
        }
    }

    @Test
    void electionByTimeout() {
        TestCluster c = TestCluster.of(5);
        c.tick(40);
        assertThat(c.leader()).isNotNull();
        long leaders = c.nodes.values().stream().filter(n -> n.role() == Role.LEADER).count();
        assertThat(leaders).isEqualTo(1);
    }
}
