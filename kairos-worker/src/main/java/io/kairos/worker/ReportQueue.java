package io.kairos.worker;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports waiting for a verdict, oldest first, so an attempt's STARTED always goes before its
 * FINISHED. A report leaves only when it got a verdict or its attempt was forgotten.
 */
final class ReportQueue {

    private final List<Report> pending = new ArrayList<>(); // guarded by this

    /**
     * Queues a report. A FINISHED whose STARTED is still queued replaces it: the masters accept
     * FINISHED straight from ASSIGNED, and a quick attempt then costs the log one entry, not two.
     * (Batches go out one at a time, so a STARTED already sent has its verdict before this one goes.)
     */
    synchronized void add(Report report) {
        if (report.kind() == Report.Kind.FINISHED) {
            pending.removeIf(r -> r.kind() == Report.Kind.STARTED && r.runId() == report.runId()
                    && r.attempt() == report.attempt());
        }
        pending.add(report);
        notifyAll();
    }

    /** Up to {@code max} of the oldest reports, waiting for one if there are none. */
    synchronized List<Report> awaitBatch(int max) throws InterruptedException {
        while (pending.isEmpty()) {
            wait();
        }
        return List.copyOf(pending.subList(0, Math.min(max, pending.size())));
    }

    /** Removes this very report (not an equal one); false if it was dropped meanwhile. */
    synchronized boolean remove(Report report) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i) == report) {
                pending.remove(i);
                return true;
            }
        }
        return false;
    }

    synchronized void dropAll(AttemptRef attempt) {
        pending.removeIf(r -> r.runId() == attempt.runId() && r.attempt() == attempt.attempt());
    }

    synchronized void clear() {
        pending.clear();
    }

    synchronized int size() {
        return pending.size();
    }
}
