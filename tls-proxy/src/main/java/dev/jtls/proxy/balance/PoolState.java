package dev.jtls.proxy.balance;

import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.PoolConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pool at run time: its back ends' states, its policy, passive health (consecutive failures eject a
 * back end for a back-off period) and the admin operations. Thread-safe; every state change is reported
 * once to the {@link StateListener} (one log line and a metric per change).
 * SKELETON: the API is the contract between the balancing and the network layers; bodies to be written.
 */
public final class PoolState {

    /** Told of each back end state change (from → to) with a reason a person can read. */
    public interface StateListener {
        void changed(String pool, String backend, BackendState.Status from, BackendState.Status to, String reason);
    }

    public PoolState(PoolConfig config, Clock clock, StateListener listener) {
        throw new UnsupportedOperationException("skeleton");
    }

    public String name() { throw new UnsupportedOperationException("skeleton"); }
    /** In configuration order. */
    public List<BackendState> backends() { throw new UnsupportedOperationException("skeleton"); }
    /**
     * Picks an eligible back end by the pool's policy, skipping {@code exclude} (a retry goes to another
     * back end); empty when none is eligible (the caller answers 503).
     */
    public Optional<BackendState> pick(PickKey key, Set<BackendState> exclude) { throw new UnsupportedOperationException("skeleton"); }
    /** Passive health: a request or connection on {@code b} succeeded (resets its failure count). */
    public void reportSuccess(BackendState b) { throw new UnsupportedOperationException("skeleton"); }
    /** Passive health: a connect error, a timeout, or a 5xx when configured to count. */
    public void reportFailure(BackendState b, String reason) { throw new UnsupportedOperationException("skeleton"); }
    /** Active health: the outcome of one check; rise/fall counts decide UP/DOWN. */
    public void reportCheck(BackendState b, boolean passed, String detail) { throw new UnsupportedOperationException("skeleton"); }
    // Admin (runtime API):
    public void setWeight(String backend, int weight) { throw new UnsupportedOperationException("skeleton"); }
    /** No new requests; in-flight ones finish. */
    public void drain(String backend) { throw new UnsupportedOperationException("skeleton"); }
    public void add(BackendConfig backend) { throw new UnsupportedOperationException("skeleton"); }
    public void remove(String backend) { throw new UnsupportedOperationException("skeleton"); }
}
