package dev.jtls.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The client's session cache: per peer (host, port) and SNI name, the last session made with it and,
 * if the server issued one, its RFC 5077 ticket. Bounded, least-recently-used first out, with a
 * lifetime counted from the session's creation on the injected {@link Clock} (see {@link SessionCache}).
 *
 * <p>Keying on the SNI name too follows RFC 6066 §3: a session is only offered to the server name it
 * was made for. Sessions without extended master secret are never stored (RFC 7627 §5.3: the client
 * SHOULD NOT offer to resume them).
 */
public final class ClientSessionCache extends SessionCache<ClientSessionCache.PeerKey, ClientSessionCache.Entry> {
    /**
     * Where a session may be offered: the peer's host and port as the application named them, and the
     * SNI host name sent (null if none). Host and name compare case-insensitively (DNS names).
     */
    public record PeerKey(String host, int port, String serverName) {
        public PeerKey {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range");
            }
            host = host.toLowerCase(Locale.ROOT);
            serverName = serverName == null ? null : serverName.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A session to offer, and the ticket to offer it with (RFC 5077 §3.4), or null to offer it by
     * session id only.
     */
    public static final class Entry {
        private final Session session;
        private final byte[] ticket;

        public Entry(Session session, byte[] ticket) {
            this.session = Objects.requireNonNull(session);
            this.ticket = ticket == null ? null : ticket.clone();
        }

        public Session session() {
            return session;
        }

        /** A copy of the ticket, or null if the server issued none. */
        public byte[] ticket() {
            return ticket == null ? null : ticket.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry && session.equals(((Entry) o).session)
                    && Arrays.equals(ticket, ((Entry) o).ticket);
        }

        @Override
        public int hashCode() {
            return session.hashCode();
        }

        @Override
        public String toString() {
            return "Entry[" + session + (ticket == null ? "" : ", ticket of " + ticket.length + " bytes") + "]";
        }
    }

    public ClientSessionCache(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES, DEFAULT_LIFETIME);
    }

    /**
     * @param maxEntries the most peers remembered, or 0 for no limit (JSSE's convention)
     * @param lifetime   how long after creation a session may be offered, or zero for no limit (the
     *                   session's own lifetime, e.g. from the ticket's lifetime hint, still applies)
     */
    public ClientSessionCache(Clock clock, int maxEntries, Duration lifetime) {
        super(clock, maxEntries, lifetime, Entry::session);
    }

    /**
     * Remembers the session (and ticket) for this peer, replacing the previous one.
     *
     * @param ticket the ticket from NewSessionTicket, or null
     * @return false (and stores nothing) if the session is not resumable (no EMS), can be offered
     *         neither by id nor by ticket, or is already expired
     */
    public boolean put(PeerKey key, Session session, byte[] ticket) {
        Objects.requireNonNull(key);
        boolean hasTicket = ticket != null && ticket.length > 0;
        if (!session.isResumable() || (session.id().length == 0 && !hasTicket)) {
            return false;
        }
        return store(key, new Entry(session, hasTicket ? ticket : null));
    }

    /** The entry for this peer if its session is still valid, else null (an expired one is evicted). */
    public Entry get(PeerKey key) {
        return find(key);
    }

    /** Forgets whatever is stored for this peer. */
    public void remove(PeerKey key) {
        forget(key, null);
    }

    /**
     * Forgets this peer's entry only if it still holds {@code session}: a failed resumption must not
     * drop a newer session another connection stored meanwhile.
     */
    public void remove(PeerKey key, Session session) {
        forget(key, Objects.requireNonNull(session));
    }
}
