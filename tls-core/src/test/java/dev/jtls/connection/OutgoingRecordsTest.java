package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.ContentType;
import dev.jtls.testing.TestCerts;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an SSLEngine needs from the connection to move whole records only: the records waiting to
 * be sent, handed out whole and only while they fit ({@link TlsConnection#takeOutgoingRecords}), and
 * the size and type of the next received record read from its header.
 */
class OutgoingRecordsTest {
    private static final TestCerts.Issued CA = TestCerts.ca("outgoing records CA", TestCerts.Kind.EC_P256);
    private static final TestCerts.Issued LEAF = TestCerts.leaf(CA, "localhost", TestCerts.Kind.EC_P256, List.of("localhost"));
    private static final TlsConfig SERVER = TlsConfig.builder()
            .certifiedKey(new CertifiedKey(List.of(LEAF.certificate()), LEAF.privateKey())).build();
    private static final TlsConfig CLIENT = TlsConfig.builder()
            .trust(new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC())).build();

    /**
     * Moves what {@code from} has to send into {@code to} one record at a time through destinations
     * one byte too small and then just big enough; returns the number of records.
     */
    private static int passRecordByRecord(TlsConnection from, TlsConnection to) {
        int records = 0;
        while (from.hasOutgoing()) {
            int next = from.nextOutgoingRecordLength();
            assertThat(next).isGreaterThan(5);
            assertThat(from.takeOutgoingRecords(ByteBuffer.allocate(next - 1))).as("never part of a record").isZero();
            ByteBuffer net = ByteBuffer.allocate(next);
            assertThat(from.takeOutgoingRecords(net)).isEqualTo(next);
            net.flip();
            assertThat(to.nextRecordLength(net)).isEqualTo(next);
            assertThat(to.nextRecordType(net)).isNotNull();
            to.receive(net);
            assertThat(net.hasRemaining()).isFalse();
            records++;
        }
        return records;
    }

    @Test
    void aFullHandshakeGoesOutInWholeRecordsThatFit() {
        TlsConnection client = TlsConnection.client(CLIENT, "localhost", 443);
        TlsConnection server = TlsConnection.server(SERVER);
        int records = 0;
        for (int round = 0; round < 10 && !(client.isHandshakeComplete() && server.isHandshakeComplete()); round++) {
            records += passRecordByRecord(client, server);
            records += passRecordByRecord(server, client);
        }
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        // ClientHello; ServerHello..ServerHelloDone; ClientKeyExchange, CCS, Finished; CCS, Finished (at least).
        assertThat(records).isGreaterThanOrEqualTo(6);
        assertThat(client.nextOutgoingRecordLength()).isZero();

        // A later record (close_notify) goes out whole too.
        client.close();
        ByteBuffer net = ByteBuffer.allocate(1 << 14);
        assertThat(client.takeOutgoingRecords(net)).isPositive();
        net.flip();
        assertThat(server.nextRecordType(net)).isEqualTo(ContentType.ALERT);
        server.receive(net);
        assertThat(server.isInboundDone()).isTrue();
    }

    @Test
    void theNextRecordsHeaderIsReadWithoutConsumingIt() {
        TlsConnection c = TlsConnection.server(SERVER);
        ByteBuffer partial = ByteBuffer.wrap(new byte[] {22, 3, 3, 0});
        assertThat(c.nextRecordLength(partial)).isEqualTo(-1);
        assertThat(c.nextRecordType(partial)).isNull();
        ByteBuffer handshake = ByteBuffer.wrap(new byte[] {22, 3, 3, 0x01, 0x00, 1, 2});
        assertThat(c.nextRecordLength(handshake)).isEqualTo(5 + 256);
        assertThat(c.nextRecordType(handshake)).isEqualTo(ContentType.HANDSHAKE);
        assertThat(handshake.position()).isZero();
        // Headers no TLS 1.2 record has count as their 5 bytes: receive refuses them with an alert.
        assertThat(c.nextRecordLength(ByteBuffer.wrap(new byte[] {99, 3, 3, 0, 1}))).isEqualTo(5);
        assertThat(c.nextRecordType(ByteBuffer.wrap(new byte[] {99, 3, 3, 0, 1}))).isNull();
        assertThat(c.nextRecordLength(ByteBuffer.wrap(new byte[] {23, 2, 0, 0, 1}))).isEqualTo(5);
        assertThat(c.nextRecordLength(ByteBuffer.wrap(new byte[] {23, 3, 3, (byte) 0x48, 1}))).isEqualTo(5);
    }
}
