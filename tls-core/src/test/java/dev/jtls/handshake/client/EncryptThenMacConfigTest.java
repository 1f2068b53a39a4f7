package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.ClientHello;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.TicketKeys;
import dev.jtls.session.TicketSealer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TlsConfig.Builder#encryptThenMac(boolean)}: a client with it off does not offer
 * encrypt_then_mac, a server with it off does not accept it; what is negotiated is checked both in
 * the Negotiated event and on the wire (the record layout of RFC 7366 §3 vs RFC 5246 §6.2.3.2).
 */
class EncryptThenMacConfigTest {
    static final CipherSuite CBC = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;

    static TlsConfig.Builder client(boolean etm) {
        return ClientJsseHandshakeTest.config().cipherSuites(List.of(CBC)).encryptThenMac(etm);
    }

    static TlsConfig.Builder server(boolean etm) {
        return JtlsToJtlsTest.server().encryptThenMac(etm);
    }

    @Test
    void onByDefault() {
        assertThat(TlsConfig.builder().build().encryptThenMac()).isTrue();
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @CsvSource({"true, true", "false, true", "true, false", "false, false"})
    void negotiatedOnlyWhenBothSidesWantIt(boolean clientEtm, boolean serverEtm) throws Exception {
        TlsConfig clientConfig = client(clientEtm).build();
        ClientHello hello = ClientHandshake.clientHello(clientConfig, JssePeer.HOST, null);
        assertThat(hello.extensionsOrEmpty().encryptThenMac()).isEqualTo(clientEtm);

        TlsConnection client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(server(serverEtm).build());
        ByteBuffer cin = ByteBuffer.allocate(1 << 16);
        ByteBuffer sin = ByteBuffer.allocate(1 << 16);
        JtlsToJtlsTest.pump(client, server, cin, sin);
        assertThat(client.failure()).isNull();
        assertThat(server.failure()).isNull();
        boolean expected = clientEtm && serverEtm;
        assertThat(JtlsToJtlsTest.negotiated(client).suite()).isEqualTo(CBC);
        assertThat(JtlsToJtlsTest.negotiated(client).encryptThenMac()).isEqualTo(expected);
        assertThat(JtlsToJtlsTest.negotiated(server).encryptThenMac()).isEqualTo(expected);
        assertThat(session(client).encryptThenMac()).isEqualTo(expected);
        assertThat(session(server).encryptThenMac()).isEqualTo(expected);
        assertThat(oneRecord(client, server, 100)).isEqualTo(expected ? etmLength(100) : mteLength(100));
    }

    static dev.jtls.session.Session session(TlsConnection c) {
        for (dev.jtls.handshake.HandshakeEvent e : c.events()) {
            if (e instanceof dev.jtls.handshake.SessionEstablished s) {
                return s.session();
            }
        }
        throw new AssertionError("no SessionEstablished in " + c.events());
    }

    /** RFC 5246 §6.2.3.2: IV, then CBC(data ‖ HMAC-SHA1 ‖ padding ‖ padding_length). */
    static int mteLength(int n) {
        return 16 + roundUp16(n + 20 + 1);
    }

    /** RFC 7366 §3: IV, then CBC(data ‖ padding ‖ padding_length), then HMAC-SHA1 over it. */
    static int etmLength(int n) {
        return 16 + roundUp16(n + 1) + 20;
    }

    private static int roundUp16(int n) {
        return (n + 15) / 16 * 16;
    }

    /**
     * The client writes {@code n} bytes, which go out as one application_data record; the server
     * opens it and reads them. Returns the record's length field.
     */
    static int oneRecord(TlsConnection client, TlsConnection server, int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        client.write(ByteBuffer.wrap(data));
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        client.takeOutgoing(out);
        out.flip();
        assertThat(out.get(0)).as("content type").isEqualTo((byte) 23);
        int length = ((out.get(3) & 0xff) << 8) | (out.get(4) & 0xff);
        assertThat(out.remaining()).as("one record").isEqualTo(5 + length);
        server.receive(out);
        assertThat(server.failure()).isNull();
        ByteBuffer in = ByteBuffer.allocate(n + 1);
        server.read(in);
        assertThat(java.util.Arrays.copyOf(in.array(), in.position())).isEqualTo(data);
        return length;
    }

    /**
     * RFC 7366 §3.1: a session is resumed only with the record protection it was made with. Two
     * servers share one session cache and one ticket sealer; one accepts encrypt_then_mac and the
     * other does not. A session made on one is not resumed by the other (a full handshake makes a
     * new session instead), whatever the client offers; the same server resumes it.
     */
    @Test
    void aSessionIsResumedOnlyWithItsOwnRecordProtection() throws Exception {
        for (boolean tickets : new boolean[] {false, true}) {
            ServerSessionCache cache = new ServerSessionCache(Clock.systemUTC());
            dev.jtls.crypto.CryptoProvider crypto = dev.jtls.crypto.CryptoProviders.defaults();
            TicketSealer sealer = new TicketSealer(crypto,
                    new TicketKeys(crypto, Clock.systemUTC(), Duration.ofHours(1), 2), Clock.systemUTC());
            TlsConfig on = server(true).sessionTickets(tickets).serverSessionCache(cache).ticketSealer(sealer).build();
            TlsConfig off = server(false).sessionTickets(tickets).serverSessionCache(cache).ticketSealer(sealer).build();
            TlsConfig clientConfig = client(true).sessionTickets(tickets).build();
            String what = "tickets " + tickets;

            assertConnects(clientConfig, on, false, true, what + ": first, EtM");
            assertConnects(clientConfig, on, true, true, what + ": same server resumes with EtM");
            assertConnects(clientConfig, off, false, false, what + ": EtM session not resumed as MtE");
            assertConnects(clientConfig, off, true, false, what + ": the new MtE session resumes as MtE");
            assertConnects(clientConfig, on, false, true, what + ": MtE session not resumed as EtM");
        }
    }

    /** A client with encrypt_then_mac off does not offer a session made with it (RFC 7366 §3.1: no downgrade). */
    @Test
    void aClientWithoutEtmDoesNotOfferAnEtmSession() throws Exception {
        TlsConfig serverConfig = server(true).build();
        dev.jtls.session.ClientSessionCache sessions = new dev.jtls.session.ClientSessionCache(Clock.systemUTC());
        TlsConfig withEtm = client(true).clientSessionCache(sessions).build();
        TlsConfig withoutEtm = client(false).clientSessionCache(sessions).build();
        assertConnects(withEtm, serverConfig, false, true, "first, EtM");
        assertConnects(withoutEtm, serverConfig, false, false, "not offered without EtM");
        assertConnects(withoutEtm, serverConfig, true, false, "the MtE session resumes");
        assertConnects(withEtm, serverConfig, false, true, "the server does not resume MtE as EtM");
    }

    static void assertConnects(TlsConfig clientConfig, TlsConfig serverConfig, boolean resumed, boolean etm,
                               String what) throws Exception {
        TlsConnection client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(serverConfig);
        JtlsToJtlsTest.pump(client, server, ByteBuffer.allocate(1 << 16), null);
        assertThat(client.failure()).as(what).isNull();
        assertThat(server.failure()).as(what).isNull();
        assertThat(JtlsToJtlsTest.negotiated(client).resumed()).as(what + ": client resumed").isEqualTo(resumed);
        assertThat(JtlsToJtlsTest.negotiated(server).resumed()).as(what + ": server resumed").isEqualTo(resumed);
        assertThat(JtlsToJtlsTest.negotiated(client).encryptThenMac()).as(what + ": client EtM").isEqualTo(etm);
        assertThat(JtlsToJtlsTest.negotiated(server).encryptThenMac()).as(what + ": server EtM").isEqualTo(etm);
        assertThat(session(client).encryptThenMac()).as(what + ": client session").isEqualTo(etm);
        assertThat(session(server).encryptThenMac()).as(what + ": server session").isEqualTo(etm);
        assertThat(oneRecord(client, server, 50)).as(what + ": record").isEqualTo(etm ? etmLength(50) : mteLength(50));
    }

    /** SunJSSE has no RFC 7366: with either setting a jtls client and server talk CBC with it, MAC-then-encrypt. */
    @ParameterizedTest(name = "jtls EtM {0}")
    @CsvSource({"true", "false"})
    void sunJsseServerIsUnaffected(boolean etm) {
        Conversation c = new Conversation(client(etm).build(), JssePeer.HOST, ClientJsseHandshakeTest.PEER.serverEngine()).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.serverFailure).isNull();
        assertThat(c.server.getSession().getCipherSuite()).isEqualTo(CBC.standardName());
        assertThat(c.negotiated().encryptThenMac()).isFalse();
        c.exchange(16 * 1024 + 7, 7);
    }
}
