package dev.jtls.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the client's and the server's session caches have in common: a map bounded in size, least
 * recently used first out, where an entry lives as long as its session is valid and, counted from
 * the session's creation on the injected {@link Clock}, no longer than the cache's lifetime.
 * Thread-safe: one cache is shared by every connection of a configuration. Size and lifetime follow
 * JSSE's {@code SSLSessionContext} conventions, so that {@code setSessionCacheSize} and
 * {@code setSessionTimeout} map straight onto them: 0 means no limit.
 *
 * @param <K> what a session is found by
 * @param <V> what is stored for it (the session, or the session with its ticket)
 */
public abstract sealed class SessionCache<K, V> permits ClientSessionCache, ServerSessionCache {
    /** JSSE's defaults: 20,480 entries, 24 hours. */
    public static final int DEFAULT_MAX_ENTRIES = 20_480;
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private final Clock clock;
    private final Function<V, Session> sessionOf;
    private final Object lock = new Object();
    // Access order: iteration runs from least to most recently used.
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(64, 0.75f, true);
    private int maxEntries;
    private Duration lifetime;
    private Instant nextSweep;

    SessionCache(Clock clock, int maxEntries, Duration lifetime, Function<V, Session> sessionOf) {
        this.clock = Objects.requireNonNull(clock);
        this.sessionOf = sessionOf;
        this.maxEntries = checkSize(maxEntries);
        this.lifetime = checkLifetime(lifetime);
        this.nextSweep = clock.instant();
    }

    private static int checkSize(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("negative cache size");
        }
        return maxEntries;
    }

    private static Duration checkLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("negative lifetime");
        }
        return lifetime;
    }

    /**
     * Stores {@code value} under {@code key}, replacing what was there, and evicts the least
     * recently used entries beyond the bound; false (and nothing stored) if its session has expired.
     */
    boolean store(K key, V value) {
        Instant now = clock.instant();
        synchronized (lock) {
            if (!valid(value, now)) {
                return false;
            }
            map.put(key, value);
            trimToSize();
            if (!now.isBefore(nextSweep)) {
                sweep(now);
            }
            return true;
        }
    }

    /** The entry under {@code key} if its session is still valid, else null (an expired one is evicted). */
    V find(K key) {
        Instant now = clock.instant();
        synchronized (lock) {
            V v = map.get(key);
            if (v == null) {
                return null;
            }
            if (!valid(v, now)) {
                map.remove(key);
                return null;
            }
            return v;
        }
    }

    /** Forgets the entry under {@code key}; with a {@code session}, only if the entry still holds that one. */
    void forget(K key, Session session) {
        synchronized (lock) {
            V v = map.get(key);
            if (v != null && (session == null || sessionOf.apply(v).equals(session))) {
                map.remove(key);
            }
        }
    }

    /** The number of valid entries held (expired ones are evicted first). */
    public int size() {
        Instant now = clock.instant();
        synchronized (lock) {
            sweep(now);
            return map.size();
        }
    }

    public void clear() {
        synchronized (lock) {
            map.clear();
        }
    }

    public int maxEntries() {
        synchronized (lock) {
            return maxEntries;
        }
    }

    /** Sets the bound (0: no limit); a smaller bound evicts the least recently used entries now. */
    public void setMaxEntries(int maxEntries) {
        checkSize(maxEntries);
        synchronized (lock) {
            this.maxEntries = maxEntries;
            trimToSize();
        }
    }

    public Duration lifetime() {
        synchronized (lock) {
            return lifetime;
        }
    }

    /** Sets the lifetime (zero: no limit); it applies at once to the entries already held. */
    public void setLifetime(Duration lifetime) {
        checkLifetime(lifetime);
        Instant now = clock.instant();
        synchronized (lock) {
            this.lifetime = lifetime;
            sweep(now);
        }
    }

    private boolean valid(V value, Instant now) {
        Session s = sessionOf.apply(value);
        return s.isValidAt(now) && (lifetime.isZero() || now.isBefore(s.creationTime().plus(lifetime)));
    }

    private void trimToSize() {
        if (maxEntries == 0) {
            return;
        }
        Iterator<K> it = map.keySet().iterator();
        while (map.size() > maxEntries) {
            it.next();
            it.remove();
        }
    }

    /**
     * Evicts every expired entry. Runs from {@link #store} at most once per sweep interval, so the
     * cost is amortised and expired sessions do not hold memory until LRU pushes them out.
     */
    private void sweep(Instant now) {
        map.values().removeIf(v -> !valid(v, now));
        Duration interval = lifetime.isZero() ? Duration.ofMinutes(1) : lifetime.dividedBy(4);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            interval = Duration.ofSeconds(1);
        }
        nextSweep = now.plus(interval);
    }
}
