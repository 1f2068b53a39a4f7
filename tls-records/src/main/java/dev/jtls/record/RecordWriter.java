package dev.jtls.record;

import java.nio.ByteBuffer;

/**
 * The write side of the record layer: fragments content into records of at most the maximum
 * fragment length (2^14, RFC 5246 §6.2.1; smaller for RFC 6066 max_fragment_length or RFC 8449
 * record_size_limit) and protects each into the output buffer (straight from the source where the
 * protection can, RecordProtection#seal(long, ContentType, ByteBuffer, int, ByteBuffer)). Not thread-safe.
 */
public final class RecordWriter {
    private RecordProtection protection;
    private SequenceNumber seq = new SequenceNumber();
    private int maxFragment = RecordProtection.MAX_PLAINTEXT;

    public RecordWriter(RecordProtection initial) {
        this.protection = initial;
    }

    /** Installs a new write state (after sending ChangeCipherSpec); the sequence number restarts at 0. */
    public void changeProtection(RecordProtection p) {
        protection = p;
        seq = new SequenceNumber();
    }

    public void maxFragmentLength(int max) {
        if (max < 1 || max > RecordProtection.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("max fragment length " + max + " not in [1, 2^14]");
        }
        maxFragment = max;
    }

    public int maxFragmentLength() {
        return maxFragment;
    }

    /** The most bytes one record of {@code fragment} plaintext bytes can take on the wire. */
    public int maxRecordSize(int fragment) {
        return protection.plaintextOffset() + fragment + protection.maxSuffixLength();
    }

    /**
     * Writes {@code src} as records of {@code type} into {@code out}, as many whole records as fit.
     * An empty {@code src} writes one empty record (only legal for application data, RFC 5246 §6.2.1).
     *
     * @return the number of plaintext bytes consumed from {@code src}
     */
    public int write(ContentType type, ByteBuffer src, ByteBuffer out) {
        int consumed = 0;
        boolean first = true;
        while (src.hasRemaining() || (first && type == ContentType.APPLICATION_DATA)) {
            first = false;
            int fragment = Math.min(src.remaining(), maxFragment);
            if (out.remaining() < maxRecordSize(fragment)) {
                break;
            }
            protection.seal(seq.next(), type, src, fragment, out);
            consumed += fragment;
        }
        return consumed;
    }

    /**
     * Writes one record of {@code type} holding the next {@code fragment} bytes of the sources, in
     * order, at {@code out}'s position: sealed straight from the first source with bytes if it
     * holds all of them, else copied once, straight to their place in the record, and sealed
     * there (no buffer between). The caller has checked that {@code fragment} is at most
     * {@link #maxFragmentLength()} and the sources' bytes, and that {@code out} has room for
     * {@link #maxRecordSize}{@code (fragment)}.
     *
     * @return {@code fragment}; the sources and {@code out} have moved past what was taken and written
     */
    public int writeGathered(ContentType type, ByteBuffer[] srcs, int offset, int length, int fragment, ByteBuffer out) {
        int first = offset;
        while (!srcs[first].hasRemaining()) {
            first++;
        }
        if (srcs[first].remaining() >= fragment) {
            protection.seal(seq.next(), type, srcs[first], fragment, out);
            return fragment;
        }
        int start = out.position();
        int plaintextStart = start + protection.plaintextOffset();
        out.position(plaintextStart);
        int left = fragment;
        for (int i = first; i < offset + length && left > 0; i++) {
            ByteBuffer s = srcs[i];
            int n = Math.min(s.remaining(), left);
            int limit = s.limit();
            s.limit(s.position() + n);
            out.put(s);
            s.limit(limit);
            left -= n;
        }
        int outLimit = out.limit();
        out.limit(plaintextStart + fragment);
        out.position(start);
        int written = protection.seal(seq.next(), type, out);
        out.limit(outLimit);
        out.position(start + written);
        return fragment;
    }
}
