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

    /**
     * Seals {@code length} bytes of {@code src}, from its position, as one record written at
     * {@code dst}'s position, which must have room for {@code plaintextOffset() + length +
     * maxSuffixLength()} bytes. On return {@code src} has moved past the plaintext and {@code dst}
     * past the record. The buffers must not overlap. The default copies the plaintext into
     * {@code dst} and seals it there in place; a protection that can encrypt from one buffer into
     * the other overrides it and saves the copy.
     *
     * @return the length of the whole record, header included
     */
    default int seal(long seq, ContentType type, ByteBuffer src, int length, ByteBuffer dst) {
        int start = dst.position();
        int ptStart = start + plaintextOffset();
        int srcLimit = src.limit();
        src.limit(src.position() + length);
        dst.position(ptStart);
        dst.put(src);
        src.limit(srcLimit);
        int dstLimit = dst.limit();
        dst.limit(ptStart + length);
        dst.position(start);
        int written = seal(seq, type, dst);
        dst.limit(dstLimit);
        dst.position(start + written);
        return written;
    }

    /**
     * The most plaintext a record body of {@code bodyLength} bytes can open to under this
     * protection: how much room {@link #open(long, ByteBuffer, ByteBuffer)} needs. The default,
     * the body less the explicit prefix, is an upper bound for every protection.
     */
    default int maxPlaintextLength(int bodyLength) {
        return Math.max(0, bodyLength - explicitPrefixLength());
    }

    /**
     * Opens one whole record, header included, at {@code record[position, limit)} into {@code dst}
     * at its position, which must have at least {@link #maxPlaintextLength} of the body's length
     * in room. On return {@code dst} has moved past the plaintext; {@code record}'s bytes may have
     * been overwritten. On failure {@code dst}'s position is unchanged. The default opens in place
     * and copies; a protection that can decrypt from one buffer into the other overrides it.
     *
     * @return the plaintext length
     * @throws TlsAlertException as {@link #open(long, ByteBuffer)}
     */
    default int open(long seq, ByteBuffer record, ByteBuffer dst) {
        int length = open(seq, record);
        dst.put(record);
        return length;
    }

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
        return new TlsAlertException(RecordProblem.BAD_RECORD_MAC, "record failed authentication");
    }

    static TlsAlertException overflow(int length) {
        return new TlsAlertException(RecordProblem.RECORD_OVERFLOW,
                "record plaintext of " + length + " bytes exceeds 2^14 (RFC 5246 §6.2.1)");
    }
}
