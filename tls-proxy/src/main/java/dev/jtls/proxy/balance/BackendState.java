package dev.jtls.proxy.balance;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One back end's runtime state: configured weight (changeable by the admin API), health from active
 * checks, passive ejection, draining, the slow-start ramp and the in-flight count. Thread-safe: reads
 * (the pick path, from every event loop) are lock-free over volatile fields; the state changes, which
 * its {@link PoolState} makes, hold this object's monitor.
 *
 * <p>A new back end starts UP at full weight (optimistic, as HAProxy and nginx do: active checks take
 * it DOWN after {@code fall} failures, passive ejection after the first burst of errors).
 */
public final class BackendState implements Candidate {

    /**
     * Why a back end is or is not eligible; exactly one at a time. When several causes hold, the
     * reported one is the first of DOWN (active checks fail), EJECTED (passive health, until its back-off
     * ends), DRAINING (admin); UP only when none holds.
     */
    public enum Status { UP, DOWN, EJECTED, DRAINING }

    /**
     * The slow-start ramp starts at this fraction of the configured weight (as Envoy's
     * {@code min_weight_percent}, 10%), so a back end that has just come back gets a trickle at once
     * instead of nothing until the first tick.
     */
    public static final double SLOW_START_MIN_FACTOR = 0.1;

    private static final long NEVER = Long.MIN_VALUE;

    private final String name;
    private final InetSocketAddress address;
    private volatile long slowStartMillis;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * The status last told to the pool's listener, so each change is told once. Written under this
     * object's monitor; read without it only to skip the lock when nothing changed.
     */
    volatile Status told = Status.UP;

    private volatile int configuredWeight;
    private volatile boolean down;
    private volatile boolean draining;
    /** Epoch millis until which passive health ejects this back end; NEVER when not ejected. */
    private volatile long ejectedUntil = NEVER;
    /** Epoch millis at which the slow-start ramp began; NEVER when at full weight. */
    private final AtomicLong rampFrom = new AtomicLong(NEVER);

    // Counters below change only under this object's monitor (see PoolState).
    int consecutiveFailures;
    int ejections;
    int checkPasses;
    int checkFailures;

    public BackendState(String name, InetSocketAddress address, int weight, Duration slowStart, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.clock = Objects.requireNonNull(clock, "clock");
        setSlowStart(slowStart);
        this.configuredWeight = checkWeight(weight);
    }

    @Override public String name() { return name; }

    public InetSocketAddress address() { return address; }

    /** Effective weight: configured weight times the slow-start factor (never 0 while eligible). */
    @Override public double weight() {
        int w = configuredWeight;
        // Outside a ramp (nearly always) no clock read: policies ask for every candidate on every pick.
        return rampFrom.get() == NEVER || slowStartMillis == 0 ? w : w * slowStartFactor(clock.millis());
    }

    /**
     * The slow-start factor at {@code nowMillis}: rises linearly from {@link #SLOW_START_MIN_FACTOR} to
     * 1 over the slow-start window after the back end came back; 1 outside a ramp.
     */
    double slowStartFactor(long nowMillis) {
        long from = rampFrom.get();
        if (from == NEVER || slowStartMillis == 0) {
            return 1.0;
        }
        long elapsed = nowMillis - from;
        if (elapsed >= slowStartMillis) {
            rampFrom.compareAndSet(from, NEVER); // done; a ramp begun meanwhile is kept
            return 1.0;
        }
        return Math.max(SLOW_START_MIN_FACTOR, (double) elapsed / slowStartMillis);
    }

    public int configuredWeight() { return configuredWeight; }

    @Override public int inFlight() { return inFlight.get(); }

    public Status status() {
        return status(clock.millis());
    }

    /** The status at {@code nowMillis}: an ejection ends by time alone. */
    Status status(long nowMillis) {
        if (down) {
            return Status.DOWN;
        }
        if (ejectedAt(nowMillis)) {
            return Status.EJECTED;
        }
        return draining ? Status.DRAINING : Status.UP;
    }

    /** UP and not ejected, not draining: may take new requests. */
    public boolean eligible() {
        return !down && !draining && !isEjected();
    }

    /** A request or connection starts on this back end. */
    public void acquire() { inFlight.incrementAndGet(); }

    /** It ended (in any way). Never goes below zero, so a double release cannot skew least-connections. */
    public void release() {
        inFlight.getAndUpdate(n -> n > 0 ? n - 1 : 0);
    }

    /** Epoch millis at which the current ejection ends, or empty when not ejected. */
    public OptionalLong ejectedUntilMillis() {
        long until = ejectedUntil;
        return until != NEVER && until > clock.millis() ? OptionalLong.of(until) : OptionalLong.empty();
    }

    public boolean draining() { return draining; }

    @Override
    public String toString() {
        return name + "(" + address + ", " + status() + ", weight " + configuredWeight + ", in flight " + inFlight() + ")";
    }

    private boolean isEjected() {
        return ejectedAt(clock.millis());
    }

    /** Whether passive health ejects this back end at {@code nowMillis}. */
    boolean ejectedAt(long nowMillis) {
        long until = ejectedUntil;
        return until != NEVER && until > nowMillis;
    }

    // --- State changes, made by PoolState under this object's monitor ---

    long now() { return clock.millis(); }

    void setConfiguredWeight(int weight) { this.configuredWeight = checkWeight(weight); }

    /** The slow-start window (a reload may change it); null or zero: off. */
    void setSlowStart(Duration slowStart) {
        long ms = slowStart == null ? 0 : slowStart.toMillis();
        if (ms < 0) {
            throw new IllegalArgumentException("slow start must not be negative: " + slowStart);
        }
        this.slowStartMillis = ms;
    }

    void setDown(boolean down) {
        if (this.down && !down) {
            startRamp(now());
        }
        this.down = down;
    }

    boolean isDown() { return down; }

    void setDraining(boolean draining) {
        if (this.draining && !draining) {
            startRamp(now());
        }
        this.draining = draining;
    }

    /** Ejects until {@code untilMillis}; the slow-start ramp begins when the ejection ends. */
    void ejectUntil(long untilMillis) {
        this.ejectedUntil = untilMillis;
        startRamp(untilMillis);
    }

    /**
     * Forgets an ejection whose time is up at {@code nowMillis}, so that it is over for good (a system
     * clock set back cannot bring it back once it has been told as ended).
     */
    void forgetEjectionOver(long nowMillis) {
        long until = ejectedUntil;
        if (until != NEVER && until <= nowMillis) {
            ejectedUntil = NEVER;
        }
    }

    void startRamp(long fromMillis) {
        if (slowStartMillis > 0) {
            rampFrom.set(fromMillis);
        }
    }

    private static int checkWeight(int weight) {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be ≥ 1, got " + weight);
        }
        return weight;
    }
}
