package dev.jtls.proxy.balance;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * One back end's runtime state: configured weight (changeable by the admin API), health from active
 * checks, passive ejection, draining, the slow-start ramp and the in-flight count. Thread-safe.
 * SKELETON: the API is the contract between the balancing and the network layers; bodies to be written.
 */
public final class BackendState implements Candidate {

    /** Why a back end is or is not eligible; exactly one at a time, in this order of precedence. */
    public enum Status { UP, DOWN, EJECTED, DRAINING }

    public BackendState(String name, InetSocketAddress address, int weight, Duration slowStart, Clock clock) {
        throw new UnsupportedOperationException("skeleton");
    }

    @Override public String name() { throw new UnsupportedOperationException("skeleton"); }
    public InetSocketAddress address() { throw new UnsupportedOperationException("skeleton"); }
    /** Effective weight: configured weight times the slow-start factor (never 0 while eligible). */
    @Override public double weight() { throw new UnsupportedOperationException("skeleton"); }
    public int configuredWeight() { throw new UnsupportedOperationException("skeleton"); }
    @Override public int inFlight() { throw new UnsupportedOperationException("skeleton"); }
    public Status status() { throw new UnsupportedOperationException("skeleton"); }
    /** UP and not ejected, not draining: may take new requests. */
    public boolean eligible() { throw new UnsupportedOperationException("skeleton"); }
    /** A request or connection starts on this back end. */
    public void acquire() { throw new UnsupportedOperationException("skeleton"); }
    /** It ended (in any way). */
    public void release() { throw new UnsupportedOperationException("skeleton"); }
}
