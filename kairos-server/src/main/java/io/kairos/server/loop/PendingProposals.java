package io.kairos.server.loop;

import io.kairos.server.loop.ProposalFailedException.Kind;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client writes accepted by the core and waiting for their entry to be applied, by log index. The
 * event loop registers an entry as soon as the core accepts it (before the entry can commit); the
 * applier resolves it when it applies that index: the result if the applied entry has the
 * proposal's term, a {@link Kind#LOST} failure if another leader's entry took the index.
 */
final class PendingProposals {

    private record Pending(long term, CompletableFuture<byte[]> future) {
    }

    private final Map<Long, Pending> byIndex = new ConcurrentHashMap<>();

    void register(long index, long term, CompletableFuture<byte[]> future) {
        Pending old = byIndex.put(index, new Pending(term, future));
        if (old != null) {
            // The core reuses an index only after the older proposal's entry was truncated.
            old.future.completeExceptionally(new ProposalFailedException(Kind.LOST,
                    "entry " + index + " of term " + old.term + " was replaced before it committed; retry"));
        }
    }

    /** The entry at {@code index} with {@code term} was applied with {@code result}. */
    void applied(long index, long term, byte[] result) {
        Pending p = byIndex.remove(index);
        if (p == null) {
            return;
        }
        if (p.term == term) {
            p.future.complete(result);
        } else {
            p.future.completeExceptionally(new ProposalFailedException(Kind.LOST, "entry " + index + " of term "
                    + p.term + " was replaced by term " + term + "'s in a leader change before it committed; retry"));
        }
    }

    /** A snapshot through {@code index} replaced the log: the proposals at or below it cannot be told apart. */
    void coveredBySnapshot(long index) {
        byIndex.entrySet().removeIf(e -> {
            if (e.getKey() > index) {
                return false;
            }
            e.getValue().future.completeExceptionally(new ProposalFailedException(Kind.UNKNOWN,
                    "entry " + e.getKey() + " was covered by a snapshot from the leader; whether it committed is"
                            + " unknown here; retry with the same session to be safe"));
            return true;
        });
    }

    void failAll(ProposalFailedException failure) {
        byIndex.values().forEach(p -> p.future.completeExceptionally(failure));
        byIndex.clear();
    }

    int size() {
        return byIndex.size();
    }
}
