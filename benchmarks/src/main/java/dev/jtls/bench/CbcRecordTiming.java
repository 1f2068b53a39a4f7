package dev.jtls.bench;

import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.record.CbcProtection;
import dev.jtls.record.ContentType;
import dev.jtls.record.HandshakeReassembler;
import dev.jtls.record.RecordReader;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CBC records in the manner of Lucky 13: the time the record layer's receive path (deframe, open,
 * the length checks) takes for a good record, a bad MAC and a bad padding at several padding
 * lengths, all of one ciphertext length, MAC-then-encrypt (RFC 5246 §6.2.3.2) or encrypt-then-MAC
 * (RFC 7366). Records are made here with the JDK's AES-CBC and HMAC, so a bad padding can carry
 * any length byte; jtls opens them.
 */
final class CbcRecordTiming {
    private static final int MAC = 32; // HMAC-SHA256
    private static final int BODY_BLOCKS = 32; // 512 bytes of CBC ciphertext after the IV

    /** One record class: its name and its bytes. */
    record Kind(String name, byte[] record) {
    }

    private final boolean encryptThenMac;
    private final byte[] encKey = new byte[16];
    private final byte[] macKey = new byte[MAC];
    private final CryptoProvider crypto = CryptoProviders.defaults();
    final List<Kind> kinds = new ArrayList<>();

    CbcRecordTiming(boolean encryptThenMac, long seed) throws GeneralSecurityException {
        this.encryptThenMac = encryptThenMac;
        java.util.Random r = new java.util.Random(seed);
        r.nextBytes(encKey);
        r.nextBytes(macKey);
        int[] paddings = {0, 15, 127, 255};
        // The baseline first: a good record with the shortest padding.
        for (int pad : paddings) {
            kinds.add(new Kind("good, padding " + pad, record(pad, Flaw.NONE)));
        }
        for (int pad : paddings) {
            kinds.add(new Kind("bad MAC, padding " + pad, record(pad, Flaw.MAC)));
        }
        for (int pad : new int[] {15, 127, 255}) {
            kinds.add(new Kind("bad padding, length byte " + pad, record(pad, Flaw.PADDING)));
        }
    }

    private enum Flaw { NONE, MAC, PADDING }

    /** The time to receive one record of {@code kind} on a fresh read state, in nanoseconds. */
    long time(Kind kind) {
        RecordReader reader = new RecordReader(new HandshakeReassembler(1 << 16));
        reader.changeProtection(new CbcProtection(crypto.newCbc(CbcAlgorithm.AES_128_CBC, encKey),
                crypto.newHmac(HashAlgorithm.SHA256, macKey), encryptThenMac, new SecureRandom()));
        reader.deframer().expectVersion(dev.jtls.record.ProtocolVersion.TLS1_2);
        ByteBuffer src = ByteBuffer.wrap(kind.record());
        long t0 = System.nanoTime();
        try {
            reader.feed(src);
            reader.next();
        } catch (TlsAlertException e) {
            // bad_record_mac, whatever was wrong (RFC 5246 §6.2.3.2)
        }
        return System.nanoTime() - t0;
    }

    /** A record of BODY_BLOCKS blocks of ciphertext whose padding length byte is {@code pad}. */
    private byte[] record(int pad, Flaw flaw) throws GeneralSecurityException {
        int plaintextLength = BODY_BLOCKS * 16;
        byte[] iv = new byte[16];
        new java.util.Random(pad * 31L + flaw.ordinal()).nextBytes(iv);
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
        byte[] p = new byte[plaintextLength];
        int dataLength = encryptThenMac ? plaintextLength - pad - 1 : plaintextLength - pad - 1 - MAC;
        for (int i = 0; i < dataLength; i++) {
            p[i] = (byte) i;
        }
        for (int i = plaintextLength - pad - 1; i < plaintextLength; i++) {
            p[i] = (byte) pad;
        }
        if (flaw == Flaw.PADDING) {
            p[plaintextLength - pad - 1] ^= 1; // the first padding byte is wrong; the length byte still says pad
        }
        int bodyLength = 16 + plaintextLength + (encryptThenMac ? MAC : 0);
        byte[] header = {23, 3, 3, (byte) (bodyLength >>> 8), (byte) bodyLength};
        if (!encryptThenMac) {
            // RFC 5246 §6.2.3.1: MAC(seq_num + type + version + length + content)
            hmac.update(new byte[8]);
            hmac.update(new byte[] {23, 3, 3, (byte) (dataLength >>> 8), (byte) dataLength});
            hmac.update(p, 0, dataLength);
            byte[] mac = hmac.doFinal();
            if (flaw == Flaw.MAC) {
                mac[0] ^= 1;
            }
            System.arraycopy(mac, 0, p, dataLength, MAC);
        }
        byte[] c = aes.doFinal(p);
        ByteBuffer out = ByteBuffer.allocate(5 + bodyLength);
        out.put(header).put(iv).put(c);
        if (encryptThenMac) {
            // RFC 7366 §3: MAC(seq_num + type + version + length + IV + ENC(content + padding))
            int macedLength = 16 + c.length;
            hmac.update(new byte[8]);
            hmac.update(new byte[] {23, 3, 3, (byte) (macedLength >>> 8), (byte) macedLength});
            hmac.update(iv);
            hmac.update(c);
            byte[] mac = hmac.doFinal();
            if (flaw == Flaw.MAC) {
                mac[0] ^= 1;
            }
            out.put(mac);
        }
        return out.array();
    }

    /** Checks the records open as their class says (good ones to data, the others to bad_record_mac). */
    void selfCheck() {
        for (Kind k : kinds) {
            RecordReader reader = new RecordReader(new HandshakeReassembler(1 << 16));
            reader.changeProtection(new CbcProtection(crypto.newCbc(CbcAlgorithm.AES_128_CBC, encKey),
                    crypto.newHmac(HashAlgorithm.SHA256, macKey), encryptThenMac, new SecureRandom()));
            boolean opened;
            try {
                reader.feed(ByteBuffer.wrap(k.record()));
                opened = reader.next() == ContentType.APPLICATION_DATA;
            } catch (TlsAlertException e) {
                opened = false;
            }
            if (opened != k.name().startsWith("good")) {
                throw new IllegalStateException("record class '" + k.name() + "' opened: " + opened);
            }
        }
    }
}
