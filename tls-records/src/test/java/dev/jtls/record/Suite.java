package dev.jtls.record;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/** The protections under test, built from deterministic keys, on a given backend. */
enum Suite {
    NULL(null, null, null, false),
    AES_128_GCM(AeadAlgorithm.AES_128_GCM, null, null, false),
    AES_256_GCM(AeadAlgorithm.AES_256_GCM, null, null, false),
    CHACHA20_POLY1305(AeadAlgorithm.CHACHA20_POLY1305, null, null, false),
    AES_128_CBC_SHA(null, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1, false),
    AES_128_CBC_SHA_ETM(null, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1, true),
    AES_128_CBC_SHA256(null, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA256, false),
    AES_128_CBC_SHA256_ETM(null, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA256, true),
    AES_256_CBC_SHA384(null, CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA384, false),
    AES_256_CBC_SHA384_ETM(null, CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA384, true);

    final AeadAlgorithm aead;
    final CbcAlgorithm cbc;
    final HashAlgorithm mac;
    final boolean etm;

    Suite(AeadAlgorithm aead, CbcAlgorithm cbc, HashAlgorithm mac, boolean etm) {
        this.aead = aead;
        this.cbc = cbc;
        this.mac = mac;
        this.etm = etm;
    }

    static List<CryptoProvider> backends() {
        return List.of(CryptoProviders.bouncyCastle(), CryptoProviders.jca());
    }

    boolean isCbc() {
        return cbc != null;
    }

    /** A protection keyed from {@code seed}: two calls with the same seed give the two ends of one direction. */
    RecordProtection make(CryptoProvider p, long seed) {
        Random r = new Random(seed);
        if (aead != null) {
            byte[] key = bytes(r, aead.keyLength());
            if (aead == AeadAlgorithm.CHACHA20_POLY1305) {
                return AeadProtection.chacha20Poly1305(p.newAead(aead, key), bytes(r, 12));
            }
            return AeadProtection.aesGcm(p.newAead(aead, key), bytes(r, 4));
        }
        if (cbc != null) {
            byte[] key = bytes(r, cbc.keyLength());
            byte[] macKey = bytes(r, mac.outputLength());
            return new CbcProtection(p.newCbc(cbc, key), p.newHmac(mac, macKey), etm, new SecureRandom());
        }
        return new NullProtection(ProtocolVersion.TLS1_2);
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Seals one record of {@code pt} and returns its wire bytes. */
    static byte[] seal(RecordProtection p, long seq, ContentType type, byte[] pt, boolean direct) {
        int cap = p.plaintextOffset() + pt.length + p.maxSuffixLength();
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(cap) : ByteBuffer.allocate(cap);
        buf.position(p.plaintextOffset());
        buf.put(pt);
        buf.flip();
        int n = p.seal(seq, type, buf);
        if (buf.position() != 0 || buf.limit() != n) {
            throw new AssertionError("seal left position " + buf.position() + " limit " + buf.limit() + " for " + n);
        }
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /** Opens one record and returns the plaintext. */
    static byte[] open(RecordProtection p, long seq, byte[] record, boolean direct) {
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(record.length + 3) : ByteBuffer.allocate(record.length + 3);
        buf.position(3); // not at offset 0, to catch absolute-index mistakes
        buf.put(record);
        buf.flip();
        buf.position(3);
        int n = p.open(seq, buf);
        if (buf.remaining() != n) {
            throw new AssertionError("open returned " + n + " but left " + buf.remaining());
        }
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }
}
