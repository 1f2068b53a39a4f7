package dev.jtls.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The server's session-id cache (RFC 5246 §7.3: the server looks the ClientHello's session_id up
 * to decide on an abbreviated handshake): bounded, least-recently-used first out, with a lifetime
 * counted from each session's creation time on the injected {@link Clock}. Thread-safe: one cache is
 * shared by every connection of a configuration.
 *
 * <p>A session without extended master secret is never stored (RFC 7627 §5.3, DESIGN.md), so it is
 * never resumed. Size and lifetime follow JSSE's {@code SSLSessionContext} conventions so that
 * {@code setSessionCacheSize}/{@code setSessionTimeout} map straight onto them: 0 means no limit.
 */
public final class ServerSessionCache {
    /** JSSE's defaults: 20,480 entries, 24 hours. */
    public static final int DEFAULT_MAX_ENTRIES = 20_480;
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private final Clock clock;
    private final Object lock = new Object();
    // Access order: iteration runs from least to most recently used.
    private final LinkedHashMap<SessionIdKey, Session> map = new LinkedHashMap<>(64, 0.75f, true);
    private int maxEntries;
    private Duration lifetime;
    private Instant nextSweep;

    public ServerSessionCache(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES, DEFAULT_LIFETIME);
    }

    /**
     * @param maxEntries the most sessions kept, or 0 for no limit
     * @param lifetime   how long after its creation a session may be resumed, or zero for no limit
     *                   (the session's own {@link Session#lifetime()} still applies)
     */
    public ServerSessionCache(Clock clock, int maxEntries, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock);
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
     * Stores a session under its id, replacing any session with that id, and evicts the least
     * recently used ones beyond the bound.
     *
     * @return false (and stores nothing) if the session is not resumable (no EMS), has an empty id,
     *         or is already expired
     */
    public boolean put(Session session) {
        if (!session.isResumable() || session.id().length == 0) {
            return false;
        }
        Instant now = clock.instant();
        synchronized (lock) {
            if (!valid(session, now)) {
                return false;
            }
            map.put(new SessionIdKey(session.id()), session);
            trimToSize();
            if (!now.isBefore(nextSweep)) {
                sweep(now);
            }
            return true;
        }
    }

    /**
     * The session with this id if it is in the cache and still valid (within both the cache's and its
     * own lifetime), else null; an expired entry found here is evicted. Marks the entry recently used.
     */
    public Session get(byte[] sessionId) {
        if (sessionId.length == 0 || sessionId.length > Session.MAX_ID_LENGTH) {
            return null;
        }
        Instant now = clock.instant();
        SessionIdKey key = new SessionIdKey(sessionId);
        synchronized (lock) {
            Session s = map.get(key);
            if (s == null) {
                return null;
            }
            if (!valid(s, now)) {
                map.remove(key);
                return null;
            }
            return s;
        }
    }

    /** Invalidates a session, e.g. after a fatal alert on a connection that used it. */
    public void remove(byte[] sessionId) {
        SessionIdKey key = new SessionIdKey(sessionId);
        synchronized (lock) {
            map.remove(key);
        }
    }

    /** The number of valid sessions held (expired ones are evicted first). */
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

    /** Sets the bound (0: no limit); a smaller bound evicts the least recently used sessions now. */
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

    /** Sets the lifetime (zero: no limit); it applies at once to the sessions already held. */
    public void setLifetime(Duration lifetime) {
        checkLifetime(lifetime);
        Instant now = clock.instant();
        synchronized (lock) {
            this.lifetime = lifetime;
            sweep(now);
        }
    }

    private boolean valid(Session s, Instant now) {
        if (!s.isValidAt(now)) {
            return false;
        }
        return lifetime.isZero() || now.isBefore(s.creationTime().plus(lifetime));
    }

    private void trimToSize() {
        if (maxEntries == 0) {
            return;
        }
        Iterator<SessionIdKey> it = map.keySet().iterator();
        while (map.size() > maxEntries) {
            it.next();
            it.remove();
        }
    }

    /**
     * Evicts every expired session. Runs from put at most once per sweep interval, so the cost is
     * amortised and expired sessions do not hold memory until LRU pushes them out.
     */
    private void sweep(Instant now) {
        for (Iterator<Map.Entry<SessionIdKey, Session>> it = map.entrySet().iterator(); it.hasNext(); ) {
            if (!valid(it.next().getValue(), now)) {
                it.remove();
            }
        }
        Duration interval = lifetime.isZero() ? Duration.ofMinutes(1) : lifetime.dividedBy(4);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            interval = Duration.ofSeconds(1);
        }
        nextSweep = now.plus(interval);
    }
}
