package io.kairos.sim.check;

/** A safety or liveness property failed; the run that saw it stops. */
public final class InvariantViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String invariant;

    public InvariantViolation(String invariant, String details) {
        super(invariant + ": " + details);
        this.invariant = invariant;
    }

    /** The name of the broken invariant, such as "election safety". */
    public String invariant() {
        return invariant;
    }
}
