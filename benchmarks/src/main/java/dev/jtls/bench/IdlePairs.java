package dev.jtls.bench;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;

/**
 * Makes established client + server pairs of one implementation for {@link IdleMemory}: a full
 * handshake each (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, secp256r1, rsa_pkcs1_sha256, checked on
 * the wire and in the endpoints), optionally one {@value #PAYLOAD}-byte application record each
 * way. Everything a pair does not own (contexts, configs, caches, the network and application
 * buffers) lives here, shared by all pairs, so that only what a connection itself keeps is
 * counted per connection. Session tickets are off for every implementation (see {@link Jsse}).
 */
abstract class IdlePairs {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    static final NamedGroup GROUP = NamedGroup.SECP256R1;
    static final SignatureScheme SCHEME = SignatureScheme.RSA_PKCS1_SHA256;
    /** Application bytes sent each way by {@link #exchange}. */
    static final int PAYLOAD = 1024;

    final Conversation conversation = new Conversation();
    final ByteBuffer net = ByteBuffer.allocate(1 << 15);
    final ByteBuffer app = ByteBuffer.allocate(1 << 15);
    final ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);

    /** The implementations {@link IdleMemory} knows: jtls, jtls_jsse, sunjsse, bcjsse, bcjsse_jca. */
    static IdlePairs of(String impl) {
        if (impl.equals("jtls")) {
            return new Jtls();
        }
        return new Engines(Jsse.Kind.valueOf(impl.toUpperCase(java.util.Locale.ROOT)));
    }

    /** A new pair, handshake done and checked: {client, server}. */
    abstract Object[] connect() throws SSLException;

    /** One {@value #PAYLOAD}-byte record client to server, then one back; throws unless all arrived. */
    final void exchange(Object client, Object server) throws SSLException {
        send(client, server);
        send(server, client);
    }

    abstract void send(Object from, Object to) throws SSLException;

    /** How many sessions the shared caches hold now, for the report ("server 10050, client 0"). */
    abstract String cachedSessions();

    /** Each cache's capacity and what goes into it, for the report. */
    abstract String cachePolicy();

    final void checkWire() {
        conversation.wire.require(SUITE.code(), GROUP.code(), SCHEME.code(), false);
    }

    final void checkDelivered(int n, String who) {
        if (n != PAYLOAD) {
            throw new IllegalStateException(who + " delivered " + n + " bytes, not " + PAYLOAD);
        }
    }

    /** jtls's sans-IO connections, configured as {@link Stack} does for full handshakes. */
    private static final class Jtls extends IdlePairs {
        private final TlsConfig client;
        private final TlsConfig server;

        Jtls() {
            List<NamedGroup> groups = List.of(GROUP);
            client = TlsConfig.builder()
                    .cipherSuites(List.of(SUITE)).groups(groups).signatureSchemes(Stack.SCHEMES)
                    .trust(new PinnedTrustVerifier(List.of(Pki.CA.certificate(), Pki.RSA_CA.certificate()),
                            Clock.systemUTC()))
                    // Every pair talks to HOST:443: with resumption on, all but the first would resume.
                    .sessionIdResumption(false)
                    .sessionTickets(false)
                    .build();
            server = TlsConfig.builder()
                    .cipherSuites(List.of(SUITE)).groups(groups).signatureSchemes(Stack.SCHEMES)
                    .certifiedKey(new CertifiedKey(List.of(Pki.RSA_LEAF.certificate()), Pki.RSA_LEAF.privateKey()))
                    .certifiedKey(new CertifiedKey(List.of(Pki.EC_LEAF.certificate()), Pki.EC_LEAF.privateKey()))
                    .sessionTickets(false)
                    .build();
        }

        @Override
        Object[] connect() throws SSLException {
            TlsConnection cl = TlsConnection.client(client, Pki.HOST, 443);
            TlsConnection sv = TlsConnection.server(server);
            conversation.handshake(Conversation.of(cl), Conversation.of(sv));
            checkWire();
            if (cl.status() != TlsConnection.Status.CONNECTED || sv.status() != TlsConnection.Status.CONNECTED) {
                throw new IllegalStateException("not connected: client " + cl.status() + ", server " + sv.status());
            }
            // An idle sans-IO connection is told so (TlsConnection.releaseIdleBuffers, as its
            // javadoc asks of callers that hold connections idle); the JSSE engine does it itself.
            cl.releaseIdleBuffers();
            sv.releaseIdleBuffers();
            return new Object[] {cl, sv};
        }

        @Override
        void send(Object from, Object to) {
            TlsConnection a = (TlsConnection) from;
            TlsConnection b = (TlsConnection) to;
            payload.clear();
            net.clear();
            a.write(payload, net);
            net.flip();
            app.clear();
            b.receive(net, app);
            if (net.hasRemaining() || a.hasOutgoing()) {
                throw new IllegalStateException("record not delivered whole");
            }
            checkDelivered(app.position(), "jtls");
            a.releaseIdleBuffers();
            b.releaseIdleBuffers();
        }

        @Override
        String cachedSessions() {
            return "server " + server.serverSessionCache().size() + ", client " + client.clientSessionCache().size();
        }

        @Override
        String cachePolicy() {
            return "server: by session id, capacity " + server.serverSessionCache().maxEntries()
                    + "; client: by host and port, only with session-id resumption on (off here: every pair"
                    + " goes to the same host:port and must not resume)";
        }
    }

    /** A JSSE implementation's SSLEngines from {@link Jsse.Contexts}, client engines made without a peer (no resumption). */
    private static final class Engines extends IdlePairs {
        private final Jsse.Contexts contexts;
        private final String suiteName = SUITE.standardName();

        Engines(Jsse.Kind kind) {
            contexts = new Jsse.Contexts(kind);
        }

        @Override
        Object[] connect() throws SSLException {
            SSLEngine cl = contexts.clientEngine(suiteName, "secp256r1", false);
            SSLEngine sv = contexts.serverEngine(suiteName, "secp256r1");
            cl.beginHandshake();
            sv.beginHandshake();
            conversation.handshake(Conversation.of(cl, app), Conversation.of(sv, app));
            checkWire();
            for (SSLEngine e : new SSLEngine[] {cl, sv}) {
                if (e.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                        || !suiteName.equals(e.getSession().getCipherSuite())) {
                    throw new IllegalStateException("not established: " + e.getHandshakeStatus() + ", "
                            + e.getSession().getCipherSuite());
                }
            }
            return new Object[] {cl, sv};
        }

        @Override
        void send(Object from, Object to) throws SSLException {
            SSLEngine a = (SSLEngine) from;
            SSLEngine b = (SSLEngine) to;
            payload.clear();
            net.clear();
            SSLEngineResult w = a.wrap(payload, net);
            if (w.getStatus() != SSLEngineResult.Status.OK || payload.hasRemaining()) {
                throw new IllegalStateException("wrap: " + w);
            }
            net.flip();
            app.clear();
            SSLEngineResult u = b.unwrap(net, app);
            if (u.getStatus() != SSLEngineResult.Status.OK || net.hasRemaining()) {
                throw new IllegalStateException("unwrap: " + u);
            }
            checkDelivered(u.bytesProduced(), contexts.kind.name());
        }

        @Override
        String cachedSessions() {
            return "server " + count(contexts.server.getServerSessionContext())
                    + ", client " + count(contexts.client.getClientSessionContext());
        }

        private static int count(SSLSessionContext c) {
            return Collections.list(c.getIds()).size();
        }

        @Override
        String cachePolicy() {
            SSLSessionContext s = contexts.server.getServerSessionContext();
            SSLSessionContext c = contexts.client.getClientSessionContext();
            return "server capacity " + s.getSessionCacheSize() + ", client capacity " + c.getSessionCacheSize()
                    + " (0 = unlimited), timeouts " + s.getSessionTimeout() + " s / " + c.getSessionTimeout() + " s";
        }
    }
}
