package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import dev.jtls.record.RecordProtection;
import java.nio.ByteBuffer;

/**
 * Protocol records (handshake, ChangeCipherSpec, alerts) the connection produced and wrap has not
 * handed out yet. They leave in whole records only, as many as fit: a destination too small for the
 * next one is a BUFFER_OVERFLOW, never half a record.
 *
 * <p>Once the handshake is over and everything has been handed out, the buffer goes: an idle
 * established engine keeps none (4 KiB each otherwise). A later record (an alert) gets a new one.
 */
final class PendingRecords {
    private static final int INITIAL_CAPACITY = 4096;

    /** Null when nothing is pending after the handshake. */
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_CAPACITY);
    /** The connection records were last taken from (an engine has one). */
    private TlsConnection conn;

    /** Takes everything the connection has to send. */
    void takeFrom(TlsConnection conn) {
        while (conn.hasOutgoing()) {
            if (buffer == null) {
                buffer = ByteBuffer.allocate(INITIAL_CAPACITY);
            } else if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            conn.takeOutgoing(buffer);
        }
        this.conn = conn;
        releaseIfDone();
    }

    /**
     * Drops the buffer if it is empty and the handshake is over. Also done when the engine merely
     * asks whether anything is pending: a client's last flight leaves before its handshake is over,
     * and the engine asks after the server's Finished, with no wrap to come.
     */
    private void releaseIfDone() {
        if (buffer != null && buffer.position() == 0 && conn != null && conn.isHandshakeComplete()) {
            buffer = null;
        }
    }

    /** True while a buffer is held (for tests). */
    boolean holdsBuffer() {
        return buffer != null;
    }

    boolean isEmpty() {
        releaseIfDone();
        return buffer == null || buffer.position() == 0;
    }

    /** Copies whole records into {@code dst} while they fit; returns the bytes copied (0: the next one does not fit). */
    int copyTo(ByteBuffer dst) {
        if (buffer == null) {
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
            releaseIfDone();
        }
        return copied;
    }

    /** The size of the next record waiting, 0 if none. */
    int nextRecordLength() {
        if (buffer == null || buffer.position() < RecordProtection.HEADER_LENGTH) {
            return 0;
        }
        return RecordProtection.HEADER_LENGTH + (((buffer.get(3) & 0xff) << 8) | (buffer.get(4) & 0xff));
    }
}
