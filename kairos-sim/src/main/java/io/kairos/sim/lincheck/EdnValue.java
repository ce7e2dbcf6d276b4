package io.kairos.sim.lincheck;

/** The few EDN values a history's maps hold. */
sealed interface EdnValue {

    /** {@code :name}, stored without the colon. */
    record Keyword(String name) implements EdnValue {
    }

    /** A string, unescaped. */
    record Text(String value) implements EdnValue {
    }

    /** An integer. */
    record Int(long value) implements EdnValue {
    }

    /** {@code nil}. */
    record Nil() implements EdnValue {
    }
}
