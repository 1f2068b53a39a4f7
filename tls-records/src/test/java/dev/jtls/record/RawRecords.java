package dev.jtls.record;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcCipher;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.Hmac;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Builds protected records by hand from the raw primitives, with the keys {@link Suite#make}
 * derives from the same seed: for records seal() will not make (oversized, odd padding).
 */
final class RawRecords {
    private RawRecords() {
    }

    static byte[] pseudoHeader(long seq, int type, int length) {
        ByteBuffer b = ByteBuffer.allocate(13);
        b.putLong(seq).put((byte) type).put((byte) 3).put((byte) 3).putShort((short) length);
        return b.array();
    }

    static byte[] header(int type, int length) {
        return new byte[] {(byte) type, 3, 3, (byte) (length >>> 8), (byte) length};
    }

    static byte[] aead(Suite s, CryptoProvider p, long seed, long seq, int type, byte[] pt) {
        Random r = new Random(seed);
        byte[] key = Suite.bytes(r, s.aead.keyLength());
        Aead aead = p.newAead(s.aead, key);
        byte[] nonce = new byte[12];
        byte[] explicit = new byte[0];
        if (s.aead == AeadAlgorithm.CHACHA20_POLY1305) {
            byte[] iv = Suite.bytes(r, 12);
            for (int i = 0; i < 12; i++) {
                nonce[i] = (byte) (iv[i] ^ (i < 4 ? 0 : seq >>> (8 * (11 - i))));
            }
        } else {
            byte[] salt = Suite.bytes(r, 4);
            explicit = ByteBuffer.allocate(8).putLong(seq).array();
            System.arraycopy(salt, 0, nonce, 0, 4);
            System.arraycopy(explicit, 0, nonce, 4, 8);
        }
        ByteBuffer buf = ByteBuffer.allocate(pt.length + 16);
        buf.put(pt).flip();
        aead.seal(nonce, pseudoHeader(seq, type, pt.length), buf);
        byte[] ct = new byte[buf.remaining()];
        buf.get(ct);
        return concat(header(type, explicit.length + ct.length), explicit, ct);
    }

    static byte[] minimalPadding(Suite s, int ptLength) {
        int covered = ptLength + (s.etm ? 0 : s.mac.outputLength());
        int padLength = 15 - (covered % 16);
        byte[] pad = new byte[padLength + 1];
        Arrays.fill(pad, (byte) padLength);
        return pad;
    }

    /** A CBC record with the given padding bytes (the last is padding_length) and a correct MAC. */
    static byte[] cbc(Suite s, CryptoProvider p, long seed, long seq, int type, byte[] pt, byte[] padding) {
        Random r = new Random(seed);
        CbcCipher cipher = p.newCbc(s.cbc, Suite.bytes(r, s.cbc.keyLength()));
        Hmac hmac = p.newHmac(s.mac, Suite.bytes(r, s.mac.outputLength()));
        byte[] iv = Suite.bytes(new Random(seq), 16);
        if (s.etm) {
            byte[] ct = encrypt(cipher, iv, concat(pt, padding));
            byte[] ivCt = concat(iv, ct);
            hmac.update(pseudoHeader(seq, type, ivCt.length));
            hmac.update(ivCt);
            byte[] mac = hmac.doFinal();
            return concat(header(type, ivCt.length + mac.length), ivCt, mac);
        }
        hmac.update(pseudoHeader(seq, type, pt.length));
        hmac.update(pt);
        byte[] mac = hmac.doFinal();
        byte[] ct = encrypt(cipher, iv, concat(pt, mac, padding));
        return concat(header(type, iv.length + ct.length), iv, ct);
    }

    private static byte[] encrypt(CbcCipher cipher, byte[] iv, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data.clone());
        cipher.encrypt(iv, b);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
