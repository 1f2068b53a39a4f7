package dev.jtls.connection;

import dev.jtls.record.RecordProtection;
import java.nio.ByteBuffer;

/**
 * Application data a connection has received and the caller has not read yet, in order. Kept in
 * read mode (the bytes waiting are {@code [position, limit)}). Starts with no buffer and grows
 * when data cannot go straight to the caller; {@link #releaseIfEmpty} lets it go again, so an
 * idle connection keeps none. Not thread-safe.
 */
final class ReceivedPlaintext {
    /**
     * No buffer: every empty one shares it. It never holds a byte (capacity 0), so whatever
     * position and limit calls set on it, they are 0.
     */
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    private ByteBuffer buf = NONE;

    int remaining() {
        return buf.remaining();
    }

    boolean isEmpty() {
        return !buf.hasRemaining();
    }

    /**
     * Takes one record's plaintext: straight into {@code dst} (may be null) while nothing waits
     * before it and it has room, the rest kept here.
     */
    void deliver(ByteBuffer fragment, ByteBuffer dst) {
        if (dst != null && isEmpty() && dst.hasRemaining()) {
            int n = Math.min(dst.remaining(), fragment.remaining());
            int limit = fragment.limit();
            fragment.limit(fragment.position() + n);
            dst.put(fragment);
            fragment.limit(limit);
        }
        if (fragment.hasRemaining()) {
            append(fragment);
        }
    }

    private void append(ByteBuffer fragment) {
        if (buf.capacity() - buf.limit() < fragment.remaining()) {
            buf.compact().flip();
            if (buf.capacity() - buf.limit() < fragment.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buf.remaining() + fragment.remaining()
                        + RecordProtection.MAX_PLAINTEXT);
                bigger.put(buf).flip();
                buf = bigger;
            }
        }
        int at = buf.limit();
        buf.limit(at + fragment.remaining());
        buf.put(at, fragment, fragment.position(), fragment.remaining());
    }

    /** Copies waiting data into {@code dst}; returns how many bytes. */
    int read(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), buf.remaining());
        if (n == 0) {
            return 0;
        }
        int limit = buf.limit();
        buf.limit(buf.position() + n);
        dst.put(buf);
        buf.limit(limit);
        return n;
    }

    void releaseIfEmpty() {
        if (isEmpty()) {
            buf = NONE;
        }
    }

    int capacity() {
        return buf.capacity();
    }
}
