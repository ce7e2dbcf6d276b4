package io.kairos.sim.sched;

import io.kairos.raft.NodeId;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.leader.HeldAttempt;
import io.kairos.scheduler.leader.PollAnswer;
import java.util.List;

/**
 * What workers and clients say to masters and back: the worker protocol reduced to its meaning.
 * Endpoints are names: {@code n1}.. for masters, {@code w1}.. for workers, {@code client}.
 */
sealed interface Wire permits Wire.Request, Wire.Verdict, Wire.Poll, Wire.PollReply {

    String from();

    String to();

    /** Propose {@code command} (a registration, report, deregistration or a client's job command). */
    record Request(String from, String to, long requestId, Command command) implements Wire {
    }

    /**
     * The answer to a request: {@code result} once the command committed and applied, or null with
     * {@code leaderHint} (0 for none) when this master could not propose it or lost it.
     */
    record Verdict(String from, String to, long requestId, long term, Result result, int leaderHint)
            implements Wire {
    }

    /** The heartbeat: what the worker holds, and whether it is draining before it leaves. */
    record Poll(String from, String to, long pollId, List<HeldAttempt> held, boolean draining) implements Wire {
        public Poll {
            held = List.copyOf(held);
        }
    }

    /** The answer to a poll from the leader of {@code term}, or (answer null) "not the leader". */
    record PollReply(String from, String to, long pollId, long term, PollAnswer answer, int leaderHint)
            implements Wire {
    }

    static String master(NodeId id) {
        return "n" + id.value();
    }

    static String master(int id) {
        return "n" + id;
    }
}
