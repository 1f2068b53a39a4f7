package dev.jtls.record;

import java.nio.ByteBuffer;

/**
 * One direction's record protection (RFC 5246 §6.2.3): null, AEAD or CBC+HMAC. The sequence number
 * is passed in by the caller ({@link SequenceNumber}); framing lives apart ({@link RecordDeframer},
 * {@link RecordWriter}). Both methods work in place in the caller's buffer and allocate nothing.
 * Not thread-safe.
 *
 * <p>Buffer layout for {@link #seal}: the record starts at {@code buf.position()}; the plaintext
 * is at {@code [position + plaintextOffset(), limit)}; the capacity leaves at least
 * {@link #maxSuffixLength()} bytes after the limit.
 */
public sealed interface RecordProtection permits NullProtection, AeadProtection, CbcProtection {
    /** RFC 5246 §6.2.1: type(1) + version(2) + length(2). */
    int HEADER_LENGTH = 5;
    /** RFC 5246 §6.2.1: TLSPlaintext.length MUST NOT exceed 2^14. */
    int MAX_PLAINTEXT = 1 << 14;
    /** RFC 5246 §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048. */
    int MAX_CIPHERTEXT = MAX_PLAINTEXT + 2048;

    /** Bytes between the header and the (encrypted) plaintext: the explicit nonce or IV. */
    int explicitPrefixLength();

    /** Where the plaintext goes, counted from the start of the record. */
    default int plaintextOffset() {
        return HEADER_LENGTH + explicitPrefixLength();
    }

    /** The most bytes {@link #seal} adds after the plaintext (tag, or MAC plus padding). */
    int maxSuffixLength();

    /** The largest record body the read side accepts under this protection (checked from the header). */
    int maxRecordBodyLength();

    /**
     * Writes the record header and protects the plaintext in place. On return the position is
     * unchanged and the limit is the end of the record.
     *
     * @return the length of the whole record, header included
     */
    int seal(long seq, ContentType type, ByteBuffer buf);

    /**
     * Removes the protection of one whole record, header included, at {@code buf[position, limit)}
     * (the framing checks are already done). On return {@code buf[position, limit)} is the
     * plaintext.
     *
     * @return the plaintext length
     * @throws TlsAlertException bad_record_mac for any record that does not open, whatever the
     *                           reason; record_overflow for an authentic plaintext over 2^14
     */
    int open(long seq, ByteBuffer buf);

    static void writeHeader(ByteBuffer buf, int at, ContentType type, ProtocolVersion version, int length) {
        buf.put(at, (byte) type.code());
        buf.put(at + 1, (byte) version.major());
        buf.put(at + 2, (byte) version.minor());
        buf.put(at + 3, (byte) (length >>> 8));
        buf.put(at + 4, (byte) length);
    }

    /** seq_num(8) + type(1) + version(2) + length(2): the AEAD additional data and the HMAC prefix (RFC 5246 §6.2.3.1, §6.2.3.3). */
    static void writePseudoHeader(byte[] out, long seq, ByteBuffer record, int recordStart, int length) {
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (seq >>> (56 - 8 * i));
        }
        out[8] = record.get(recordStart);
        out[9] = record.get(recordStart + 1);
        out[10] = record.get(recordStart + 2);
        out[11] = (byte) (length >>> 8);
        out[12] = (byte) length;
    }

    static TlsAlertException badRecordMac() {
        return new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "record failed authentication");
    }

    static TlsAlertException overflow(int length) {
        return new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                "record plaintext of " + length + " bytes exceeds 2^14 (RFC 5246 §6.2.1)");
    }
}
