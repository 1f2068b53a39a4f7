package dev.jtls.proxy.balance;

/**
 * A request's hash key for the hashing policies, reduced to 64 bits by a hash that is the same in every
 * process (no per-process seed), so that every instance with the same config sends the same client to
 * the same back end.
 */
public record PickKey(long hash) {

    /** No key: hashing policies fall back to a fair choice. */
    public static final PickKey NONE = new PickKey(0);
}
