package dev.jtls.handshake.client;

import static dev.jtls.handshake.client.JtlsToJtlsTest.negotiated;
import static dev.jtls.handshake.client.JtlsToJtlsTest.pump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ISSUE4 "Sessions" and RFC 5246 §7.2.2: a fatal alert, sent or received, on a connection that made
 * or resumed a session removes it from the server cache (by id) and the client cache (by peer);
 * the next connection is a full handshake.
 */
class SessionInvalidationTest {

    private static TlsConnection[] connect(TlsConfig clientConfig, TlsConfig serverConfig) throws Exception {
        TlsConnection client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(serverConfig);
        pump(client, server, ByteBuffer.allocate(1 << 16), ByteBuffer.allocate(1 << 16));
        assertThat(client.failure()).isNull();
        assertThat(server.failure()).isNull();
        return new TlsConnection[] {client, server};
    }

    /** The server's record is damaged on the way: the client sends bad_record_mac, the server receives it. */
    private static void breakWithFatalAlert(TlsConnection client, TlsConnection server) {
        server.write(ByteBuffer.wrap(new byte[100]));
        ByteBuffer wire = ByteBuffer.allocate(1 << 12);
        server.takeOutgoing(wire);
        wire.put(wire.position() - 1, (byte) (wire.get(wire.position() - 1) ^ 1));
        wire.flip();
        assertThatThrownBy(() -> client.receive(wire)).isInstanceOf(TlsAlertException.class);
        ByteBuffer alert = ByteBuffer.allocate(1 << 12);
        client.takeOutgoing(alert);
        alert.flip();
        assertThatThrownBy(() -> server.receive(alert)).isInstanceOf(TlsAlertException.class);
        assertThat(client.failure().description()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(server.failure().description()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @ParameterizedTest(name = "fatal alert on connection #{0}")
    @ValueSource(ints = {0, 1})
    void fatalAlertOnAFreshOrResumedConnectionForcesAFullHandshake(int failing) throws Exception {
        TlsConfig serverConfig = JtlsToJtlsTest.server().sessionTickets(false).build();
        TlsConfig clientConfig = ClientJsseHandshakeTest.config().sessionTickets(false).build();
        for (int i = 0; i <= failing; i++) {
            TlsConnection[] c = connect(clientConfig, serverConfig);
            assertThat(negotiated(c[0]).resumed()).isEqualTo(i > 0);
            assertThat(negotiated(c[1]).resumed()).isEqualTo(i > 0);
            assertThat(serverConfig.serverSessionCache().size()).isEqualTo(1);
            assertThat(clientConfig.clientSessionCache().size()).isEqualTo(1);
            if (i == failing) {
                breakWithFatalAlert(c[0], c[1]);
            }
        }
        assertThat(serverConfig.serverSessionCache().size()).isZero();
        assertThat(clientConfig.clientSessionCache().size()).isZero();
        TlsConnection[] next = connect(clientConfig, serverConfig);
        assertThat(negotiated(next[0]).resumed()).isFalse();
        assertThat(negotiated(next[1]).resumed()).isFalse();
    }

    @ParameterizedTest(name = "server side only, fatal alert on connection #{0}")
    @ValueSource(ints = {0, 1})
    void theServerForgetsTheSessionEvenIfTheClientStillOffersIt(int failing) throws Exception {
        TlsConfig serverConfig = JtlsToJtlsTest.server().sessionTickets(false).build();
        TlsConfig clientConfig = ClientJsseHandshakeTest.config().sessionTickets(false).build();
        TlsConnection[] c = null;
        for (int i = 0; i <= failing; i++) {
            c = connect(clientConfig, serverConfig);
        }
        // Only the server learns of the failure (it sends the alert, which the client never reads).
        TlsConnection server = c[1];
        ByteBuffer junk = ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40});
        assertThatThrownBy(() -> server.receive(junk)).isInstanceOf(TlsAlertException.class);
        assertThat(serverConfig.serverSessionCache().size()).isZero();
        assertThat(clientConfig.clientSessionCache().size()).isEqualTo(1);
        TlsConnection[] next = connect(clientConfig, serverConfig);
        assertThat(negotiated(next[0]).resumed()).isFalse();
        assertThat(negotiated(next[1]).resumed()).isFalse();
    }

    /** The same with tickets only: a fatal alert revokes the session's tickets, whichever connection sent them. */
    @ParameterizedTest(name = "tickets, fatal alert on connection #{0}")
    @ValueSource(ints = {0, 1})
    void aFatalAlertRevokesTheSessionsTickets(int failing) throws Exception {
        TlsConfig serverConfig = JtlsToJtlsTest.server().sessionTickets(true).sessionIdResumption(false).build();
        TlsConfig clientConfig = ClientJsseHandshakeTest.config().sessionTickets(true).build();
        TlsConnection[] c = null;
        for (int i = 0; i <= failing; i++) {
            c = connect(clientConfig, serverConfig);
            assertThat(negotiated(c[1]).resumed()).isEqualTo(i > 0);
        }
        // Only the server learns of the failure; the client keeps its ticket and offers it again.
        TlsConnection server = c[1];
        ByteBuffer junk = ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40});
        assertThatThrownBy(() -> server.receive(junk)).isInstanceOf(TlsAlertException.class);
        assertThat(clientConfig.clientSessionCache().size()).isEqualTo(1);
        TlsConnection[] next = connect(clientConfig, serverConfig);
        assertThat(negotiated(next[0]).resumed()).isFalse();
        assertThat(negotiated(next[1]).resumed()).isFalse();
        // and the new session resumes as usual
        TlsConnection[] again = connect(clientConfig, serverConfig);
        assertThat(negotiated(again[1]).resumed()).isTrue();
    }
}
