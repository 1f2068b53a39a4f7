package dev.jtls.session;

import java.time.Clock;
import java.time.Duration;

/**
 * The server's session-id cache (RFC 5246 §7.3: the server looks the ClientHello's session_id up
 * to decide on an abbreviated handshake): bounded, least-recently-used first out, with a lifetime
 * counted from each session's creation time on the injected {@link Clock} (see {@link SessionCache}).
 *
 * <p>A session without extended master secret is never stored (RFC 7627 §5.3), so it is
 * never resumed.
 */
public final class ServerSessionCache extends SessionCache<SessionIdKey, Session> {
    public ServerSessionCache(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES, DEFAULT_LIFETIME);
    }

    /**
     * @param maxEntries the most sessions kept, or 0 for no limit
     * @param lifetime   how long after its creation a session may be resumed, or zero for no limit
     *                   (the session's own {@link Session#lifetime()} still applies)
     */
    public ServerSessionCache(Clock clock, int maxEntries, Duration lifetime) {
        super(clock, maxEntries, lifetime, s -> s);
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
        return store(new SessionIdKey(session.id()), session);
    }

    /**
     * The session with this id if it is in the cache and still valid (within both the cache's and its
     * own lifetime), else null; an expired entry found here is evicted. Marks the entry recently used.
     */
    public Session get(byte[] sessionId) {
        if (sessionId.length == 0 || sessionId.length > Session.MAX_ID_LENGTH) {
            return null;
        }
        return find(new SessionIdKey(sessionId));
    }

    /** Invalidates a session, e.g. after a fatal alert on a connection that used it. */
    public void remove(byte[] sessionId) {
        forget(new SessionIdKey(sessionId), null);
    }
}
