package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.connection.TlsConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5246 §7.2.1: close_notify in both directions, and an end of stream without it reported as truncation. */
class CloseAndTruncationTest {
    private static final byte[] DATA = "last words".getBytes(StandardCharsets.US_ASCII);

    private static TlsConnection[] connected() throws Exception {
        TlsConnection client = TlsConnection.client(ClientJsseHandshakeTest.config().build(), JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(JtlsToJtlsTest.server().build());
        JtlsToJtlsTest.pump(client, server, null, null);
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        return new TlsConnection[] {client, server};
    }

    @Test
    void closeNotifyInBothDirectionsEndsCleanlyAfterTheData() throws Exception {
        TlsConnection[] c = connected();
        TlsConnection client = c[0];
        TlsConnection server = c[1];
        server.write(ByteBuffer.wrap(DATA));
        server.close();
        assertThat(server.isOutboundDone()).isTrue();
        assertThat(server.isInboundDone()).isFalse();
        JtlsToJtlsTest.pump(client, server, null, null);

        // The client got the data, then the close_notify, and answered with its own.
        ByteBuffer got = ByteBuffer.allocate(64);
        client.read(got);
        assertThat(new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII)).isEqualTo("last words");
        assertThat(client.isInboundDone()).isTrue();
        assertThat(client.isOutboundDone()).isTrue();
        assertThat(client.isTruncated()).isFalse();
        assertThat(client.failure()).isNull();
        assertThat(server.isInboundDone()).isTrue();
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThatThrownBy(() -> client.write(ByteBuffer.wrap(DATA))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndOfStreamWithoutCloseNotifyIsATruncation() throws Exception {
        TlsConnection[] c = connected();
        TlsConnection client = c[0];
        TlsConnection server = c[1];
        server.write(ByteBuffer.wrap(DATA));
        JtlsToJtlsTest.pump(client, server, null, null);
        client.endOfInput();
        assertThat(client.isTruncated()).isTrue();
        assertThat(client.isInboundDone()).isTrue();
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        // The data that did arrive is still there to read; the application learns it may be incomplete.
        assertThat(client.readable()).isEqualTo(DATA.length);
    }

    @Test
    void aCloseNotifyInTheSameFlightAsTheFinishedStillCompletesTheHandshake() throws Exception {
        // OpenSSL's s_server does this when its input ends: Finished, then close_notify at once.
        TlsConnection client = TlsConnection.client(ClientJsseHandshakeTest.config().build(), JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(JtlsToJtlsTest.server().build());
        ByteBuffer wire = ByteBuffer.allocate(1 << 16);
        for (int round = 0; round < 10 && !server.isHandshakeComplete(); round++) {
            client.takeOutgoing(wire);
            wire.flip();
            server.receive(wire);
            wire.clear();
            if (!server.isHandshakeComplete()) {
                server.takeOutgoing(wire);
                wire.flip();
                client.receive(wire);
                wire.clear();
            }
        }
        assertThat(server.isHandshakeComplete()).isTrue();
        server.close();
        server.takeOutgoing(wire); // CCS, Finished and close_notify together
        wire.flip();
        client.receive(wire);
        assertThat(client.isHandshakeComplete()).isTrue();
        assertThat(client.failure()).isNull();
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThat(client.isTruncated()).isFalse();
    }

    @Test
    void anEndOfStreamAfterCloseNotifyIsNotATruncation() throws Exception {
        TlsConnection[] c = connected();
        c[1].close();
        JtlsToJtlsTest.pump(c[0], c[1], null, null);
        c[0].endOfInput();
        assertThat(c[0].isTruncated()).isFalse();
    }
}
