package dev.jtls.record;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import java.nio.ByteBuffer;

/**
 * AEAD record protection (RFC 5246 §6.2.3.3). Two nonce constructions:
 * <ul>
 *   <li>AES-GCM (RFC 5288 §3): nonce = salt(4, from the key block) || explicit(8); the explicit
 *       part is sent before the ciphertext. We use the sequence number as the explicit part, so a
 *       nonce is never reused under a key.</li>
 *   <li>ChaCha20-Poly1305 (RFC 7905 §2): nonce = iv(12) XOR (0^4 || seq(8)); nothing explicit.</li>
 * </ul>
 * AAD = seq_num(8) + type(1) + version(2) + plaintext length(2). The nonce and AAD arrays are
 * reused, so a record costs no allocation.
 */
public final class AeadProtection implements RecordProtection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;

    private final Aead aead;
    private final byte[] fixedIv;
    private final int explicitLength;
    private final ProtocolVersion version;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[13];

    private AeadProtection(Aead aead, byte[] fixedIv, int explicitLength, ProtocolVersion version) {
        this.aead = aead;
        this.fixedIv = fixedIv.clone();
        this.explicitLength = explicitLength;
        this.version = version;
    }

    /** AES-GCM with the 4-byte implicit salt (client_write_IV / server_write_IV) from the key block. */
    public static AeadProtection aesGcm(Aead aead, byte[] salt) {
        if (aead.algorithm() == AeadAlgorithm.CHACHA20_POLY1305 || salt.length != 4) {
            throw new IllegalArgumentException("AES-GCM needs an AES-GCM Aead and a 4-byte salt");
        }
        return new AeadProtection(aead, salt, 8, ProtocolVersion.TLS1_2);
    }

    /** ChaCha20-Poly1305 with the 12-byte IV from the key block (RFC 7905 §2). */
    public static AeadProtection chacha20Poly1305(Aead aead, byte[] iv) {
        if (aead.algorithm() != AeadAlgorithm.CHACHA20_POLY1305 || iv.length != 12) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 needs its Aead and a 12-byte IV");
        }
        return new AeadProtection(aead, iv, 0, ProtocolVersion.TLS1_2);
    }

    @Override
    public int explicitPrefixLength() {
        return explicitLength;
    }

    @Override
    public int maxSuffixLength() {
        return TAG;
    }

    @Override
    public int maxRecordBodyLength() {
        // RFC 5246 §6.2.3: never more than 2^14 + 2048; an AEAD record is at most explicit + 2^14 + tag.
        return MAX_CIPHERTEXT;
    }

    private void makeNonce(long seq, ByteBuffer record, int explicitAt) {
        if (explicitLength == 0) {
            // RFC 7905 §2: the padded sequence number XORed with the 12-byte IV.
            for (int i = 0; i < 4; i++) {
                nonce[i] = fixedIv[i];
            }
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (fixedIv[4 + i] ^ (seq >>> (56 - 8 * i)));
            }
        } else {
            // RFC 5288 §3: salt || GCMNonce.nonce_explicit, taken from the record.
            System.arraycopy(fixedIv, 0, nonce, 0, 4);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = record.get(explicitAt + i);
            }
        }
    }

    /**
     * Writes the header and explicit nonce of a record of {@code ptLength} plaintext bytes at
     * {@code record[start]}, and sets up the nonce and AAD for it; returns the body length.
     */
    private int startSeal(long seq, ContentType type, ByteBuffer record, int start, int ptLength) {
        if (ptLength < 0 || ptLength > MAX_PLAINTEXT) {
            throw new IllegalStateException("plaintext of " + ptLength + " bytes does not fit a record");
        }
        int bodyLength = explicitLength + ptLength + TAG;
        RecordProtection.writeHeader(record, start, type, version, bodyLength);
        for (int i = 0; i < explicitLength; i++) {
            record.put(start + HEADER_LENGTH + i, (byte) (seq >>> (56 - 8 * i)));
        }
        makeNonce(seq, record, start + HEADER_LENGTH);
        RecordProtection.writePseudoHeader(aad, seq, record, start, ptLength);
        return bodyLength;
    }

    /**
     * Sets up the nonce and AAD for opening the whole record at {@code record[position, limit)};
     * returns its plaintext length.
     *
     * @throws TlsAlertException bad_record_mac if the record is too short to hold a tag
     */
    private int startOpen(long seq, ByteBuffer record) {
        int start = record.position();
        int ptLength = record.limit() - start - HEADER_LENGTH - explicitLength - TAG;
        if (ptLength < 0) {
            throw RecordProtection.badRecordMac();
        }
        makeNonce(seq, record, start + HEADER_LENGTH);
        RecordProtection.writePseudoHeader(aad, seq, record, start, ptLength);
        return ptLength;
    }

    @Override
    public int seal(long seq, ContentType type, ByteBuffer buf) {
        int start = buf.position();
        int ptStart = start + HEADER_LENGTH + explicitLength;
        int ptLength = buf.limit() - ptStart;
        int bodyLength = startSeal(seq, type, buf, start, ptLength);
        buf.position(ptStart);
        aead.seal(nonce, aad, buf);
        buf.position(start);
        buf.limit(ptStart + ptLength + TAG);
        return HEADER_LENGTH + bodyLength;
    }

    @Override
    public int open(long seq, ByteBuffer buf) {
        int ptLength = startOpen(seq, buf);
        int ctStart = buf.position() + HEADER_LENGTH + explicitLength;
        buf.position(ctStart);
        if (!aead.open(nonce, aad, buf)) {
            throw RecordProtection.badRecordMac();
        }
        if (ptLength > MAX_PLAINTEXT) {
            throw RecordProtection.overflow(ptLength);
        }
        buf.position(ctStart);
        buf.limit(ctStart + ptLength);
        return ptLength;
    }

    /** Encrypts from {@code src} straight into {@code dst}: no copy of the plaintext first. */
    @Override
    public int seal(long seq, ContentType type, ByteBuffer src, int length, ByteBuffer dst) {
        if (length < 0 || length > MAX_PLAINTEXT || length > src.remaining()) {
            throw new IllegalStateException("plaintext of " + length + " bytes does not fit a record");
        }
        int start = dst.position();
        if (dst.remaining() < HEADER_LENGTH + explicitLength + length + TAG) {
            throw new IllegalArgumentException("no room for a record of " + (HEADER_LENGTH + explicitLength + length + TAG) + " bytes");
        }
        int bodyLength = startSeal(seq, type, dst, start, length);
        int srcLimit = src.limit();
        src.limit(src.position() + length);
        dst.position(start + HEADER_LENGTH + explicitLength);
        aead.seal(nonce, aad, src, dst);
        src.limit(srcLimit);
        return HEADER_LENGTH + bodyLength;
    }

    @Override
    public int maxPlaintextLength(int bodyLength) {
        return Math.max(0, bodyLength - explicitLength - TAG);
    }

    /** Decrypts from the record straight into {@code dst}: no copy of the plaintext after. */
    @Override
    public int open(long seq, ByteBuffer record, ByteBuffer dst) {
        int ptLength = startOpen(seq, record);
        if (dst.remaining() < ptLength) {
            throw new IllegalArgumentException("no room for " + ptLength + " bytes of plaintext");
        }
        int dstStart = dst.position();
        record.position(record.position() + HEADER_LENGTH + explicitLength);
        if (!aead.open(nonce, aad, record, dst)) {
            throw RecordProtection.badRecordMac();
        }
        if (ptLength > MAX_PLAINTEXT) {
            dst.position(dstStart);
            throw RecordProtection.overflow(ptLength);
        }
        return ptLength;
    }
}
