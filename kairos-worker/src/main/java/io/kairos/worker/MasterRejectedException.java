package io.kairos.worker;

import io.kairos.api.worker.WorkerError;

/** A master refused a request with a 4xx (other than a redirect): retrying the same request will not help. */
final class MasterRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final WorkerError error;

    MasterRejectedException(String path, int status, WorkerError error) {
        super(path + " refused with " + status + " " + error.error() + ": " + error.message());
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    WorkerError error() {
        return error;
    }
}
