package dev.jtls.jsse;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.DerivedTicketKeys;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.Session;
import dev.jtls.session.TicketSealer;
import dev.jtls.session.TicketSecret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The client or server {@code SSLSessionContext} of a {@link JtlsSSLContext}: the sessions its
 * engines established, by id, over the jtls cache that actually resumes them
 * ({@link ServerSessionCache} by id, {@link ClientSessionCache} by peer). Size and timeout apply to
 * both; 0 means no limit, as in JSSE. {@link JtlsSSLSession#invalidate()} removes a session from
 * both, so it is not offered or resumed again; on the server it also revokes the session's tickets
 * ({@link TicketSealer#revoke}), which clients may still hold.
 */
public final class JtlsSSLSessionContext implements SSLSessionContext {
    private final ServerSessionCache serverCache;
    private final ClientSessionCache clientCache;
    /** For a server context, what a new ticket sealer is made with; null for a client context. */
    private final CryptoProvider crypto;
    private final Clock clock;
    /** The server's ticket sealer (null for a client context); replaced by {@link #setTicketSecret}. */
    private volatile TicketSealer ticketSealer;
    private final Map<IdKey, JtlsSSLSession> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private int cacheSize;
    private int timeoutSeconds;

    private JtlsSSLSessionContext(ServerSessionCache serverCache, CryptoProvider crypto, Clock clock,
                                  ClientSessionCache clientCache, int size, Duration lifetime) {
        this.serverCache = serverCache;
        this.crypto = crypto;
        this.clock = clock;
        this.ticketSealer = crypto == null ? null : TlsConfig.newTicketSealer(crypto, clock);
        this.clientCache = clientCache;
        this.cacheSize = size;
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, lifetime.getSeconds());
    }

    /** A server context whose tickets are sealed under random keys of its own until {@link #setTicketSecret}. */
    static JtlsSSLSessionContext server(ServerSessionCache cache, CryptoProvider crypto, Clock clock) {
        return new JtlsSSLSessionContext(cache, crypto, clock, null, cache.maxEntries(), cache.lifetime());
    }

    static JtlsSSLSessionContext client(ClientSessionCache cache) {
        return new JtlsSSLSessionContext(null, null, null, cache, cache.maxEntries(), cache.lifetime());
    }

    /**
     * jtls's own: from now on, this server context's engines seal and open session tickets under keys
     * derived from {@code secret}, which every instance of the server shares ({@link DerivedTicketKeys}),
     * so that a ticket one instance issued resumes on any other; reach it with
     * {@code ((JtlsSSLSessionContext) sslContext.getServerSessionContext()).setTicketSecret(secret)}.
     * Handshakes already under way keep the keys they started with; tickets issued under the
     * previous keys no longer open (their clients get a full handshake).
     *
     * @throws UnsupportedOperationException on a client session context (clients do not seal tickets)
     */
    public void setTicketSecret(TicketSecret secret) {
        java.util.Objects.requireNonNull(secret, "secret");
        if (crypto == null) {
            throw new UnsupportedOperationException("a client session context has no ticket keys; set the secret on"
                    + " SSLContext.getServerSessionContext()");
        }
        ticketSealer = TlsConfig.newTicketSealer(crypto, clock, secret);
    }

    /** The server's ticket sealer now (null for a client context). */
    TicketSealer ticketSealer() {
        return ticketSealer;
    }

    /**
     * The SSLSession for a session a handshake just established: for a resumed one the object made
     * by the handshake that created it, if this context still has it (so that its values carry
     * over), else {@code fresh}, now bound to {@code session}.
     */
    synchronized JtlsSSLSession establish(JtlsSSLSession fresh, Session session, ClientSessionCache.PeerKey peerKey,
                                          boolean resumed) {
        IdKey key = new IdKey(session.id());
        if (resumed) {
            JtlsSSLSession known = sessions.get(key);
            if (known != null && known.isValid()) {
                known.accessed();
                return known;
            }
        }
        fresh.established(session, peerKey, this);
        if (session.id().length > 0) {
            sessions.put(key, fresh);
            trim();
        }
        return fresh;
    }

    /** Forgets a session here and in the jtls cache (SSLSession.invalidate). */
    void remove(JtlsSSLSession s) {
        Session js = s.jtlsSession();
        if (js == null) {
            return;
        }
        synchronized (this) {
            sessions.remove(new IdKey(js.id()), s);
        }
        if (serverCache != null && js.id().length > 0) {
            serverCache.remove(js.id());
        }
        TicketSealer sealer = ticketSealer;
        if (sealer != null) {
            // RFC 5077 §3.1 lets the server refuse any ticket; the client holding one gets a full handshake.
            sealer.revoke(js);
        }
        if (clientCache != null && s.peerKey() != null) {
            clientCache.remove(s.peerKey(), js);
        }
    }

    /** True while the session is within this context's timeout. */
    boolean isCurrent(JtlsSSLSession s) {
        int timeout;
        synchronized (this) {
            timeout = timeoutSeconds;
        }
        return timeout == 0 || System.currentTimeMillis() - s.getCreationTime() < timeout * 1000L;
    }

    @Override
    public synchronized SSLSession getSession(byte[] sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("sessionId");
        }
        JtlsSSLSession s = sessions.get(new IdKey(sessionId));
        return s != null && s.isValid() ? s : null;
    }

    @Override
    public synchronized Enumeration<byte[]> getIds() {
        List<byte[]> ids = new ArrayList<>();
        for (Iterator<JtlsSSLSession> it = sessions.values().iterator(); it.hasNext(); ) {
            JtlsSSLSession s = it.next();
            if (!isCurrent(s)) {
                it.remove();
            } else {
                ids.add(s.getId());
            }
        }
        return Collections.enumeration(ids);
    }

    @Override
    public void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("session timeout must not be negative: " + seconds);
        }
        synchronized (this) {
            timeoutSeconds = seconds;
        }
        Duration lifetime = Duration.ofSeconds(seconds);
        if (serverCache != null) {
            serverCache.setLifetime(lifetime);
        }
        if (clientCache != null) {
            clientCache.setLifetime(lifetime);
        }
    }

    @Override
    public synchronized int getSessionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("session cache size must not be negative: " + size);
        }
        synchronized (this) {
            cacheSize = size;
            trim();
        }
        if (serverCache != null) {
            serverCache.setMaxEntries(size);
        }
        if (clientCache != null) {
            clientCache.setMaxEntries(size);
        }
    }

    @Override
    public synchronized int getSessionCacheSize() {
        return cacheSize;
    }

    private void trim() {
        if (cacheSize == 0) {
            return;
        }
        Iterator<JtlsSSLSession> it = sessions.values().iterator();
        while (sessions.size() > cacheSize && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /**
     * A session id as a key, compared by content; the array is never changed (callers pass a
     * copy or only look up). 16 bytes, where a ByteBuffer around the id took 56.
     */
    private static final class IdKey {
        private final byte[] id;

        IdKey(byte[] id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdKey && java.util.Arrays.equals(id, ((IdKey) o).id);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(id);
        }
    }
}
