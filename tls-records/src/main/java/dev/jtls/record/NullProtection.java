package dev.jtls.record;

import java.nio.ByteBuffer;

/** TLS_NULL_WITH_NULL_NULL (RFC 5246 §6.1): the state before the first ChangeCipherSpec. */
public final class NullProtection implements RecordProtection {
    private final ProtocolVersion version;

    /** @param version the record version to write (RFC 5246 Appendix E.1: a ClientHello may use {3,0} or {3,1}) */
    public NullProtection(ProtocolVersion version) {
        this.version = version;
    }

    @Override
    public int explicitPrefixLength() {
        return 0;
    }

    @Override
    public int maxSuffixLength() {
        return 0;
    }

    @Override
    public int maxRecordBodyLength() {
        return MAX_PLAINTEXT;
    }

    @Override
    public int seal(long seq, ContentType type, ByteBuffer buf) {
        int start = buf.position();
        int length = buf.limit() - start - HEADER_LENGTH;
        if (length > MAX_PLAINTEXT) {
            throw new IllegalStateException("plaintext of " + length + " bytes exceeds 2^14");
        }
        RecordProtection.writeHeader(buf, start, type, version, length);
        return length + HEADER_LENGTH;
    }

    @Override
    public int open(long seq, ByteBuffer buf) {
        int length = buf.remaining() - HEADER_LENGTH;
        if (length > MAX_PLAINTEXT) {
            throw RecordProtection.overflow(length);
        }
        buf.position(buf.position() + HEADER_LENGTH);
        return length;
    }
}
