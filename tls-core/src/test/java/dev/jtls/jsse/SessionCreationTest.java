package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code setEnableSessionCreation(false)} (only resumption allowed) on jtls engines and sockets, in
 * both roles, against SunJSSE and jtls peers; and server-side {@code SSLSession.invalidate()}, which
 * must also stop resumption through the session tickets clients still hold.
 */
class SessionCreationTest {
    private static SSLContext peerClient(boolean sunPeer) {
        return sunPeer ? TestPki.sunClient() : TestPki.jtlsClient();
    }

    private static SSLContext peerServer(boolean sunPeer) {
        return sunPeer ? TestPki.sunServer() : TestPki.jtlsServer();
    }

    private static EngineLink link(SSLContext c, SSLContext s) {
        return new EngineLink(c.createSSLEngine("localhost", 8443), s.createSSLEngine());
    }

    // ------------------------------------------------------------ client role

    @Test
    void settingIsReportedAndDefaultsToTrue() {
        SSLEngine e = TestPki.jtlsClient().createSSLEngine("localhost", 8443);
        assertThat(e.getEnableSessionCreation()).isTrue();
        e.setEnableSessionCreation(false);
        assertThat(e.getEnableSessionCreation()).isFalse();
    }

    @Test
    void clientWithNothingToResumeFailsBeforeSendingAnything() throws Exception {
        SSLEngine e = TestPki.jtlsClient().createSSLEngine("localhost", 8443);
        e.setUseClientMode(true);
        e.setEnableSessionCreation(false);
        // As SunJSSE's ClientHello producer: an SSLHandshakeException, no ClientHello.
        assertThatThrownBy(e::beginHandshake).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No new session is allowed").hasMessageContaining("localhost:8443");
        ByteBuffer net = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), net);
        assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
        assertThat(r.bytesProduced()).isZero();
        assertThat(e.isOutboundDone()).isTrue();
    }

    @ParameterizedTest(name = "SunJSSE server: {0}")
    @ValueSource(booleans = {true, false})
    void clientWithCreationDisabledResumesAKnownSession(boolean sunPeer) throws Exception {
        SSLContext c = TestPki.jtlsClient();
        SSLContext s = peerServer(sunPeer);
        EngineLink first = link(c, s);
        first.run();
        byte[] id = first.client.getSession().getId();

        EngineLink second = link(c, s);
        second.client.setEnableSessionCreation(false);
        second.run();
        assertThat(second.client.getSession().getId()).isEqualTo(id);
        assertThat(second.serverBytes()).isLessThan(first.serverBytes() - first.serverChainLength());
        assertThat(second.server.getSession().getCipherSuite()).isEqualTo(first.server.getSession().getCipherSuite());
    }

    @ParameterizedTest(name = "SunJSSE server: {0}")
    @ValueSource(booleans = {true, false})
    void clientAbortsWhenTheServerDoesNotResume(boolean sunPeer) throws Exception {
        SSLContext c = TestPki.jtlsClient();
        EngineLink first = link(c, peerServer(sunPeer));
        first.run();

        // A server that never saw the session: it answers the offer with a full handshake.
        EngineLink second = link(c, peerServer(sunPeer));
        second.client.setEnableSessionCreation(false);
        second.runExpectingFailure();
        assertThat(second.clientError).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("handshake_failure").hasMessageContaining("new session creation is disabled");
        assertThat(second.serverError).isNotNull().hasMessageContaining("handshake_failure");
        assertThat(second.client.getSession().getId()).isEmpty();
        // Nothing beyond the ClientHello and the alert: no key exchange, no Finished.
        assertThat(second.server.isInboundDone()).isTrue();
    }

    // ------------------------------------------------------------ server role

    @ParameterizedTest(name = "SunJSSE client: {0}")
    @ValueSource(booleans = {true, false})
    void serverRefusesAClientHelloThatResumesNothing(boolean sunPeer) throws Exception {
        EngineLink l = link(peerClient(sunPeer), TestPki.jtlsServer());
        l.server.setEnableSessionCreation(false);
        l.runExpectingFailure();
        assertThat(l.serverError).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("jtls sent a fatal handshake_failure alert")
                .hasMessageContaining("new session creation is disabled");
        assertThat(l.clientError).isNotNull().hasMessageContaining("handshake_failure");
        // The alert is all the server sent: 7 bytes (a plaintext record of one alert).
        assertThat(l.serverBytes()).isEqualTo(7);
    }

    @ParameterizedTest(name = "SunJSSE client: {0}")
    @ValueSource(booleans = {true, false})
    void serverWithCreationDisabledServesResumption(boolean sunPeer) throws Exception {
        SSLContext c = peerClient(sunPeer);
        SSLContext s = TestPki.jtlsServer();
        EngineLink first = link(c, s);
        first.run();
        byte[] id = first.client.getSession().getId();

        EngineLink second = link(c, s);
        second.server.setEnableSessionCreation(false);
        second.run();
        assertThat(second.client.getSession().getId()).isEqualTo(id);
        assertThat(second.serverBytes()).isLessThan(first.serverBytes() - first.serverChainLength());
        assertThat(second.server.getHandshakeStatus()).isEqualTo(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
    }

    // ------------------------------------------------------------ server-side invalidate

    @ParameterizedTest(name = "SunJSSE client: {0}")
    @ValueSource(booleans = {true, false})
    void serverInvalidateStopsResumptionByTicketToo(boolean sunPeer) throws Exception {
        SSLContext c = peerClient(sunPeer);
        SSLContext s = TestPki.jtlsServer();
        EngineLink first = link(c, s);
        first.run();
        byte[] id = first.client.getSession().getId();
        int chain = first.serverChainLength();

        // Without invalidate: resumed (the jtls client offers its ticket).
        EngineLink second = link(c, s);
        second.run();
        assertThat(second.client.getSession().getId()).isEqualTo(id);
        assertThat(second.serverBytes()).isLessThan(first.serverBytes() - chain);

        second.server.getSession().invalidate();
        assertThat(second.server.getSession().isValid()).isFalse();
        EngineLink third = link(c, s);
        third.run();
        // A full handshake: the server's certificate again, and a new session.
        assertThat(third.serverBytes()).isGreaterThan(second.serverBytes() + chain);
        assertThat(third.client.getSession().getId()).isNotEqualTo(id);
        assertThat(third.server.getSession().getId()).isNotEqualTo(second.server.getSession().getId());

        // The new session resumes as usual.
        EngineLink fourth = link(c, s);
        fourth.run();
        assertThat(fourth.client.getSession().getId()).isEqualTo(third.client.getSession().getId());
        assertThat(fourth.serverBytes()).isLessThan(third.serverBytes() - chain);
    }

    @Test
    void ticketOnlyServerInvalidateFallsBackToAFullHandshake() throws Exception {
        SSLContext c = TestPki.jtlsClient();
        SSLContext s = TestPki.jtlsServer();
        // No session-id cache on the server: only the ticket can resume.
        s.getServerSessionContext().setSessionCacheSize(1);
        EngineLink first = link(c, s);
        first.run();
        int chain = first.serverChainLength();
        EngineLink filler = new EngineLink(TestPki.jtlsClient().createSSLEngine("localhost", 8443), s.createSSLEngine());
        filler.run(); // pushes the first session out of the server's one-entry id cache

        EngineLink second = link(c, s);
        second.run();
        assertThat(second.serverBytes()).isLessThan(first.serverBytes() - chain);

        second.server.getSession().invalidate();
        EngineLink third = link(c, s);
        third.run();
        assertThat(third.serverBytes()).isGreaterThan(second.serverBytes() + chain);
        assertThat(third.clientBytes()).isGreaterThan(second.clientBytes());
    }

    @Test
    void clientInvalidateForgetsTheSessionAndItsTicket() throws Exception {
        SSLContext c = TestPki.jtlsClient();
        SSLContext s = TestPki.jtlsServer();
        EngineLink first = link(c, s);
        first.run();
        byte[] id = first.client.getSession().getId();
        first.client.getSession().invalidate();
        assertThat(c.getClientSessionContext().getSession(id)).isNull();

        // Nothing left to offer: with creation disabled the client cannot even start.
        SSLEngine e = c.createSSLEngine("localhost", 8443);
        e.setUseClientMode(true);
        e.setEnableSessionCreation(false);
        assertThatThrownBy(e::beginHandshake).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No new session is allowed");

        EngineLink second = link(c, s);
        second.run();
        assertThat(second.client.getSession().getId()).isNotEqualTo(id);
        assertThat(second.serverBytes()).isGreaterThan(first.serverChainLength());
    }

    // ------------------------------------------------------------ sockets

    @Test
    void socketsPassTheSettingToTheirEngines() throws Exception {
        try (EngineServerSocket server = EnginePeers.ourServer(TestPki.jtlsServer())) {
            server.setEnableSessionCreation(false);
            assertThat(server.getEnableSessionCreation()).isFalse();
            CompletableFuture<Boolean> accepted = EnginePeers.async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    boolean setting = s.getEnableSessionCreation();
                    assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class)
                            .hasMessageContaining("new session creation is disabled");
                    return setting;
                }
            });
            try (Socket raw = EnginePeers.ourClients(TestPki.jtlsClient()).createSocket("localhost", server.getLocalPort())) {
                SSLSocket client = (SSLSocket) raw;
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("handshake_failure");
            }
            assertThat(EnginePeers.await(accepted)).isFalse();
        }

        try (Socket raw = EnginePeers.ourClients(TestPki.jtlsClient()).createSocket()) {
            SSLSocket client = (SSLSocket) raw;
            client.setEnableSessionCreation(false);
            assertThat(client.getEnableSessionCreation()).isFalse();
        }
    }
}
