package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import dev.jtls.record.RecordProtection;
import java.nio.ByteBuffer;

/**
 * Protocol records (handshake, ChangeCipherSpec, alerts) the connection produced and wrap has not
 * handed out yet. They leave in whole records only, as many as fit: a destination too small for the
 * next one is a BUFFER_OVERFLOW, never half a record.
 */
final class PendingRecords {
    private static final int INITIAL = 4096;
    private static final ByteBuffer NONE = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** Empty and read-only while nothing waits (an idle engine keeps no buffer); made on need. */
    private ByteBuffer buffer = NONE;

    /** Takes everything the connection has to send. */
    void takeFrom(TlsConnection conn) {
        if (conn.hasOutgoing() && buffer == NONE) {
            buffer = ByteBuffer.allocate(INITIAL);
        }
        while (conn.hasOutgoing()) {
            if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            conn.takeOutgoing(buffer);
        }
    }

    boolean isEmpty() {
        return buffer.position() == 0;
    }

    /** Copies whole records into {@code dst} while they fit; returns the bytes copied (0: the next one does not fit). */
    int copyTo(ByteBuffer dst) {
        if (buffer == NONE) {
            return 0;
        }
        buffer.flip();
        int copied = 0;
        try {
            while (buffer.remaining() >= RecordProtection.HEADER_LENGTH) {
                int p = buffer.position();
                int length = RecordProtection.HEADER_LENGTH + (((buffer.get(p + 3) & 0xff) << 8) | (buffer.get(p + 4) & 0xff));
                if (length > dst.remaining()) {
                    break;
                }
                ByteBuffer record = buffer.duplicate();
                record.limit(p + length);
                dst.put(record);
                buffer.position(p + length);
                copied += length;
            }
        } finally {
            buffer.compact();
            if (buffer.position() == 0) {
                buffer = NONE;
            }
        }
        return copied;
    }

    /** The size of the next record waiting, 0 if none. */
    int nextRecordLength() {
        if (buffer.position() < RecordProtection.HEADER_LENGTH) {
            return 0;
        }
        return RecordProtection.HEADER_LENGTH + (((buffer.get(3) & 0xff) << 8) | (buffer.get(4) & 0xff));
    }
}
