package io.kairos.storage.state;

import java.io.IOException;

/** Another process (or another open in this process) holds the data directory's lock. */
public final class DataDirectoryLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    DataDirectoryLockedException(String message) {
        super(message);
    }
}
