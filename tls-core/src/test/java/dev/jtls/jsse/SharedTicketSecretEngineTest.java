package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.session.TicketSecret;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.Test;

/**
 * Two jtls server SSLContexts (two instances of one server) given the same ticket secret through
 * {@link JtlsSSLSessionContext#setTicketSecret}: a client's ticket from one resumes on the other; with
 * different secrets the other ignores the ticket and does a full handshake, with no alert.
 */
class SharedTicketSecretEngineTest {
    private static final byte[] SECRET = secret();
    private static final byte[] OTHER = secret();

    private static byte[] secret() {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        return s;
    }

    private static SSLContext server(byte[] secret) {
        SSLContext s = TestPki.jtlsServer();
        ((JtlsSSLSessionContext) s.getServerSessionContext()).setTicketSecret(TicketSecret.of(secret));
        return s;
    }

    private static EngineLink link(SSLContext c, SSLContext s) throws Exception {
        EngineLink l = new EngineLink(c.createSSLEngine("localhost", 8443), s.createSSLEngine());
        l.run();
        assertThat(l.client.getHandshakeStatus()).isEqualTo(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
        assertThat(l.server.getSession().isValid()).isTrue();
        return l;
    }

    @Test
    void aTicketFromOneInstanceResumesOnAnotherWithTheSameSecret() throws Exception {
        SSLContext client = TestPki.jtlsClient();
        EngineLink first = link(client, server(SECRET));
        EngineLink second = link(client, server(SECRET));
        // RFC 5077 §3.4: the server echoes the client's session id when it accepts the ticket; no certificate.
        assertThat(second.client.getSession().getId()).isEqualTo(first.client.getSession().getId());
        assertThat(second.serverBytes()).isLessThan(first.serverBytes() - first.serverChainLength());
    }

    @Test
    void anotherSecretIgnoresTheTicketAndDoesAFullHandshake() throws Exception {
        SSLContext client = TestPki.jtlsClient();
        EngineLink first = link(client, server(SECRET));
        EngineLink second = link(client, server(OTHER));
        assertThat(second.client.getSession().getId()).isNotEqualTo(first.client.getSession().getId());
        assertThat(second.serverBytes()).isGreaterThan(first.serverChainLength());
        assertThat(second.client.isInboundDone()).isFalse();
        assertThat(second.server.isInboundDone()).isFalse();
    }

    @Test
    void onlyAServerSessionContextTakesASecret() {
        SSLContext client = TestPki.jtlsClient();
        assertThatThrownBy(() -> ((JtlsSSLSessionContext) client.getClientSessionContext())
                .setTicketSecret(TicketSecret.of(SECRET)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("getServerSessionContext");
    }
}
