package io.kairos.sim.lincheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return events of a partition's operations, in time order, as a doubly linked list
 * from which an operation's two events are lifted when it is linearized and spliced back, in
 * reverse order of lifting, when the search backtracks.
 *
 * <p>At equal times calls come before returns, so operations that touch the same instant are
 * concurrent: a coarse clock can hide a violation but never invent one.
 */
final class EventList {

    /** One call or return event of operation {@code operationId}. */
    static final class Event {
        final int operationId;
        final boolean call;
        final long time;
        /** The return of a call, the call of a return. */
        Event match;
        Event previous;
        Event next;

        private Event(int operationId, boolean call, long time) {
            this.operationId = operationId;
            this.call = call;
            this.time = time;
        }
    }

    /** Sentinel before the first event; its {@code next} is the earliest event not lifted. */
    private final Event head = new Event(-1, true, Long.MIN_VALUE);

    EventList(List<? extends Operation<?, ?>> operations) {
        List<Event> events = new ArrayList<>(2 * operations.size());
        for (int id = 0; id < operations.size(); id++) {
            Operation<?, ?> op = operations.get(id);
            Event call = new Event(id, true, op.callTime());
            Event ret = new Event(id, false, op.returnTime());
            call.match = ret;
            ret.match = call;
            events.add(call);
            events.add(ret);
        }
        events.sort(Comparator.<Event>comparingLong(e -> e.time)
                .thenComparing(e -> !e.call)
                .thenComparingInt(e -> e.operationId));
        Event last = head;
        for (Event event : events) {
            last.next = event;
            event.previous = last;
            last = event;
        }
    }

    /** The earliest event not lifted, or null when every operation is linearized. */
    Event first() {
        return head.next;
    }

    /** Removes a call and its return from the list. */
    static void lift(Event call) {
        unlink(call);
        unlink(call.match);
    }

    /** Undoes {@link #lift}; calls must be unlifted in the reverse order they were lifted. */
    static void unlift(Event call) {
        relink(call.match);
        relink(call);
    }

    private static void unlink(Event event) {
        event.previous.next = event.next;
        if (event.next != null) {
            event.next.previous = event.previous;
        }
    }

    // The event's own links still point at its old neighbours, which are back in place by now.
    private static void relink(Event event) {
        event.previous.next = event;
        if (event.next != null) {
            event.next.previous = event;
        }
    }
}
