package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.session.ClientSessionCache;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Abbreviated handshakes (RFC 5246 §7.3 figure 2) of a jtls client with a SunJSSE server. */
class ClientResumptionJsseTest {

    static Conversation connect(TlsConfig config, JssePeer peer) {
        Conversation c = new Conversation(config, peer.serverEngine(), JssePeer.HOST, 443).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.serverFailure).isNull();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        return c;
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384"})
    void resumesBySessionId(CipherSuite suite) {
        JssePeer peer = new JssePeer();
        TlsConfig config = ClientJsseHandshakeTest.config().cipherSuites(List.of(suite)).sessionTickets(false)
                .alpnProtocols(List.of("h2")).build();
        Conversation first = connect(config, peer);
        assertThat(first.negotiated().resumed()).isFalse();
        SSLSession firstSession = first.server.getSession();
        assertThat(config.clientSessionCache().get(new ClientSessionCache.PeerKey(JssePeer.HOST, 443, JssePeer.HOST)))
                .isNotNull();
        first.exchange(1000, 1);

        Conversation second = connect(config, peer);
        assertThat(second.negotiated().resumed()).isTrue();
        assertThat(second.negotiated().suite()).isEqualTo(suite);
        assertThat(second.negotiated().alpn()).isEqualTo("h2");
        assertThat(second.server.getSession().getId()).isEqualTo(firstSession.getId());
        assertThat(second.server.getSession().getCreationTime()).isEqualTo(firstSession.getCreationTime());
        // The resumed connection still reports the server's certificates and the session.
        assertThat(second.client.events()).anyMatch(e -> e instanceof PeerCertificates
                && !((PeerCertificates) e).chain().isEmpty());
        assertThat(second.client.events()).anyMatch(e -> e instanceof SessionEstablished
                && java.util.Arrays.equals(((SessionEstablished) e).session().id(), firstSession.getId()));
        second.exchange(64 * 1024, 2);
    }

    @Test
    void resumesByTicket() {
        JssePeer peer = new JssePeer();
        TlsConfig config = ClientJsseHandshakeTest.config().build();
        connect(config, peer);
        // SunJSSE (JDK 17 and 25) issues a ticket, so the next hello offers it (RFC 5077 §3.4).
        assertThat(config.clientSessionCache().get(new ClientSessionCache.PeerKey(JssePeer.HOST, 443, JssePeer.HOST))
                .ticket()).isNotEmpty();
        Conversation second = connect(config, peer);
        assertThat(second.negotiated().resumed()).isTrue();
        second.exchange(1000, 3);
        Conversation third = connect(config, peer);
        assertThat(third.negotiated().resumed()).isTrue();
    }

    @Test
    void noResumptionWhenBothMechanismsAreOff() {
        JssePeer peer = new JssePeer();
        TlsConfig config = ClientJsseHandshakeTest.config().sessionTickets(false).sessionIdResumption(false).build();
        connect(config, peer);
        assertThat(connect(config, peer).negotiated().resumed()).isFalse();
    }

    @Test
    void anotherServerNameIsNotOfferedTheSession() {
        JssePeer peer = new JssePeer();
        TlsConfig config = ClientJsseHandshakeTest.config().sessionTickets(false).build();
        connect(config, peer);
        Conversation other = new Conversation(config, peer.serverEngine(), JssePeer.HOST, 8443).pump();
        assertThat(other.negotiated().resumed()).isFalse();
    }

    @Test
    void keyLogGetsOneLinePerFullHandshakeOnly() {
        List<byte[][]> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        JssePeer peer = new JssePeer();
        TlsConfig config = ClientJsseHandshakeTest.config().keyLog((random, secret) -> logged.add(new byte[][] {random, secret}))
                .build();
        Conversation first = connect(config, peer);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)[0]).hasSize(32);
        SessionEstablished established = (SessionEstablished) first.client.events().stream()
                .filter(e -> e instanceof SessionEstablished).findFirst().orElseThrow();
        assertThat(logged.get(0)[1]).isEqualTo(established.session().masterSecret());
        assertThat(connect(config, peer).negotiated().resumed()).isTrue();
        assertThat(logged).hasSize(1);
    }
}
