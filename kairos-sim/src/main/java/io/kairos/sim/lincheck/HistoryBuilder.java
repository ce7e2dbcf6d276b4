package io.kairos.sim.lincheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs the invocations and completions of a history's processes into {@link Operation}s, in the
 * order of their invocations.
 *
 * <p>A completion belongs to its process's latest open invocation. Jepsen never reuses a process
 * after an indeterminate ({@code :info}) completion, but if a process invokes again while an
 * invocation is still open, the older one can no longer complete and is given an unknown outcome;
 * so is every invocation still open at the end.
 */
final class HistoryBuilder<I, O> {

    private record OpenInvocation<I>(int slot, I input, long callTime) {
    }

    /** One slot per invocation, in invocation order; null while open or once dropped. */
    private final List<Operation<I, O>> slots = new ArrayList<>();
    private final Map<Integer, OpenInvocation<I>> open = new HashMap<>();

    void invoke(int process, I input, long callTime) {
        Objects.requireNonNull(input, "input");
        OpenInvocation<I> abandoned = open.put(process, new OpenInvocation<>(slots.size(), input, callTime));
        slots.add(null);
        if (abandoned != null) {
            settleUnknown(process, abandoned);
        }
    }

    /** The input of the process's open invocation, or null if it has none. */
    I openInput(int process) {
        OpenInvocation<I> invocation = open.get(process);
        return invocation == null ? null : invocation.input();
    }

    /** The open invocation returned {@code output}. */
    void complete(int process, O output, long returnTime) {
        OpenInvocation<I> invocation = closeOrThrow(process);
        slots.set(invocation.slot(),
                Operation.completed(process, invocation.input(), output, invocation.callTime(), returnTime));
    }

    /** The open invocation certainly took no effect and returned nothing: it leaves the history. */
    void drop(int process) {
        closeOrThrow(process);
    }

    /** The open invocation may or may not take effect. */
    void outcomeUnknown(int process) {
        settleUnknown(process, closeOrThrow(process));
    }

    /** The operations so far, in invocation order; invocations still open get unknown outcomes. */
    List<Operation<I, O>> operations() {
        open.forEach(this::settleUnknown);
        open.clear();
        List<Operation<I, O>> operations = new ArrayList<>(slots.size());
        for (Operation<I, O> op : slots) {
            if (op != null) {
                operations.add(op);
            }
        }
        return operations;
    }

    private OpenInvocation<I> closeOrThrow(int process) {
        OpenInvocation<I> invocation = open.remove(process);
        if (invocation == null) {
            throw new IllegalStateException("process " + process + " has no open invocation");
        }
        return invocation;
    }

    private void settleUnknown(int process, OpenInvocation<I> invocation) {
        slots.set(invocation.slot(), Operation.unknownOutcome(process, invocation.input(), invocation.callTime()));
    }
}
