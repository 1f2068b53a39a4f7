package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.Session;
import java.util.List;

/**
 * What an engine learns from its connection's handshake events: the handshake session being filled
 * in, then the established session (from the context's session context, so a resumed session is
 * the same object as before), the suite and the application protocol. Guarded by the engine's lock.
 */
final class HandshakeTracker {
    private final JtlsSSLContext.State ctx;
    private final boolean client;
    private JtlsSSLSession handshakeSession;
    private JtlsSSLSession session;
    private Session establishedSession;
    private ClientSessionCache.PeerKey peerKey;
    private CipherSuite suite;
    private boolean resumed;
    private String handshakeAlpn;
    private String alpn;
    private int eventsSeen;

    HandshakeTracker(JtlsSSLContext.State ctx, boolean client) {
        this.ctx = ctx;
        this.client = client;
    }

    /** The handshake begins: the session managers will see while it runs. */
    void begin(JtlsSSLSession handshakeSession, ClientSessionCache.PeerKey peerKey) {
        this.handshakeSession = handshakeSession;
        this.peerKey = peerKey;
    }

    /** Takes up the events reported since the last call; true if this call saw the handshake complete. */
    boolean update(TlsConnection conn) {
        List<HandshakeEvent> events = conn.events();
        for (; eventsSeen < events.size(); eventsSeen++) {
            HandshakeEvent e = events.get(eventsSeen);
            if (e instanceof Negotiated) {
                Negotiated n = (Negotiated) e;
                suite = n.suite();
                resumed = n.resumed();
                handshakeAlpn = n.alpn() == null ? "" : n.alpn();
                if (handshakeSession != null) {
                    handshakeSession.cipherSuite(n.suite());
                }
            } else if (e instanceof PeerCertificates && handshakeSession != null) {
                handshakeSession.peerCertificates((PeerCertificates) e);
            } else if (e instanceof SessionEstablished) {
                establishedSession = ((SessionEstablished) e).session();
            }
        }
        if (session == null && conn.isHandshakeComplete() && conn.failure() == null) {
            complete(conn);
            return true;
        }
        return false;
    }

    private void complete(TlsConnection conn) {
        JtlsSSLSession fresh = handshakeSession;
        if (establishedSession != null) {
            // The chains not seen in this handshake (local ones; a resumed session's peer's) are
            // parsed from the session's DER when first asked for.
            JtlsSSLSessionContext sc = client ? ctx.clientContext() : ctx.serverContext();
            session = sc.establish(fresh, establishedSession, client ? peerKey : null, resumed);
        } else {
            session = fresh;
        }
        alpn = handshakeAlpn == null ? "" : handshakeAlpn;
        handshakeSession = null;
        establishedSession = null;
        peerKey = null;
        // Taken up: the connection need not keep them (nor a resumed session's second copy, decoded
        // from a ticket, that the session context's object stands for).
        conn.forgetEvents();
        eventsSeen = 0;
    }

    /** The handshake is over without a session (failure or close). */
    void abandon() {
        handshakeSession = null;
    }

    JtlsSSLSession handshakeSession() {
        return handshakeSession;
    }

    /** The established session, or null before the handshake completes. */
    JtlsSSLSession session() {
        return session;
    }

    CipherSuite suite() {
        return suite;
    }

    /** The negotiated protocol once the handshake is done ("" for none), null before. */
    String applicationProtocol() {
        return alpn;
    }

    /** While handshaking: the protocol chosen so far, or null. */
    String handshakeApplicationProtocol() {
        return handshakeSession == null ? null : handshakeAlpn;
    }
}
