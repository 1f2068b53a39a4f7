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
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
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
        return connectedWithKeys(mode).c();
    }

    /** A connected client and the key block both sides derived. */
    record Keyed(ScriptedClient c, KeyBlock keys) {
    }

    static Keyed connectedWithKeys(Mode mode) throws Exception {
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
        return new Keyed(c, m.keyBlock(ServerConformanceTest.clientRandom(c), serverHello(c).random().toByteArray()));
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

    // ---- test-fuzzed-plaintext.py / test-record-size-limit.py "too large record in TLS 1.2"

    static final Mode CBC = new Mode(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, false);

    /** A CBC record (MAC-then-encrypt) whose whole encrypted plaintext is {@code inner}, under the client's key. */
    static byte[] cbcRecord(KeyBlock keys, int type, byte[] inner) throws Exception {
        byte[] iv = new byte[16];
        CRYPTO.random().nextBytes(iv);
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(keys.encryptionKey(Side.CLIENT), "AES"),
                new javax.crypto.spec.IvParameterSpec(iv));
        byte[] ct = aes.doFinal(inner);
        byte[] rec = new byte[5 + 16 + ct.length];
        rec[0] = (byte) type;
        rec[1] = 3;
        rec[2] = 3;
        rec[3] = (byte) ((16 + ct.length) >>> 8);
        rec[4] = (byte) (16 + ct.length);
        System.arraycopy(iv, 0, rec, 5, 16);
        System.arraycopy(ct, 0, rec, 21, ct.length);
        return rec;
    }

    /**
     * "encrypted Application Data plaintext of ...": whole blocks of one repeated byte (every value,
     * lengths 16..256) decrypted where MAC and padding should be. No MAC can match: bad_record_mac,
     * whatever the last byte claims as padding.
     */
    @org.junit.jupiter.api.Test
    void arbitraryCbcPlaintextIsBadRecordMac() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int length = 16; length <= 256; length += 16) {
            for (int value = 0; value < 256; value += (length == 16 || length == 256) ? 1 : 51) {
                for (int type : new int[] {23, 22}) {
                    Keyed k = connectedWithKeys(CBC);
                    byte[] inner = new byte[length];
                    Arrays.fill(inner, (byte) value);
                    k.c().sendRaw(cbcRecord(k.keys(), type, inner));
                    assertFatal(k.c(), AlertDescription.BAD_RECORD_MAC);
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            Keyed k = connectedWithKeys(CBC);
            byte[] inner = new byte[16 * (1 + random.nextInt(1 << 10))];
            random.nextBytes(inner);
            k.c().sendRaw(cbcRecord(k.keys(), 23, inner));
            assertFatal(k.c(), AlertDescription.BAD_RECORD_MAC);
        }
    }

    /**
     * A record that authenticates but holds 2^14 + 1 bytes of plaintext: record_overflow (RFC 5246
     * §6.2.1 and §7.2.2; tlsfuzzer test-record-size-limit.py "too large record in TLS 1.2").
     */
    @org.junit.jupiter.api.Test
    void authenticPlaintextOver2To14IsRecordOverflow() throws Exception {
        // The control: the same construction with 2^14 bytes is accepted and delivered.
        Keyed ok = connectedWithKeys(CBC);
        byte[] most = new byte[1 << 14];
        Arrays.fill(most, (byte) 'A');
        ok.c().sendRaw(macThenEncrypt(ok, most));
        assertThat(ok.c().serverFailure).isNull();
        assertThat(ok.c().server.readable()).isEqualTo(1 << 14);

        Keyed k = connectedWithKeys(CBC);
        byte[] data = new byte[(1 << 14) + 1];
        Arrays.fill(data, (byte) 'A');
        byte[] rec = macThenEncrypt(k, data);
        assertThat(rec.length - 5).isLessThanOrEqualTo((1 << 14) + 2048);
        k.c().sendRaw(rec);
        assertFatal(k.c(), AlertDescription.RECORD_OVERFLOW);
    }

    /**
     * test-atypical-padding.py: RFC 5246 §6.2.3.2 allows any padding length up to 255 that makes whole
     * blocks; the server must accept the longest, and every length in between.
     */
    @org.junit.jupiter.api.Test
    void longPaddingIsAccepted() throws Exception {
        for (int extraBlocks = 0; extraBlocks <= 15; extraBlocks += 5) {
            Keyed k = connectedWithKeys(CBC);
            byte[] data = "GET / HTTP/1.0\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            k.c().sendRaw(macThenEncrypt(k, data, extraBlocks));
            assertThat(k.c().serverFailure).isNull();
            assertThat(k.c().server.readable()).isEqualTo(data.length);
        }
    }

    /** An application-data record for AES-128-CBC-SHA as RFC 5246 §6.2.3.2 builds it, whatever the length. */
    static byte[] macThenEncrypt(Keyed k, byte[] data) throws Exception {
        return macThenEncrypt(k, data, 0);
    }

    /** As {@link #macThenEncrypt(Keyed, byte[])}, with {@code extraBlocks} more blocks of padding (at most 255 bytes in all). */
    static byte[] macThenEncrypt(Keyed k, byte[] data, int extraBlocks) throws Exception {
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA1");
        hmac.init(new javax.crypto.spec.SecretKeySpec(k.keys().macKey(Side.CLIENT), "HmacSHA1"));
        ByteBuffer pseudo = ByteBuffer.allocate(13).putLong(k.c().nextWriteSequence()).put((byte) 23)
                .put((byte) 3).put((byte) 3).putShort((short) data.length);
        hmac.update(pseudo.array());
        byte[] mac = hmac.doFinal(data);
        int unpadded = data.length + mac.length + 1;
        int padLength = (16 - unpadded % 16) % 16 + 16 * extraBlocks;
        assertThat(padLength).isLessThanOrEqualTo(255);
        byte[] inner = new byte[unpadded + padLength];
        System.arraycopy(data, 0, inner, 0, data.length);
        System.arraycopy(mac, 0, inner, data.length, mac.length);
        Arrays.fill(inner, data.length + mac.length, inner.length, (byte) padLength);
        return cbcRecord(k.keys(), 23, inner);
    }
}
