package io.kairos.scheduler.job;

/**
 * What a Tick does with scheduled times it finds late (more than the misfire threshold behind the
 * state machine's clock). Applied once per Tick to the whole run of late times.
 *
 * @param kind the policy
 * @param limit for {@link Kind#FIRE_ALL_UP_TO}, how many of the latest late times fire; 0 otherwise
 */
public record MisfirePolicy(Kind kind, int limit) {

    /** The three policies. */
    public enum Kind { SKIP, FIRE_ONCE_NOW, FIRE_ALL_UP_TO }

    public MisfirePolicy {
        if (kind == null) {
            throw new IllegalArgumentException("misfire policy kind must not be null");
        }
        if (kind == Kind.FIRE_ALL_UP_TO && limit < 1) {
            throw new IllegalArgumentException("FIRE_ALL_UP_TO needs a limit of at least 1, was " + limit);
        }
        if (kind != Kind.FIRE_ALL_UP_TO && limit != 0) {
            throw new IllegalArgumentException(kind + " takes no limit, was " + limit);
        }
    }

    /** Late times are counted as skipped; none fires. */
    public static MisfirePolicy skip() {
        return new MisfirePolicy(Kind.SKIP, 0);
    }

    /** The latest late time fires (now); the others are counted as skipped. */
    public static MisfirePolicy fireOnceNow() {
        return new MisfirePolicy(Kind.FIRE_ONCE_NOW, 0);
    }

    /** The latest {@code limit} late times fire, oldest first; earlier ones are counted as skipped. */
    public static MisfirePolicy fireAllUpTo(int limit) {
        return new MisfirePolicy(Kind.FIRE_ALL_UP_TO, limit);
    }

    /** How many late times, counted from the latest, this policy fires. */
    public int firesKept() {
        return switch (kind) {
            case SKIP -> 0;
            case FIRE_ONCE_NOW -> 1;
            case FIRE_ALL_UP_TO -> limit;
        };
    }
}
