package dev.jtls.jsse;

import static dev.jtls.jsse.EnginePeers.CLIENT;
import static dev.jtls.jsse.EnginePeers.CLIENT_CTX;
import static dev.jtls.jsse.EnginePeers.CLIENT_WITH_KEY_CTX;
import static dev.jtls.jsse.EnginePeers.DISTRUSTING_CTX;
import static dev.jtls.jsse.EnginePeers.SERVER_CTX;
import static dev.jtls.jsse.EnginePeers.async;
import static dev.jtls.jsse.EnginePeers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.jsse.EngineSocketTest.Pairing;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Handshake settings and failures through EngineSocket/EngineServerSocket: suites, client auth, ALPN, errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineSocketHandshakeTest {
    private static final String ECDSA_GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDSA_CHACHA = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    private static final String RSA_GCM = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";

    /** The server side's handshake outcome: the session, or the I/O exception it threw. */
    private static CompletableFuture<Object> serveHandshake(SSLServerSocket server) {
        return async(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                try {
                    s.startHandshake();
                    SSLSession session = s.getSession();
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                    return session;
                } catch (java.io.IOException e) {
                    return e; // SSLException, or a SocketException if the peer hung up while we wrote
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void enabledSuitesAndProtocolsReachTheEngines(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            server.setEnabledCipherSuites(new String[] {ECDSA_CHACHA, ECDSA_GCM});
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            assertThat(server.getEnabledCipherSuites()).containsExactly(ECDSA_CHACHA, ECDSA_GCM);
            assertThat(server.getEnabledProtocols()).containsExactly("TLSv1.2");
            CompletableFuture<Object> served = serveHandshake(server);
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                client.setEnabledCipherSuites(new String[] {ECDSA_GCM, RSA_GCM});
                assertThat(client.getEnabledCipherSuites()).containsExactly(ECDSA_GCM, RSA_GCM);
                client.startHandshake();
                assertThat(client.getSession().getCipherSuite()).isEqualTo(ECDSA_GCM);
                assertThat(client.getInputStream().read()).isEqualTo(1);
                client.close();
            }
            assertThat(((SSLSession) await(served)).getCipherSuite()).isEqualTo(ECDSA_GCM);
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void noCommonSuiteFailsBothSidesWithTheEnginesMessage(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            CompletableFuture<Object> served = serveHandshake(server);
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                client.setEnabledCipherSuites(new String[] {RSA_GCM}); // the server's key is ECDSA
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("handshake_failure");
                SSLSession failed = client.getSession();
                assertThat(failed.isValid()).isFalse();
                assertThat(failed.getCipherSuite()).isEqualTo("SSL_NULL_WITH_NULL_NULL");
                assertThatThrownBy(failed::getPeerCertificates).isInstanceOf(SSLPeerUnverifiedException.class);
                if (pairing.ourClient) {
                    // After a fatal error every later I/O says so.
                    assertThatThrownBy(() -> client.getOutputStream().write(1)).isInstanceOf(SSLException.class)
                            .hasMessageContaining("handshake_failure");
                    assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SSLException.class);
                    assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
                }
            }
            Object outcome = await(served);
            assertThat(outcome).isInstanceOf(SSLHandshakeException.class);
            assertThat(((Exception) outcome).getMessage()).containsIgnoringCase("no cipher suites in common");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Pairing.class, names = {"OURS_BOTH", "OUR_CLIENT_JDK_SERVER"})
    void anUntrustedServerFailsTheFirstReadOrWrite(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            CompletableFuture<Object> served = serveHandshake(server);
            try (SSLSocket client = pairing.client(DISTRUSTING_CTX, server.getLocalPort())) {
                // The handshake runs implicitly on the first write; the trust manager's reason surfaces.
                assertThatThrownBy(() -> client.getOutputStream().write(1)).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("PKIX path");
                assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("PKIX path");
            }
            // The client's alert, or (if it hung up while the server still wrote) a reset.
            assertThat(await(served)).isInstanceOf(java.io.IOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void needClientAuthGetsTheClientsCertificateOrFails(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            server.setNeedClientAuth(true);
            assertThat(server.getNeedClientAuth()).isTrue();
            CompletableFuture<Object> served = serveHandshake(server);
            try (SSLSocket client = pairing.client(CLIENT_WITH_KEY_CTX, server.getLocalPort())) {
                assertThat(client.getInputStream().read()).isEqualTo(1);
                assertThat(client.getSession().getLocalCertificates()[0]).isEqualTo(CLIENT.certificate());
            }
            assertThat(((SSLSession) await(served)).getPeerCertificates()[0]).isEqualTo(CLIENT.certificate());

            CompletableFuture<Object> refused = serveHandshake(server);
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                // TLS 1.2: the server refuses the client's flight with an alert and closes, so the client
                // either reads the alert (SSLException) or writes its last records into a reset
                // connection (SocketException), as the JDK's own SSLSocket does.
                assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(java.io.IOException.class);
            }
            assertThat(await(refused)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void wantClientAuthAcceptsAClientWithoutACertificate(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            server.setWantClientAuth(true);
            assertThat(server.getWantClientAuth()).isTrue();
            assertThat(server.getNeedClientAuth()).isFalse();
            CompletableFuture<Object> anonymous = serveHandshake(server);
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                assertThat(client.getInputStream().read()).isEqualTo(1);
            }
            SSLSession s = (SSLSession) await(anonymous);
            assertThatThrownBy(s::getPeerCertificates).isInstanceOf(SSLPeerUnverifiedException.class);

            CompletableFuture<Object> identified = serveHandshake(server);
            try (SSLSocket client = pairing.client(CLIENT_WITH_KEY_CTX, server.getLocalPort())) {
                assertThat(client.getInputStream().read()).isEqualTo(1);
            }
            assertThat(((SSLSession) await(identified)).getPeerCertificates()[0]).isEqualTo(CLIENT.certificate());
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void alpnIsNegotiatedThroughSslParameters(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            SSLParameters sp = server.getSSLParameters();
            sp.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            server.setSSLParameters(sp);
            assertThat(server.getSSLParameters().getApplicationProtocols()).containsExactly("h2", "http/1.1");
            CompletableFuture<String> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    assertThat(s.getApplicationProtocol()).isNull(); // not yet negotiated
                    s.startHandshake();
                    String chosen = s.getApplicationProtocol();
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                    return chosen;
                }
            });
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                SSLParameters cp = client.getSSLParameters();
                cp.setApplicationProtocols(new String[] {"http/1.1", "h2"});
                client.setSSLParameters(cp);
                assertThat(client.getInputStream().read()).isEqualTo(1);
                assertThat(client.getApplicationProtocol()).isEqualTo("h2"); // the server's preference
            }
            assertThat(await(served)).isEqualTo("h2");
        }
    }

    /** The selector sees our socket and the client's list, and its answer is the protocol. */
    @ParameterizedTest
    @EnumSource(value = Pairing.class, names = {"OURS_BOTH", "JDK_CLIENT_OUR_SERVER"})
    void alpnSelectorOnOurServerSocketChooses(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<String> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    assertThat(s).isInstanceOf(EngineSocket.class);
                    assertThat(s.getUseClientMode()).isFalse();
                    assertThat(s.getHandshakeSession()).isNull(); // no handshake yet
                    s.setHandshakeApplicationProtocolSelector((socket, offered) -> {
                        seen.add(socket == s);
                        seen.add(offered);
                        seen.add(socket.getHandshakeApplicationProtocol());
                        // Mid-handshake: the session being negotiated is there, with the client's hello facts.
                        seen.add(socket.getHandshakeSession().getProtocol());
                        return "spdy/3";
                    });
                    assertThat(s.getHandshakeApplicationProtocolSelector()).isNotNull();
                    s.startHandshake();
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                    return s.getApplicationProtocol();
                }
            });
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                SSLParameters cp = client.getSSLParameters();
                cp.setApplicationProtocols(new String[] {"h2", "spdy/3"});
                client.setSSLParameters(cp);
                assertThat(client.getInputStream().read()).isEqualTo(1);
                assertThat(client.getApplicationProtocol()).isEqualTo("spdy/3");
            }
            assertThat(await(served)).isEqualTo("spdy/3");
            assertThat(seen).containsExactly(true, List.of("h2", "spdy/3"), null, "TLSv1.2");
        }
    }

    /** Settings made on an unconnected socket carry over to the engine made at connect time. */
    @Test
    void settingsOfAnUnconnectedSocketSurviveConnect() throws Exception {
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            CompletableFuture<Object> served = serveHandshake(server);
            try (SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX).createSocket()) {
                client.setEnabledCipherSuites(new String[] {ECDSA_CHACHA});
                SSLParameters p = client.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setApplicationProtocols(new String[] {"x"});
                client.setSSLParameters(p);
                client.connect(new java.net.InetSocketAddress("localhost", server.getLocalPort()), 5000);
                assertThat(client.getEnabledCipherSuites()).containsExactly(ECDSA_CHACHA);
                assertThat(client.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
                client.startHandshake();
                assertThat(client.getSession().getCipherSuite()).isEqualTo(ECDSA_CHACHA);
                assertThat(client.getSession().getPeerHost()).isEqualTo("localhost");
                assertThat(client.getUseClientMode()).isTrue();
                client.getInputStream().read();
            }
            await(served);
        }
    }

    /**
     * A server asking for a second handshake between messages (SunJSSE allows secure renegotiation
     * in TLS 1.2; jtls's engine will refuse it, and the socket leaves that to the engine): the client
     * answers from its reader, data keeps flowing, and both sides' listeners hear of two handshakes.
     */
    @ParameterizedTest
    @EnumSource(Pairing.class)
    void aSecondHandshakeAskedByTheServerBetweenMessages(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            java.util.concurrent.atomic.AtomicInteger serverHandshakes = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger clientHandshakes = new java.util.concurrent.atomic.AtomicInteger();
            CompletableFuture<Integer> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.addHandshakeCompletedListener(e -> serverHandshakes.incrementAndGet());
                    java.io.InputStream in = s.getInputStream();
                    assertThat(in.read()).isEqualTo(1);
                    s.startHandshake(); // established: sends a HelloRequest and returns
                    s.getOutputStream().write(2);
                    s.getOutputStream().flush();
                    assertThat(in.read()).isEqualTo(3);
                    s.getOutputStream().write(4);
                    s.getOutputStream().flush();
                    return in.read();
                }
            });
            try (SSLSocket c = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                c.addHandshakeCompletedListener(e -> clientHandshakes.incrementAndGet());
                c.getOutputStream().write(1);
                c.getOutputStream().flush();
                assertThat(c.getInputStream().read()).isEqualTo(2);
                c.getOutputStream().write(3);
                c.getOutputStream().flush();
                assertThat(c.getInputStream().read()).isEqualTo(4);
            }
            assertThat(await(served)).isEqualTo(-1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((clientHandshakes.get() < 2 || serverHandshakes.get() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(10); // the JDK's sockets tell their listeners from another thread
            }
            assertThat(clientHandshakes.get()).isEqualTo(2);
            assertThat(serverHandshakes.get()).isEqualTo(2);
        }
    }
}
