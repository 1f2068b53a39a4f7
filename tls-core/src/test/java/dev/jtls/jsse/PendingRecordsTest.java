package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.connection.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.handshake.client.ClientHandshake;
import dev.jtls.handshake.server.ServerHandshake;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's queue of protocol records between two sans-IO connections: every record of a full
 * handshake passes through it whole, and once the handshake is over and handed out it holds no
 * buffer (an idle engine keeps none), yet a later record (close_notify) still goes out whole.
 */
class PendingRecordsTest {
    private static final TlsConfig SERVER = TlsConfig.builder()
            .certifiedKey(new CertifiedKey(List.of(TestPki.SERVER_EC.certificate()), TestPki.SERVER_EC.privateKey()))
            .build();
    private static final TlsConfig CLIENT = TlsConfig.builder()
            .trust(new PinnedTrustVerifier(List.of(TestPki.CA.certificate()), Clock.systemUTC()))
            .build();

    /** Moves everything {@code from} has to send through its queue into {@code to}; returns the bytes moved. */
    private static int pass(TlsConnection from, PendingRecords q, TlsConnection to) {
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        q.takeFrom(from);
        int n = q.copyTo(net);
        assertThat(q.isEmpty()).as("a 64 KiB destination takes every pending record").isTrue();
        net.flip();
        to.receive(net);
        assertThat(net.hasRemaining()).as("only whole records are handed out").isFalse();
        return n;
    }

    @Test
    void anEstablishedConnectionsQueueHoldsNoBufferAndStillSendsLaterRecords() {
        TlsConnection client = ClientHandshake.connection(CLIENT, "localhost", 443);
        TlsConnection server = ServerHandshake.connection(SERVER);
        PendingRecords toServer = new PendingRecords();
        PendingRecords toClient = new PendingRecords();
        assertThat(toServer.holdsBuffer()).isTrue();
        int rounds = 0;
        while (!(client.isHandshakeComplete() && server.isHandshakeComplete()) && rounds++ < 10) {
            pass(client, toServer, server);
            assertThat(toServer.holdsBuffer()).as("the client's queue during its handshake").isTrue();
            pass(server, toClient, client);
        }
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        // The server's last flight (ChangeCipherSpec, Finished) was handed out: nothing is held.
        assertThat(toClient.holdsBuffer()).isFalse();
        // The client's last flight went before it was connected; the engine's next question lets the buffer go.
        assertThat(toServer.holdsBuffer()).isTrue();
        assertThat(toServer.isEmpty()).isTrue();
        assertThat(toServer.holdsBuffer()).isFalse();
        assertThat(pass(client, toServer, server)).isZero();
        assertThat(toServer.nextRecordLength()).isZero();

        client.close();
        assertThat(pass(client, toServer, server)).isPositive();
        assertThat(server.isInboundDone()).as("the server got the client's close_notify").isTrue();
        assertThat(toServer.holdsBuffer()).isFalse();
    }
}
