package dev.jtls.session;

import dev.jtls.crypto.CryptoProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The server's own session-ticket keys, made from random (RFC 5077 §5.5: keys should be changed
 * regularly; {@link DerivedTicketKeys} for keys shared by several instances): one current key
 * that seals new tickets, and up to {@code previousKeys} retired keys still accepted for opening, so
 * that tickets issued just before a rotation keep working. A new key is made from the provider's
 * random when the current one is {@code rotationInterval} old, by the injected clock; a retired key is
 * dropped once it is {@code (previousKeys + 1) * rotationInterval} old. Thread-safe.
 */
public final class TicketKeys implements TicketKeyring {
    private final CryptoProvider crypto;
    private final Clock clock;
    private final Duration rotationInterval;
    private final int previousKeys;
    private final Object lock = new Object();
    private TicketKey current;
    // Newest first.
    private final Deque<TicketKey> previous = new ArrayDeque<>();
    /**
     * The accepted keys, current first, and when they next change (ms since the epoch): what
     * {@link #find} reads without the lock on every ticket, rebuilt only when the keys change.
     */
    private volatile Ring ring;

    private record Ring(List<TicketKey> keys, long nextChangeMillis) {
    }

    /**
     * @param rotationInterval how long a key seals new tickets, positive
     * @param previousKeys     how many retired keys still open tickets, 0 or more
     */
    public TicketKeys(CryptoProvider crypto, Clock clock, Duration rotationInterval, int previousKeys) {
        this.crypto = Objects.requireNonNull(crypto);
        this.clock = Objects.requireNonNull(clock);
        if (rotationInterval.isNegative() || rotationInterval.isZero() || previousKeys < 0) {
            throw new IllegalArgumentException("rotation interval must be positive, previous keys >= 0");
        }
        this.rotationInterval = rotationInterval;
        this.previousKeys = previousKeys;
        this.current = newKey(clock.instant());
        synchronized (lock) {
            publish();
        }
    }

    private TicketKey newKey(Instant now) {
        byte[] name = new byte[TicketKey.NAME_LENGTH];
        byte[] key = new byte[TicketKey.KEY_LENGTH];
        crypto.random().nextBytes(name);
        crypto.random().nextBytes(key);
        return new TicketKey(name, key, now);
    }

    @Override
    public TicketKey current() {
        Instant now = clock.instant();
        synchronized (lock) {
            refresh(now);
            return current;
        }
    }

    /** Retires the current key now, whatever its age (e.g. on operator request). */
    public void rotate() {
        Instant now = clock.instant();
        synchronized (lock) {
            retireCurrent(now);
            prune(now);
        }
    }

    /** The current key or a retired key still accepted, whose key_name starts {@code ticket}; else null. */
    @Override
    public TicketKey find(byte[] ticket) {
        long now = clock.millis();
        Ring ring = this.ring;
        if (now >= ring.nextChangeMillis()) {
            // A rotation or a retired key's expiry is due: the slow path, under the lock.
            synchronized (lock) {
                refresh(Instant.ofEpochMilli(now));
                ring = this.ring;
            }
        }
        for (TicketKey k : ring.keys()) {
            if (k.hasName(ticket)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public boolean isCurrent(TicketKey key) {
        return key == ring.keys().get(0);
    }

    /** The keys accepted now, current first; for tests and for sharing keys with operators' tools. */
    @Override
    public List<TicketKey> acceptedKeys() {
        Instant now = clock.instant();
        synchronized (lock) {
            refresh(now);
            List<TicketKey> out = new ArrayList<>();
            out.add(current);
            out.addAll(previous);
            return out;
        }
    }

    private void refresh(Instant now) {
        if (!now.isBefore(current.createdAt().plus(rotationInterval))) {
            retireCurrent(now);
        }
        prune(now);
    }

    /** Publishes the keys after a change; called under the lock by whatever changed them. */
    private void publish() {
        List<TicketKey> all = new ArrayList<>(previous.size() + 1);
        all.add(current);
        all.addAll(previous);
        // Nothing changes before the current key is due for rotation or the oldest retired key expires.
        Instant next = current.createdAt().plus(rotationInterval);
        Duration acceptFor = rotationInterval.multipliedBy(previousKeys + 1L);
        for (TicketKey k : previous) {
            Instant expiry = k.createdAt().plus(acceptFor);
            if (expiry.isBefore(next)) {
                next = expiry;
            }
        }
        ring = new Ring(List.copyOf(all), toMillis(next));
    }

    private static long toMillis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void retireCurrent(Instant now) {
        previous.addFirst(current);
        current = newKey(now);
    }

    private void prune(Instant now) {
        while (previous.size() > previousKeys) {
            previous.removeLast();
        }
        Duration acceptFor = rotationInterval.multipliedBy(previousKeys + 1L);
        for (Iterator<TicketKey> it = previous.iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().createdAt().plus(acceptFor))) {
                it.remove();
            }
        }
        publish();
    }
}
