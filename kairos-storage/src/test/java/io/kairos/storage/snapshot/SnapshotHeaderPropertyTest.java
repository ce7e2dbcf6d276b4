package io.kairos.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.SnapshotMeta;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SnapshotHeaderPropertyTest {

    @Property
    void everyHeaderDecodesToTheMetaItWasEncodedFrom(@ForAll("metas") SnapshotMeta meta) {
        assertThat(SnapshotHeader.decode(new SnapshotHeader(meta).encode()).meta()).isEqualTo(meta);
    }

    @Property
    void aHeaderCutShortIsRejectedNotMisread(@ForAll("metas") SnapshotMeta meta,
            @ForAll @IntRange(min = 1, max = 1000) int cut) {
        byte[] bytes = new SnapshotHeader(meta).encode();
        byte[] shorter = Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
        assertThatThrownBy(() -> SnapshotHeader.decode(shorter)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<SnapshotMeta> metas() {
        Arbitrary<Long> index = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Long> term = Arbitraries.longs().between(1, Long.MAX_VALUE);
        return Combinators.combine(index, term, memberships())
                .as(SnapshotMeta::new)
                .injectDuplicates(0.01)
                .edgeCases(edges -> edges.add(new SnapshotMeta(0, 0, Membership.ofVoters(NodeId.of(1)))));
    }

    /** Voters, outgoing voters and learners; learners kept disjoint from both voter sets as Membership demands. */
    private Arbitrary<Membership> memberships() {
        Arbitrary<Set<NodeId>> ids = Arbitraries.integers().between(1, Integer.MAX_VALUE).map(NodeId::of)
                .set().ofMaxSize(9);
        return Combinators.combine(ids.filter(s -> !s.isEmpty()), ids, ids).as((voters, outgoing, learners) -> {
            Set<NodeId> disjoint = new HashSet<>(learners);
            disjoint.removeAll(voters);
            disjoint.removeAll(outgoing);
            return new Membership(voters, outgoing, disjoint);
        });
    }
}
