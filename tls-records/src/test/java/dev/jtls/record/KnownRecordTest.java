package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Records checked against javax.crypto directly, independent of our backends' code. */
class KnownRecordTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aesGcmRecordIsSaltPlusExplicitSeqNonceWithRfc5246Aad() throws Exception {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] salt = HEX.parseHex("a0a1a2a3");
        long seq = 0x0102030405060708L;
        byte[] pt = "hello, record".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        // RFC 5288 §3: nonce = salt || seq; RFC 5246 §6.2.3.3: aad = seq || 23 || 03 03 || len
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, HEX.parseHex("a0a1a2a3" + "0102030405060708")));
        c.updateAAD(HEX.parseHex("0102030405060708" + "17" + "0303" + "000d"));
        byte[] ctTag = c.doFinal(pt);
        byte[] expected = RawRecords.concat(HEX.parseHex("170303" + String.format("%04x", 8 + ctTag.length)),
                HEX.parseHex("0102030405060708"), ctTag);

        for (CryptoProvider p : Suite.backends()) {
            RecordProtection out = AeadProtection.aesGcm(p.newAead(dev.jtls.crypto.AeadAlgorithm.AES_128_GCM, key), salt);
            byte[] record = Suite.seal(out, seq, ContentType.APPLICATION_DATA, pt, false);
            assertThat(HEX.formatHex(record)).as(p.name()).isEqualTo(HEX.formatHex(expected));
            RecordProtection in = AeadProtection.aesGcm(p.newAead(dev.jtls.crypto.AeadAlgorithm.AES_128_GCM, key), salt);
            assertThat(Suite.open(in, seq, expected, false)).isEqualTo(pt);
        }
    }

    @Test
    void chachaRecordUsesIvXorPaddedSeqAndNoExplicitNonce() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] iv = HEX.parseHex("000102030405060708090a0b");
        long seq = 0x1122334455667788L;
        byte[] pt = new byte[40];
        // RFC 7905 §2: nonce = iv XOR (00000000 || seq)
        byte[] nonce = HEX.parseHex("00010203" + "152735435d6f7d83");
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(HEX.parseHex("1122334455667788" + "16" + "0303" + "0028"));
        byte[] ctTag = c.doFinal(pt);
        byte[] expected = RawRecords.concat(HEX.parseHex("160303" + String.format("%04x", ctTag.length)), ctTag);
        for (CryptoProvider p : Suite.backends()) {
            RecordProtection out = AeadProtection.chacha20Poly1305(p.newAead(dev.jtls.crypto.AeadAlgorithm.CHACHA20_POLY1305, key), iv);
            assertThat(HEX.formatHex(Suite.seal(out, seq, ContentType.HANDSHAKE, pt, false))).isEqualTo(HEX.formatHex(expected));
        }
    }

    @Test
    void cbcMacThenEncryptRecordDecryptsWithJavaxToPlaintextMacPadding() throws Exception {
        for (Suite s : new Suite[] {Suite.AES_128_CBC_SHA, Suite.AES_256_CBC_SHA384, Suite.AES_128_CBC_SHA256_ETM}) {
            Random r = new Random(9);
            byte[] key = Suite.bytes(r, s.cbc.keyLength());
            byte[] macKey = Suite.bytes(r, s.mac.outputLength());
            String macName = "Hmac" + s.mac.jcaName().replace("-", "");
            for (CryptoProvider p : Suite.backends()) {
                RecordProtection out = s.make(p, 9);
                byte[] pt = Suite.bytes(r, 37);
                long seq = 42;
                byte[] record = Suite.seal(out, seq, ContentType.APPLICATION_DATA, pt, false);
                byte[] iv = Arrays.copyOfRange(record, 5, 21);
                Mac mac = Mac.getInstance(macName);
                mac.init(new SecretKeySpec(macKey, macName));
                Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                int macLength = s.mac.outputLength();
                if (s.etm) {
                    // RFC 7366 §3: MAC(seq || header || IV || ciphertext) at the end
                    int ivCtLength = record.length - 5 - macLength;
                    mac.update(ByteBuffer.allocate(13).putLong(seq).put((byte) 23).putShort((short) 0x0303)
                            .putShort((short) ivCtLength).array());
                    mac.update(record, 5, ivCtLength);
                    assertThat(Arrays.copyOfRange(record, record.length - macLength, record.length)).isEqualTo(mac.doFinal());
                    byte[] data = c.doFinal(record, 21, ivCtLength - 16);
                    int padLength = data[data.length - 1];
                    assertThat(Arrays.copyOf(data, data.length - padLength - 1)).isEqualTo(pt);
                } else {
                    byte[] data = c.doFinal(record, 21, record.length - 21);
                    int padLength = data[data.length - 1];
                    for (int i = 0; i <= padLength; i++) {
                        assertThat(data[data.length - 1 - i]).isEqualTo((byte) padLength);
                    }
                    assertThat(Arrays.copyOf(data, pt.length)).isEqualTo(pt);
                    mac.update(ByteBuffer.allocate(13).putLong(seq).put((byte) 23).putShort((short) 0x0303)
                            .putShort((short) pt.length).array());
                    mac.update(pt);
                    assertThat(Arrays.copyOfRange(data, pt.length, pt.length + macLength)).isEqualTo(mac.doFinal());
                    assertThat(data.length).isEqualTo(pt.length + macLength + padLength + 1);
                }
            }
        }
    }
}
