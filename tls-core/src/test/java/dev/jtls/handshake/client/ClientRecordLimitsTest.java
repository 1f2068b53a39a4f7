package dev.jtls.handshake.client;

import static dev.jtls.handshake.client.ClientNegativeJsseTest.assertAlert;
import static dev.jtls.handshake.client.ClientNegativeJsseTest.config;
import static dev.jtls.handshake.client.ClientNegativeJsseTest.rebuild;
import static dev.jtls.handshake.client.ClientNegativeJsseTest.run;
import static dev.jtls.handshake.client.ClientNegativeJsseTest.serverHello;
import static dev.jtls.handshake.client.ClientNegativeJsseTest.withExtensions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.MaxFragmentLength;
import dev.jtls.message.RecordSizeLimit;
import dev.jtls.record.AlertDescription;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client's side of max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449): offered
 * only when configured; the server's answer checked and, once agreed, honoured for what we send.
 */
class ClientRecordLimitsTest {
    private static final CipherSuite GCM = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    /** AES-GCM adds an 8-byte explicit nonce and a 16-byte tag (RFC 5288 §3). */
    private static final int GCM_OVERHEAD = 24;

    /** Moves every record between the two, checking each record body against a bound per direction. */
    private static void pump(TlsConnection client, TlsConnection server, int maxFromClient, int maxFromServer,
                             ByteBuffer cin, ByteBuffer sin) {
        for (int round = 0; round < 100_000; round++) {
            boolean progress = move(client, server, sin, maxFromClient, "client");
            progress |= move(server, client, cin, maxFromServer, "server");
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("no quiescence");
    }

    private static boolean move(TlsConnection from, TlsConnection to, ByteBuffer appIn, int max, String who) {
        ByteBuffer wire = ByteBuffer.allocate(1 << 22);
        if (from.takeOutgoing(wire) == 0) {
            return false;
        }
        wire.flip();
        for (int p = 0; p + 5 <= wire.limit(); ) {
            int len = ((wire.get(p + 3) & 0xff) << 8) | (wire.get(p + 4) & 0xff);
            assertThat(len).as(who + " record body").isLessThanOrEqualTo(max);
            p += 5 + len;
        }
        while (wire.hasRemaining()) {
            to.receive(wire);
            // Read what arrived, so that the connection's back-pressure lets it take the rest.
            to.read(appIn);
        }
        to.read(appIn);
        return true;
    }

    private static void exchange(TlsConfig clientConfig, int maxFromClient, int maxFromServer) {
        exchange(clientConfig, JtlsToJtlsTest.server().build(), maxFromClient, maxFromServer);
    }

    private static void exchange(TlsConfig clientConfig, TlsConfig serverConfig, int maxFromClient, int maxFromServer) {
        TlsConnection client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(serverConfig);
        ByteBuffer cin = ByteBuffer.allocate(1 << 20);
        ByteBuffer sin = ByteBuffer.allocate(1 << 20);
        pump(client, server, maxFromClient, maxFromServer, cin, sin);
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        byte[] up = new byte[100_000];
        byte[] down = new byte[100_000];
        new Random(1).nextBytes(up);
        new Random(2).nextBytes(down);
        client.write(ByteBuffer.wrap(up));
        server.write(ByteBuffer.wrap(down));
        pump(client, server, maxFromClient, maxFromServer, cin, sin);
        assertThat(java.util.Arrays.copyOf(sin.array(), sin.position())).isEqualTo(up);
        assertThat(java.util.Arrays.copyOf(cin.array(), cin.position())).isEqualTo(down);
    }

    @Test
    void maxFragmentLengthBindsBothDirections() {
        // RFC 6066 §4: once agreed, both ends fragment everything (handshake messages included).
        exchange(config(GCM).offerMaxFragmentLength(512).build(), 512 + GCM_OVERHEAD, 512 + GCM_OVERHEAD);
    }

    @Test
    void recordSizeLimitOfFullSizeChangesNothingAndConnects() {
        // RFC 8449 §4: we advertise TLS 1.2's maximum; the jtls server answers with the same.
        exchange(config(GCM).offerRecordSizeLimit(true).build(), (1 << 14) + GCM_OVERHEAD, (1 << 14) + GCM_OVERHEAD);
    }

    @Test
    void configuredRecordSizeLimitsBindBothDirections() {
        // RFC 8449 §4: each side advertises what it accepts and sends no more than the other's.
        exchange(config(GCM).offerRecordSizeLimit(true).recordSizeLimit(700).build(),
                JtlsToJtlsTest.server().recordSizeLimit(300).build(), 300 + GCM_OVERHEAD, 700 + GCM_OVERHEAD);
    }

    @Test
    void aServerRecordSizeLimitCapsWhatTheClientSends() {
        // The server's ServerHello is rewritten to ask for records of at most 100 plaintext bytes:
        // the client's ClientKeyExchange (RSA: 262 bytes) then goes in records within it (RFC 8449
        // §4; the rewrite breaks the Finished, which does not matter here).
        TlsConnection client = TlsConnection.client(config(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)
                .offerRecordSizeLimit(true).build(), JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(JtlsToJtlsTest.server().build());
        ServerFlightTamper tamper = serverHello(h -> withExtensions(h, rebuild(h.extensionsOrEmpty(),
                b -> b.recordSizeLimit(new RecordSizeLimit(100)))));
        ByteBuffer wire = ByteBuffer.allocate(1 << 16);
        client.takeOutgoing(wire);
        wire.flip();
        server.receive(wire);
        wire.clear();
        server.takeOutgoing(wire);
        wire.flip();
        client.receive(tamper.apply(wire));
        ByteBuffer flight = ByteBuffer.allocate(1 << 16);
        client.takeOutgoing(flight);
        flight.flip();
        int records = 0;
        for (int p = 0; p + 5 <= flight.limit(); records++) {
            int len = ((flight.get(p + 3) & 0xff) << 8) | (flight.get(p + 4) & 0xff);
            assertThat(len).isLessThanOrEqualTo(100 + GCM_OVERHEAD);
            p += 5 + len;
        }
        assertThat(records).as("ClientKeyExchange in 3 records, CCS, Finished").isGreaterThanOrEqualTo(5);
    }

    @Test
    void aDifferentMaxFragmentLengthIsIllegalParameter() {
        Conversation c = run(config(GCM).offerMaxFragmentLength(4096).build(),
                serverHello(h -> withExtensions(h, rebuild(h.extensionsOrEmpty(), b -> b.maxFragmentLength(new MaxFragmentLength(1))))));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void bothExtensionsFromTheServerAreIllegalParameter() {
        Conversation c = run(config(GCM).offerMaxFragmentLength(4096).offerRecordSizeLimit(true).build(),
                serverHello(h -> withExtensions(h, rebuild(h.extensionsOrEmpty(), b -> {
                    b.maxFragmentLength(new MaxFragmentLength(4));
                    b.recordSizeLimit(new RecordSizeLimit(1000));
                }))));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }
}
