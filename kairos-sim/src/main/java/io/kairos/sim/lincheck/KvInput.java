package io.kairos.sim.lincheck;

import java.util.Objects;

/** What a client asks of a key-value store of strings. */
public sealed interface KvInput {

    /** The key the operation touches; operations on different keys are independent. */
    String key();

    /** Read the key's value, the empty string if it was never set. */
    record Get(String key) implements KvInput {

        public Get {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Set the key's value. */
    record Put(String key, String value) implements KvInput {

        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Append to the key's value. */
    record Append(String key, String value) implements KvInput {

        public Append {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
