package io.kairos.api.worker;

import java.util.List;

/** {@code POST /v1/workers/{workerId}/reports}: reports to commit, in the order given. */
public record ReportRequest(List<Report> reports) {
}
