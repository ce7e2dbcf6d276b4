package io.kairos.storage.state;

import java.io.IOException;

/**
 * The data directory exists but must not be used by this node: it belongs to another node or
 * another cluster, has a layout this build cannot read, or is not a Kairos data directory at all.
 */
public final class IncompatibleDataDirectoryException extends IOException {

    private static final long serialVersionUID = 1L;

    IncompatibleDataDirectoryException(String message) {
        super(message);
    }
}
