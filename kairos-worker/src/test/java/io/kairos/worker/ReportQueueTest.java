package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.api.worker.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportQueueTest {

    static Report started(long run) {
        return new Report(run, 1, Report.Kind.STARTED, null, 0, "");
    }

    static Report finished(long run) {
        return new Report(run, 1, Report.Kind.FINISHED, Report.Outcome.SUCCEEDED, 0, "ok");
    }

    @Test
    void aFinishedReplacesItsOwnStartedStillQueuedButNoOther() throws Exception {
        ReportQueue queue = new ReportQueue();
        queue.add(started(1));
        queue.add(started(2));
        queue.add(finished(1));
        assertThat(queue.awaitBatch(10)).containsExactly(started(2), finished(1));
    }

    @Test
    void aStartedAlreadyAnsweredIsNotTouched() throws Exception {
        ReportQueue queue = new ReportQueue();
        Report s = started(1);
        queue.add(s);
        assertThat(queue.awaitBatch(10)).containsExactly(s);
        assertThat(queue.remove(s)).isTrue(); // its verdict came
        queue.add(finished(1));
        assertThat(queue.awaitBatch(10)).isEqualTo(List.of(finished(1)));
    }
}
