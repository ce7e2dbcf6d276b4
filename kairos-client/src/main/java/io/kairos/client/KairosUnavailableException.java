package io.kairos.client;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call's deadline passed without an answer: no master answered, or none could serve it (no
 * leader, no quorum, busy). A write may or may not have been applied; it was sent with a session,
 * so repeating it through the same client never applies it twice.
 */
public final class KairosUnavailableException extends KairosException {

    private final Map<URI, String> lastErrorByMaster;

    KairosUnavailableException(String message, Map<URI, String> lastErrorByMaster, Throwable cause) {
        super(message, cause);
        this.lastErrorByMaster = Collections.unmodifiableMap(new LinkedHashMap<>(lastErrorByMaster));
    }

    /** Each master of the client's list (and any leader it was redirected to), with its last error or "not tried". */
    public Map<URI, String> lastErrorByMaster() {
        return lastErrorByMaster;
    }
}
