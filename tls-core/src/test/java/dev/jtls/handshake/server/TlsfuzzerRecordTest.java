package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.CRYPTO;
import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.ecdheExtensions;
import static dev.jtls.handshake.server.ServerConformanceTest.encryptPremaster;
import static dev.jtls.handshake.server.ServerConformanceTest.finish;
import static dev.jtls.handshake.server.ServerConformanceTest.hello;
import static dev.jtls.handshake.server.ServerConformanceTest.master;
import static dev.jtls.handshake.server.ServerConformanceTest.premaster;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.server;
import static dev.jtls.handshake.server.ServerConformanceTest.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.handshake.CipherSuite;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.message.Bytes;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ContentType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protected records after the handshake, corrupted the ways tlsfuzzer corrupts them
 * (test-fuzzed-ciphertext.py, test-fuzzed-MAC.py, test-fuzzed-padding.py, test-aes-gcm-nonces.py,
 * test-chacha20.py, test-encrypt-then-mac.py, test-cve-2016-2107.py, test-cve-2016-7054.py): every
 * record that does not authenticate is bad_record_mac (RFC 5246 §6.2.3.2, §7.2.2; RFC 7366 §3), and
 * nothing else; the largest legal records (2^14 of plaintext) go through.
 */
class TlsfuzzerRecordTest {

    /** A negotiated protection: the suite and whether encrypt-then-MAC was asked for. */
    record Mode(CipherSuite suite, boolean etm) {
        @Override
        public String toString() {
            return suite + (etm ? "+ETM" : "");
        }
    }

    static Stream<Mode> modes() {
        return Stream.of(new Mode(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, false),
                new Mode(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, true),
                new Mode(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256, false),
                new Mode(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, false),
                new Mode(CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, false),
                new Mode(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, false),
                new Mode(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, true));
    }

    /** A client connected with {@code mode}. */
    static ScriptedClient connected(Mode mode) throws Exception {
        CipherSuite suite = mode.suite();
        ScriptedClient c = sendHello(server(), hello(suite, ecdheExtensions().extendedMasterSecret(true)
                .encryptThenMac(mode.etm()).build()).encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        MasterSecret m;
        if (suite.keyExchange() == CipherSuite.KeyExchange.ECDHE) {
            ServerKeyExchange ske = c.frame(12).body().readAll("ServerKeyExchange", ServerKeyExchange::decode);
            NamedGroup group = NamedGroup.fromCode(ske.group().code());
            KeyShare share = CRYPTO.generateKeyShare(group);
            c.sendHandshake(new EcdhClientKeyExchange(Bytes.of(share.publicKey())).encodeWithHeader());
            m = master(c, suite, share.agree(ske.publicKey().toByteArray()));
        } else {
            byte[] premaster = premaster(0x0303);
            c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
            m = master(c, suite, premaster);
        }
        finish(c, suite, m, false);
        assertThat(c.serverFailure).isNull();
        assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(serverHello(c).extensionsOrEmpty().encryptThenMac()).isEqualTo(mode.etm());
        return c;
    }

    static final byte[] GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** test-fuzzed-ciphertext.py / test-fuzzed-MAC.py: one byte changed anywhere after the header. */
    @ParameterizedTest
    @MethodSource("modes")
    void anyCorruptedByteIsBadRecordMac(Mode mode) throws Exception {
        int length = connected(mode).seal(ContentType.APPLICATION_DATA, GET).length;
        for (int pos = 5; pos < length; pos++) {
            for (int xor : new int[] {0x01, 0x80, 0xff}) {
                ScriptedClient c = connected(mode);
                byte[] rec = c.seal(ContentType.APPLICATION_DATA, GET);
                rec[pos] ^= (byte) xor;
                c.sendRaw(rec);
                assertFatal(c, AlertDescription.BAD_RECORD_MAC);
            }
        }
    }

    /** Truncated or extended records (header length kept honest): bad_record_mac, whatever the length. */
    @ParameterizedTest
    @MethodSource("modes")
    void truncatedOrExtendedRecordIsBadRecordMac(Mode mode) throws Exception {
        int length = connected(mode).seal(ContentType.APPLICATION_DATA, GET).length;
        for (int newLength = 5; newLength <= length + 33; newLength++) {
            if (newLength == length) {
                continue;
            }
            ScriptedClient c = connected(mode);
            byte[] rec = Arrays.copyOf(c.seal(ContentType.APPLICATION_DATA, GET), newLength);
            rec[3] = (byte) ((newLength - 5) >>> 8);
            rec[4] = (byte) (newLength - 5);
            c.sendRaw(rec);
            // Even an empty record: it cannot hold the MAC or tag, so nothing authenticates it.
            assertFatal(c, AlertDescription.BAD_RECORD_MAC);
        }
    }

    /** test-aes-gcm-nonces.py / CVE-2016-7054: a reused or changed explicit nonce, a replayed record. */
    @ParameterizedTest
    @MethodSource("modes")
    void replayedRecordIsBadRecordMac(Mode mode) throws Exception {
        ScriptedClient c = connected(mode);
        byte[] rec = c.seal(ContentType.APPLICATION_DATA, GET);
        c.sendRaw(rec);
        assertThat(c.serverFailure).isNull();
        c.sendRaw(rec); // same sequence number on our side, the next one on the server's
        assertFatal(c, AlertDescription.BAD_RECORD_MAC);
    }

    /** test-record-layer-fragmentation.py / test-large-hello.py: 2^14 bytes of data in one record are legal. */
    @ParameterizedTest
    @MethodSource("modes")
    void largestRecordIsAcceptedAndDataArrives(Mode mode) throws Exception {
        ScriptedClient c = connected(mode);
        byte[] data = new byte[1 << 14];
        Arrays.fill(data, (byte) 'a');
        byte[] rec = c.seal(ContentType.APPLICATION_DATA, data);
        assertThat(((rec[3] & 0xff) << 8) | (rec[4] & 0xff)).isLessThanOrEqualTo((1 << 14) + 2048)
                .isEqualTo(rec.length - 5);
        c.sendRaw(rec);
        assertThat(c.serverFailure).isNull();
        ByteBuffer got = ByteBuffer.allocate(1 << 15);
        c.server.read(got);
        assertThat(got.position()).isEqualTo(1 << 14);
    }

    /** RFC 5246 §6.2.3: a protected record longer than 2^14 + 2048 is record_overflow, before any decryption. */
    @ParameterizedTest
    @MethodSource("modes")
    void ciphertextOver2To14Plus2048IsRecordOverflow(Mode mode) throws Exception {
        ScriptedClient c = connected(mode);
        int length = (1 << 14) + 2049;
        byte[] rec = new byte[5 + length];
        rec[0] = 23;
        rec[1] = 3;
        rec[2] = 3;
        rec[3] = (byte) (length >>> 8);
        rec[4] = (byte) length;
        c.sendRaw(rec);
        assertFatal(c, AlertDescription.RECORD_OVERFLOW);
    }

    /** A protected record of exactly 2^14 + 2048 bytes is not an overflow: it fails authentication. */
    @ParameterizedTest
    @MethodSource("modes")
    void garbageCiphertextOfTheLargestLegalSizeIsBadRecordMac(Mode mode) throws Exception {
        ScriptedClient c = connected(mode);
        int length = (1 << 14) + 2048;
        byte[] rec = new byte[5 + length];
        rec[0] = 23;
        rec[1] = 3;
        rec[2] = 3;
        rec[3] = (byte) (length >>> 8);
        rec[4] = (byte) length;
        c.sendRaw(rec);
        assertFatal(c, AlertDescription.BAD_RECORD_MAC);
    }
}
