package io.kairos.api.worker;

import java.util.List;

/**
 * The committed verdict on each report, in request order. A worker forgets a report once it has a
 * verdict: {@code APPLIED} (state changed), {@code STALE} (not the current attempt: fenced off, the
 * attempt must not run on), {@code NOT_FOUND} (the run or its job is gone).
 */
public record ReportResponse(long term, List<Verdict> verdicts) {

    public enum Verdict { APPLIED, STALE, NOT_FOUND }
}
