package dev.jtls.proxy.balance;

/**
 * What a balancing policy sees of one back end at the moment of a pick. Health, ejection, draining,
 * configured weight and slow start are decided outside the policy: a policy only ever sees eligible
 * candidates, and {@link #weight()} already includes the slow-start ramp.
 */
public interface Candidate {

    /** The back end's name, unique in its pool and the same on every instance with the same config. */
    String name();

    /** The effective weight now (configured weight times the slow-start factor); always {@code > 0}. */
    double weight();

    /** Requests (HTTP) or connections (TCP) in flight on this back end now. */
    int inFlight();
}
