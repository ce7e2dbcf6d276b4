package io.kairos.worker;

import io.kairos.api.worker.Report;
import io.kairos.api.worker.ReportRequest;
import io.kairos.api.worker.ReportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting thread: sends pending reports in batches, in order, until each has a verdict from
 * an answer of the current term, then hands the verdicts to {@link Attempts}.
 */
final class Reporter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    /** Reports per request: enough to catch up after an outage in a few round trips. */
    static final int MAX_BATCH = 256;

    private final String path;
    private final MasterClient masters;
    private final TermFence fence;
    private final ReportQueue reports;
    private final Attempts attempts;
    private final Backoff rejections = new Backoff(200, 5_000);

    Reporter(String workerId, MasterClient masters, TermFence fence, ReportQueue reports, Attempts attempts) {
        this.path = "/v1/workers/" + workerId + "/reports";
        this.masters = masters;
        this.fence = fence;
        this.reports = reports;
        this.attempts = attempts;
    }

    @Override
    public void run() {
        try {
            while (true) {
                if (sendOnce(reports.awaitBatch(MAX_BATCH))) {
                    rejections.reset();
                } else {
                    Thread.sleep(rejections.nextDelayMillis());
                }
            }
        } catch (InterruptedException e) {
            log.debug("reporter stopped with {} reports pending", reports.size());
        }
    }

    /** Returns false when the batch got no usable verdicts and must be retried after a pause. */
    private boolean sendOnce(List<Report> batch) throws InterruptedException {
        ReportResponse answer;
        try {
            answer = masters.post(path, new ReportRequest(batch), ReportResponse.class, Duration.ofSeconds(15),
                    PollLoop.forever());
        } catch (IOException | MasterRejectedException e) {
            log.error("reports not accepted, will retry: {}", e.getMessage());
            return false;
        }
        if (!fence.admit(answer.term(), "a report answer")) {
            masters.forgetLeader();
            return false;
        }
        if (answer.verdicts() == null || answer.verdicts().size() != batch.size()) {
            log.error("the leader answered {} reports with {} verdicts; retrying them", batch.size(),
                    answer.verdicts() == null ? "no" : answer.verdicts().size());
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            Report report = batch.get(i);
            if (reports.remove(report)) {
                attempts.onVerdict(report, answer.verdicts().get(i));
            }
        }
        return true;
    }
}
