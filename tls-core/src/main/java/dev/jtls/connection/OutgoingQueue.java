package dev.jtls.connection;

import dev.jtls.record.RecordHeader;
import java.nio.ByteBuffer;

/**
 * The records a connection has protected and not yet handed to the caller: handshake flights,
 * alerts, and application data written through the buffered path. Kept in fill mode (the bytes
 * waiting are {@code [0, position)}). Starts with no buffer and grows when a record is queued;
 * {@link #releaseIfEmpty} lets it go again, so an idle connection keeps none. Not thread-safe.
 */
final class OutgoingQueue {
    /** A resumed handshake's flights (a ClientHello; ServerHello, ChangeCipherSpec, Finished) fit in this. */
    private static final int INITIAL_CAPACITY = 1024;
    /**
     * No buffer: every empty queue shares it. It never holds a byte (capacity 0), so whatever
     * position and limit calls set on it, they are 0.
     */
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    private ByteBuffer buf = NONE;

    /** The buffer to write the next record into, with room for at least {@code needed} bytes. */
    ByteBuffer room(int needed) {
        if (buf.remaining() < needed) {
            int capacity = Math.max(Math.max(INITIAL_CAPACITY, buf.capacity() * 2), buf.position() + needed);
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }

    boolean hasBytes() {
        return buf.position() > 0;
    }

    /** Moves as many waiting bytes as fit into {@code dst}; returns how many. */
    int take(ByteBuffer dst) {
        return move(Math.min(dst.remaining(), buf.position()), dst);
    }

    /** Moves whole records into {@code dst}, as many as fit and never part of one; returns how many bytes. */
    int takeRecords(ByteBuffer dst) {
        int end = 0;
        for (int next = RecordHeader.lengthAt(buf, 0, buf.position()); next > 0 && end + next <= dst.remaining()
                && end + next <= buf.position(); next = RecordHeader.lengthAt(buf, end, buf.position())) {
            end += next;
        }
        return move(end, dst);
    }

    /** The size of the next waiting record, header included; 0 if none. */
    int nextRecordLength() {
        return Math.max(0, RecordHeader.lengthAt(buf, 0, buf.position()));
    }

    private int move(int n, ByteBuffer dst) {
        if (n == 0) {
            return 0;
        }
        buf.flip();
        int limit = buf.limit();
        buf.limit(n);
        dst.put(buf);
        buf.limit(limit);
        buf.compact();
        return n;
    }

    void releaseIfEmpty() {
        if (buf.position() == 0) {
            buf = NONE;
        }
    }

    int capacity() {
        return buf.capacity();
    }
}
