package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.CRYPTO;
import static dev.jtls.handshake.server.ServerConformanceTest.ecdheExtensions;
import static dev.jtls.handshake.server.ServerConformanceTest.encryptPremaster;
import static dev.jtls.handshake.server.ServerConformanceTest.premaster;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Alpn;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.message.ServerNameList;
import dev.jtls.message.SessionTicket;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertLevel;
import dev.jtls.record.ProtocolVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated handshake messages into a jtls server: whatever the bytes, the server either goes on or
 * fails with a {@code TlsAlertException} whose fatal alert is on the wire (ISSUE4.md: "every failure
 * after the first ClientHello is answered with a fatal alert"); nothing else escapes (an unchecked
 * exception here fails the test). Seeded, so a failure replays.
 */
class ServerFuzzTest {
    static final int ROUNDS = 1500;

    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        switch (r.nextInt(4)) {
            case 0: // flip a few bytes, the 4-byte header included
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return b;
            case 1: { // truncate, keeping the header's length honest
                byte[] t = Arrays.copyOf(b, 4 + r.nextInt(b.length - 4));
                ServerConformanceTest.setLength24(t);
                return t;
            }
            case 2: { // insert bytes in the body
                int at = 4 + r.nextInt(b.length - 4);
                byte[] extra = new byte[1 + r.nextInt(4)];
                r.nextBytes(extra);
                byte[] t = new byte[b.length + extra.length];
                System.arraycopy(b, 0, t, 0, at);
                System.arraycopy(extra, 0, t, at, extra.length);
                System.arraycopy(b, at, t, at + extra.length, b.length - at);
                ServerConformanceTest.setLength24(t);
                return t;
            }
            default: // a length field somewhere set to a random value
                int at = 4 + r.nextInt(b.length - 4);
                b[at] = (byte) r.nextInt(256);
                return b;
        }
    }

    static void assertAnsweredProperly(ScriptedClient c) {
        if (c.serverFailure != null) {
            assertThat(c.lastAlert()).as(c.serverFailure.toString())
                    .isEqualTo(Alert.fatal(c.serverFailure.description()));
            assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CLOSED);
        } else {
            assertThat(c.alerts).allMatch(a -> a.level() == AlertLevel.WARNING);
        }
    }

    @Test
    void mutatedClientHellos() {
        ClientHello base = new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), Bytes.of(new byte[32]),
                List.of(CipherSuiteId.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.code()),
                        CipherSuiteId.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.code()),
                        CipherSuiteId.TLS_EMPTY_RENEGOTIATION_INFO_SCSV),
                List.of(CompressionMethod.NULL),
                ecdheExtensions().serverName(ServerNameList.ofHostName("server.test")).alpn(Alpn.of("h2", "http/1.1"))
                        .sessionTicket(new SessionTicket(Bytes.of(new byte[60]))).extendedMasterSecret(true)
                        .encryptThenMac(true).build());
        byte[] valid = base.encodeWithHeader();
        Random r = new Random(0x5eed);
        int failed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            ScriptedClient c = sendHello(TlsConnection.server(SunJsseClientTest.serverConfig()
                    .clientAuth(ClientAuth.WANT).build()), mutate(valid, r));
            assertAnsweredProperly(c);
            failed += c.serverFailure != null ? 1 : 0;
        }
        // The mutations must reach both outcomes, or the test says little.
        assertThat(failed).isBetween(ROUNDS / 10, ROUNDS - ROUNDS / 10);
    }

    @Test
    void mutatedClientKeyExchangesAndCertificates() throws Exception {
        Random r = new Random(0xc0ffee);
        int failed = 0;
        for (int i = 0; i < ROUNDS / 3; i++) {
            boolean rsa = r.nextBoolean();
            CipherSuite suite = rsa ? CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256
                    : CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
            ScriptedClient c = sendHello(TlsConnection.server(SunJsseClientTest.serverConfig()
                    .clientAuth(ClientAuth.WANT).build()), ServerConformanceTest.hello(suite, ecdheExtensions().build())
                    .encodeWithHeader());
            byte[] cert = new Certificate(List.of(Bytes.of(SunJsseClientTest.CLIENT.certificate().getEncoded())))
                    .encodeWithHeader();
            byte[] cke = rsa
                    ? new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster(0x0303)))).encodeWithHeader()
                    : new EcdhClientKeyExchange(Bytes.of(CRYPTO.generateKeyShare(NamedGroup.X25519).publicKey()))
                    .encodeWithHeader();
            boolean mutateCert = r.nextInt(3) == 0;
            c.sendHandshake(mutateCert ? mutate(cert, r) : cert);
            if (c.serverFailure == null) {
                c.sendHandshake(mutateCert ? cke : mutate(cke, r));
            }
            assertAnsweredProperly(c);
            failed += c.serverFailure != null ? 1 : 0;
        }
        assertThat(failed).isPositive();
    }
}
