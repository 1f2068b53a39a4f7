package dev.jtls.record;

import java.nio.ByteBuffer;

/**
 * Reads the 5-byte header of a record (RFC 5246 §6.2.1: type, version, length) where it lies in a
 * buffer, consuming nothing: for callers that must know a record's size or kind before handing it
 * over, such as an SSLEngine's unwrap and wrap, which move whole records only.
 */
public final class RecordHeader {
    private RecordHeader() {
    }

    /** The record's whole length (header included) from the header at {@code at}, in bytes filled up to {@code end}; -1 if cut short. */
    public static int lengthAt(ByteBuffer b, int at, int end) {
        if (end - at < RecordProtection.HEADER_LENGTH) {
            return -1;
        }
        return RecordProtection.HEADER_LENGTH + (((b.get(at + 3) & 0xff) << 8) | (b.get(at + 4) & 0xff));
    }

    /**
     * The whole length of the record at {@code src}'s position; -1 until its 5 header bytes are
     * there. A header no TLS 1.2 record has (unknown type, major version not 3, longer than 2^14 +
     * 2048) counts as its 5 bytes alone: the record layer then refuses it with the alert it calls
     * for, rather than the caller waiting for bytes that should never come.
     */
    public static int length(ByteBuffer src) {
        int length = lengthAt(src, src.position(), src.limit());
        if (length < 0) {
            return -1;
        }
        boolean plausible = type(src) != null && (src.get(src.position() + 1) & 0xff) == 3
                && length <= RecordProtection.HEADER_LENGTH + RecordProtection.MAX_CIPHERTEXT;
        return plausible ? length : RecordProtection.HEADER_LENGTH;
    }

    /** The type in the header at {@code src}'s position; null if the header is not all there or the type is not a TLS 1.2 one. */
    public static ContentType type(ByteBuffer src) {
        if (src.remaining() < RecordProtection.HEADER_LENGTH) {
            return null;
        }
        int code = src.get(src.position()) & 0xff;
        return code >= ContentType.CHANGE_CIPHER_SPEC.code() && code <= ContentType.APPLICATION_DATA.code()
                ? ContentType.fromCode(code) : null;
    }
}
