package dev.jtls.proxy.balance;

import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.config.PoolConfig;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pool at run time: its back ends' states, its policy, passive health (consecutive failures eject a
 * back end for a back-off period) and the admin operations. Thread-safe; every state change is reported
 * once to the {@link StateListener} (one log line and a metric per change).
 *
 * <p>The back-end list is copy-on-write (admin changes are rare, picks are every request); each back
 * end's counters change under that back end's monitor, and the listener is told of its changes under
 * that monitor too, so one back end's changes are told in the order they were made: the listener must
 * be quick (a log line, a counter) and must not wait for another thread that changes the pool.
 * Passive ejection backs off: the n-th ejection in a row lasts {@code n × ejectFor}, at most
 * {@link #MAX_EJECTION_MULTIPLIER}{@code × ejectFor} (as Envoy's outlier detection); a success after
 * the back end is readmitted resets it. An ejection ends by itself when its time is up; the change back
 * to UP is told at the next pick, report or {@link #refresh()} that looks at that back end.
 */
public final class PoolState {

    /** An ejection lasts at most this many times the configured ejection period. */
    public static final int MAX_EJECTION_MULTIPLIER = 10;

    /** Told of each back end state change (from → to) with a reason a person can read. */
    public interface StateListener {
        void changed(String pool, String backend, BackendState.Status from, BackendState.Status to, String reason);

        /** A back end joined the pool at run time (admin API or reload). */
        default void added(String pool, String backend) {}

        /** A back end left the pool at run time; its in-flight requests finish. */
        default void removed(String pool, String backend) {}

        /** Ignores every change. */
        StateListener NONE = (pool, backend, from, to, reason) -> { };
    }

    private final PoolConfig config;
    private final Clock clock;
    private final StateListener listener;
    private final Policy policy;
    private final int rise;
    private final int fall;
    private final int failuresToEject;
    private final Duration ejectFor;
    private final Duration slowStart;
    private volatile List<BackendState> backends;

    public PoolState(PoolConfig config, Clock clock, StateListener listener) {
        this(config, clock, listener, null);
    }

    /**
     * The pool after a configuration reload: a back end that keeps its name and address keeps its
     * state (health, ejection, drain, in-flight count, slow-start ramp) and takes the new weight and
     * slow-start window; a new one joins through slow start; one no longer configured is no longer
     * picked (its in-flight requests finish on the state their callers hold). The listener hears of
     * each back end added or removed.
     */
    public static PoolState reloaded(PoolState previous, PoolConfig config, StateListener listener) {
        return new PoolState(config, Objects.requireNonNull(previous, "previous").clock, listener, previous);
    }

    private PoolState(PoolConfig config, Clock clock, StateListener listener, PoolState previous) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = listener == null ? StateListener.NONE : listener;
        this.policy = Policies.of(config.policy() == null ? PolicyKind.ROUND_ROBIN : config.policy());
        HealthCheckConfig health = config.health();
        this.rise = health == null ? 1 : Math.max(1, health.rise());
        this.fall = health == null ? 1 : Math.max(1, health.fall());
        PassiveHealthConfig passive = config.passive();
        this.failuresToEject = passive == null || passive.ejectFor() == null ? 0 : passive.consecutiveFailures();
        this.ejectFor = passive == null || passive.ejectFor() == null ? Duration.ZERO : passive.ejectFor();
        this.slowStart = config.slowStart() == null ? Duration.ZERO : config.slowStart();
        List<BackendState> list = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (BackendConfig b : config.backends()) {
            String name = nameOf(b);
            if (list.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("pool " + config.name() + ": duplicate back end " + name);
            }
            InetSocketAddress address = address(b.host(), b.port());
            BackendState kept = previous == null ? null
                    : previous.backend(name).filter(s -> s.address().equals(address)).orElse(null);
            if (kept != null) {
                kept.setConfiguredWeight(b.weight());
                kept.setSlowStart(slowStart);
                list.add(kept);
            } else {
                BackendState fresh = new BackendState(name, address, b.weight(), slowStart, clock);
                if (previous != null) {
                    fresh.startRamp(fresh.now());
                    added.add(name);
                }
                list.add(fresh);
            }
        }
        this.backends = List.copyOf(list);
        if (previous != null) {
            for (BackendState old : previous.backends()) {
                if (!list.contains(old)) {
                    this.listener.removed(name(), old.name());
                }
            }
            added.forEach(n -> this.listener.added(name(), n));
        }
    }

    public String name() { return config.name(); }

    /** The configuration this pool was built from (back ends as at start; see {@link #backends()}). */
    public PoolConfig config() { return config; }

    /** In configuration order (then in order of {@link #add}). */
    public List<BackendState> backends() { return backends; }

    /** The back end of that name. */
    public Optional<BackendState> backend(String name) {
        for (BackendState b : backends) {
            if (b.name().equals(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * Picks an eligible back end by the pool's policy, skipping {@code exclude} (a retry goes to another
     * back end); empty when none is eligible (the caller answers 503).
     */
    public Optional<BackendState> pick(PickKey key, Set<BackendState> exclude) {
        List<BackendState> all = backends;
        List<BackendState> eligible = new ArrayList<>(all.size());
        for (BackendState b : all) {
            announceExpiry(b);
            if (b.eligible() && (exclude == null || !exclude.contains(b))) {
                eligible.add(b);
            }
        }
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((BackendState) policy.pick(eligible, key == null ? PickKey.NONE : key));
    }

    /** Tells the listener of ejections that ended by themselves since the last look. */
    public void refresh() {
        for (BackendState b : backends) {
            announceExpiry(b);
        }
    }

    /** Passive health: a request or connection on {@code b} succeeded (resets its failure count). */
    public void reportSuccess(BackendState b) {
        synchronized (b) {
            long now = settle(b);
            b.consecutiveFailures = 0;
            if (!b.ejectedAt(now)) {
                b.ejections = 0; // readmitted and succeeding: the back-off starts over
            }
        }
    }

    /** Passive health: a connect error, a timeout, or a 5xx when configured to count. */
    public void reportFailure(BackendState b, String reason) {
        if (failuresToEject <= 0) {
            return;
        }
        synchronized (b) {
            long now = settle(b);
            if (b.ejectedAt(now)) {
                return; // late failures of requests that started before the ejection
            }
            b.consecutiveFailures++;
            if (b.consecutiveFailures >= failuresToEject) {
                b.ejections = Math.min(b.ejections + 1, MAX_EJECTION_MULTIPLIER);
                Duration period = ejectFor.multipliedBy(b.ejections);
                b.ejectUntil(now + period.toMillis());
                tell(b, now, b.consecutiveFailures + " consecutive failures (last: " + reason + "); ejected for "
                        + format(period));
                b.consecutiveFailures = 0;
            }
        }
    }

    /** Active health: the outcome of one check; rise/fall counts decide UP/DOWN. */
    public void reportCheck(BackendState b, boolean passed, String detail) {
        synchronized (b) {
            long now = settle(b);
            if (passed) {
                b.checkFailures = 0;
                b.checkPasses++;
                if (b.isDown() && b.checkPasses >= rise) {
                    b.setDown(false);
                    tell(b, now, b.checkPasses + " health checks passed (" + detail + ")");
                }
            } else {
                b.checkPasses = 0;
                b.checkFailures++;
                if (!b.isDown() && b.checkFailures >= fall) {
                    b.setDown(true);
                    tell(b, now, b.checkFailures + " health checks failed (last: " + detail + ")");
                }
            }
        }
    }

    // Admin (runtime API):

    /** @throws NoSuchElementException no such back end; IllegalArgumentException weight below 1 */
    public void setWeight(String backend, int weight) {
        find(backend).setConfiguredWeight(weight);
    }

    /** No new requests; in-flight ones finish. */
    public void drain(String backend) {
        setDraining(backend, true, "drained by admin");
    }

    /** Ends a drain: the back end takes new requests again, through the slow-start ramp. */
    public void undrain(String backend) {
        setDraining(backend, false, "drain ended by admin");
    }

    private void setDraining(String backend, boolean draining, String reason) {
        BackendState b = find(backend);
        synchronized (b) {
            long now = settle(b);
            b.setDraining(draining);
            tell(b, now, reason);
        }
    }

    /**
     * Adds a back end; it starts UP and ramps up through slow start.
     *
     * @throws IllegalArgumentException a back end of that name is already in the pool
     */
    public void add(BackendConfig backend) {
        BackendState state = newState(backend);
        synchronized (this) {
            if (backend(state.name()).isPresent()) {
                throw new IllegalArgumentException("pool " + name() + " already has a back end " + state.name());
            }
            state.startRamp(state.now());
            List<BackendState> list = new ArrayList<>(backends);
            list.add(state);
            backends = List.copyOf(list);
        }
        listener.added(name(), state.name());
    }

    /** Removes a back end: no new requests; in-flight ones finish on the state their callers hold. */
    public void remove(String backend) {
        BackendState b;
        synchronized (this) {
            b = find(backend);
            List<BackendState> list = new ArrayList<>(backends);
            list.remove(b);
            backends = List.copyOf(list);
        }
        listener.removed(name(), b.name());
    }

    private BackendState find(String backend) {
        return backend(backend).orElseThrow(() ->
                new NoSuchElementException("pool " + name() + " has no back end " + backend));
    }

    private static final String EJECTION_ENDED = "ejection ended";

    /**
     * Holding {@code b}'s monitor, first of every change: an ejection whose time is up ends now, and is
     * told as such, so that the caller's own change is told apart with its own reason. Returns the
     * instant at which the caller makes its change: one clock reading for the whole locked block, so an
     * ejection cannot run out between the change and its telling.
     */
    private long settle(BackendState b) {
        long now = b.now();
        b.forgetEjectionOver(now);
        tell(b, now, EJECTION_ENDED);
        return now;
    }

    /**
     * Holding {@code b}'s monitor, in the block that made the change: tells the listener of the change
     * of status since the last one told, if any. Telling under the monitor keeps one back end's changes
     * in the order they were made when several event loops change it at once.
     */
    private void tell(BackendState b, long now, String reason) {
        BackendState.Status from = b.told;
        BackendState.Status to = b.status(now);
        if (from != to) {
            b.told = to;
            listener.changed(name(), b.name(), from, to, reason);
        }
    }

    /**
     * Tells an ejection that ended by itself (the one change made by time, not by a call). The common
     * case, nothing changed, takes no lock.
     */
    private void announceExpiry(BackendState b) {
        if (b.status() != b.told) {
            synchronized (b) {
                settle(b);
            }
        }
    }

    private BackendState newState(BackendConfig b) {
        return new BackendState(nameOf(b), address(b.host(), b.port()), b.weight(), slowStart, clock);
    }

    /** A back end's name: the configured one, else {@code host:port}. */
    public static String nameOf(BackendConfig b) {
        return b.name() != null && !b.name().isEmpty() ? b.name() : hostPort(b.host(), b.port());
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * An IP literal becomes a resolved address (no DNS); a host name stays unresolved, so Netty resolves
     * it at each connect and a changed DNS record is followed without a reload.
     */
    static InetSocketAddress address(String host, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return InetSocketAddress.createUnresolved(host, port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + host, e); // cannot happen: 4 or 16 bytes
        }
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
