package io.kairos.worker;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reports waiting for a verdict, oldest first, so an attempt's STARTED always goes before its
 * FINISHED. A report leaves only when it got a verdict or its attempt was forgotten.
 */
final class ReportQueue {

    private record Key(long runId, int attempt, Report.Kind kind) {
        static Key of(Report r) {
            return new Key(r.runId(), r.attempt(), r.kind());
        }
    }

    /** In the order added; by key, so that every change is O(1) however many wait. Guarded by this. */
    private final LinkedHashMap<Key, Report> pending = new LinkedHashMap<>();

    /**
     * Queues a report. A FINISHED whose STARTED is still queued replaces it: the masters accept
     * FINISHED straight from ASSIGNED, and a quick attempt then costs the log one entry, not two.
     * (Batches go out one at a time, so a STARTED already sent has its verdict before this one goes.)
     */
    synchronized void add(Report report) {
        if (report.kind() == Report.Kind.FINISHED) {
            pending.remove(new Key(report.runId(), report.attempt(), Report.Kind.STARTED));
        }
        pending.put(Key.of(report), report);
        notifyAll();
    }

    /** Up to {@code max} of the oldest reports, waiting for one if there are none. */
    synchronized List<Report> awaitBatch(int max) throws InterruptedException {
        while (pending.isEmpty()) {
            wait();
        }
        List<Report> batch = new ArrayList<>(Math.min(max, pending.size()));
        for (Report r : pending.values()) {
            if (batch.size() == max) {
                break;
            }
            batch.add(r);
        }
        return batch;
    }

    /** Removes this very report (not an equal one); false if it was dropped meanwhile. */
    synchronized boolean remove(Report report) {
        Key key = Key.of(report);
        if (pending.get(key) == report) {
            pending.remove(key);
            return true;
        }
        return false;
    }

    synchronized void dropAll(AttemptRef attempt) {
        pending.remove(new Key(attempt.runId(), attempt.attempt(), Report.Kind.STARTED));
        pending.remove(new Key(attempt.runId(), attempt.attempt(), Report.Kind.FINISHED));
    }

    synchronized void clear() {
        pending.clear();
    }

    synchronized int size() {
        return pending.size();
    }
}
