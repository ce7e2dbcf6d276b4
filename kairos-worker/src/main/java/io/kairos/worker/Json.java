package io.kairos.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The worker's one JSON mapper configuration. */
final class Json {

    private Json() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                // A newer master may add fields; an older worker must still understand the rest.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                // A task type this worker does not know becomes a null task, reported FAILED with a
                // reason, instead of making every poll answer unreadable.
                .configure(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE, false);
    }
}
