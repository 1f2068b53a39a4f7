package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.handshake.client.ClientHandshake;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.Session;
import java.util.List;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

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

    /**
     * The handshake begins: its connection, over the context's configuration for these parameters,
     * and the handshake session that key and trust managers will see while it runs.
     *
     * @param peerHost the engine's peer host (null for none): a client resumes sessions of this host and port
     * @throws SSLHandshakeException for parameters no handshake can start with
     */
    TlsConnection start(SSLParameters params, String peerHost, int peerPort, boolean sessionCreation, boolean alpnSelector)
            throws SSLHandshakeException {
        ConfigCache.Shared shared = EngineConfigs.config(ctx, params, client, sessionCreation, alpnSelector);
        handshakeSession = new JtlsSSLSession(peerHost, peerPort);
        handshakeSession.localSignatureAlgorithms(shared.localSignatureAlgorithms());
        if (!client) {
            return TlsConnection.server(shared.config());
        }
        List<SNIServerName> names = params.getServerNames(); // a new list at every call
        String sni = ClientHandshake.sniName(EngineParameters.sniHost(names));
        handshakeSession.requestedServerNames(names == null ? List.of() : names);
        int port = Math.max(0, peerPort);
        if (peerHost != null && !peerHost.isEmpty()) {
            peerKey = new ClientSessionCache.PeerKey(peerHost, port, sni);
        }
        return TlsConnection.client(shared.config(), peerHost, port, sni);
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
