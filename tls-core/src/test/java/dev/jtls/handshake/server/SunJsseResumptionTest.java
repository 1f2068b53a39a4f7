package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.SunJsseClientTest.CA;
import static dev.jtls.handshake.server.SunJsseClientTest.CLIENT;
import static dev.jtls.handshake.server.SunJsseClientTest.client;
import static dev.jtls.handshake.server.SunJsseClientTest.exchange;
import static dev.jtls.handshake.server.SunJsseClientTest.handshake;
import static dev.jtls.handshake.server.SunJsseClientTest.negotiated;
import static dev.jtls.handshake.server.SunJsseClientTest.peerChain;
import static dev.jtls.handshake.server.SunJsseClientTest.serverConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.session.Session;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SunJSSE client ↔ jtls server: abbreviated handshakes by session id and by RFC 5077 ticket. */
class SunJsseResumptionTest {
    static {
        SunJsse.enableRsaKeyExchange();
    }

    enum Mode { SESSION_ID, TICKET }

    @ParameterizedTest(name = "{0} {1} clientAuth={2}")
    @CsvSource({
            "SESSION_ID, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NONE",
            "SESSION_ID, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, NONE",
            "SESSION_ID, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, NONE",
            "SESSION_ID, TLS_RSA_WITH_AES_128_GCM_SHA256, NONE",
            "SESSION_ID, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, NEED",
            "TICKET, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NONE",
            "TICKET, TLS_RSA_WITH_AES_256_CBC_SHA256, NONE",
            "TICKET, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, WANT",
    })
    void resumes(Mode mode, String suite, ClientAuth auth) throws Exception {
        TlsConfig config = serverConfig().clientAuth(auth)
                .sessionIdResumption(mode == Mode.SESSION_ID)
                .sessionTickets(mode == Mode.TICKET)
                .build();
        SSLContext ctx = auth == ClientAuth.NONE ? SunJsseClientTest.plainClient()
                : SunJsse.context(CA.certificate(), CLIENT, List.of(CLIENT.certificate(), CA.certificate()));

        TlsConnection first = TlsConnection.server(config);
        SSLEngine c1 = client(ctx, suite);
        handshake(c1, first);
        assertThat(negotiated(first).resumed()).isFalse();
        Session made = session(first);
        assertThat(made.extendedMasterSecret()).isTrue();
        if (mode == Mode.SESSION_ID) {
            assertThat(made.id()).hasSize(32).isEqualTo(c1.getSession().getId());
            assertThat(config.serverSessionCache().get(made.id())).isNotNull();
        } else {
            assertThat(config.serverSessionCache().size()).isZero();
        }
        exchange(new SunJsseClientTest.Session(c1, first), 5000);

        TlsConnection second = TlsConnection.server(config);
        SSLEngine c2 = client(ctx, suite);
        handshake(c2, second);
        Negotiated n = negotiated(second);
        assertThat(n.resumed()).isTrue();
        assertThat(n.suite().standardName()).isEqualTo(suite);
        assertThat(n.alpn()).isEqualTo("http/1.1");
        assertThat(c2.getApplicationProtocol()).isEqualTo("http/1.1");
        // SunJSSE took up the same session.
        assertThat(c2.getSession().getCreationTime()).isEqualTo(c1.getSession().getCreationTime());
        assertThat(session(second).cipherSuite()).isEqualTo(made.cipherSuite());
        if (auth != ClientAuth.NONE) {
            assertThat(peerChain(second)).containsExactly(CLIENT.certificate(), CA.certificate());
        }
        // No certificate or key exchange was sent this time.
        assertThat(second.events().stream().filter(e -> e instanceof Negotiated)).hasSize(1);
        exchange(new SunJsseClientTest.Session(c2, second), 70_000);
    }

    static Session session(TlsConnection c) {
        for (HandshakeEvent e : c.events()) {
            if (e instanceof SessionEstablished) {
                return ((SessionEstablished) e).session();
            }
        }
        throw new AssertionError("no SessionEstablished event");
    }
}
