package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/** The engine's buffer arithmetic: argument checks, sealing from and opening into the caller's buffers, scattering. */
final class NetBuffers {
    /**
     * A destination with no room: handing a record to {@link TlsConnection#receive(ByteBuffer, ByteBuffer)}
     * with it opens the record where it lies (any application data waits in the connection).
     * Shared: with no room, nothing in it ever changes.
     */
    static final ByteBuffer NO_ROOM = ByteBuffer.allocate(0);

    private NetBuffers() {
    }

    static void checkWrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        checkArray(srcs, offset, length, "source");
        checkDestination(dst);
    }

    private static void checkDestination(ByteBuffer dst) {
        if (dst == null) {
            throw new IllegalArgumentException("destination buffer is null");
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    static void checkUnwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        if (src == null) {
            throw new IllegalArgumentException("source buffer is null");
        }
        checkArray(dsts, offset, length, "destination");
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
    }

    private static void checkArray(ByteBuffer[] buffers, int offset, int length, String what) {
        if (buffers == null) {
            throw new IllegalArgumentException(what + " buffer array is null");
        }
        if (offset < 0 || length < 0 || offset > buffers.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array of " + buffers.length);
        }
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i] == null) {
                throw new IllegalArgumentException(what + " buffer " + i + " is null");
            }
        }
    }

    static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += buffers[i].remaining();
        }
        return n;
    }

    /**
     * Hands the record of {@code recordLength} bytes at {@code src}'s position to the connection:
     * it is opened where it lies and its application data goes straight into the first
     * destination with room (decrypted into it, or copied once); what does not fit waits in the
     * connection for {@link #scatter}.
     *
     * @return the bytes delivered into that destination
     */
    static int openRecord(TlsConnection conn, ByteBuffer src, int recordLength, ByteBuffer[] dsts, int offset, int length) {
        ByteBuffer dst = firstWithRemaining(dsts, offset, length);
        int before = dst == null ? 0 : dst.position();
        int limit = src.limit();
        src.limit(src.position() + recordLength);
        try {
            if (dst == null) {
                conn.receive(src, NO_ROOM);
                return 0;
            }
            conn.receive(src, dst);
            return dst.position() - before;
        } finally {
            src.limit(limit);
        }
    }

    /**
     * The first buffer with {@code remaining() > 0} — bytes to read in a source, room in a
     * destination — or null if none has any.
     */
    static ByteBuffer firstWithRemaining(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return buffers[i];
            }
        }
        return null;
    }

    /** Moves received plaintext from the connection into the destinations, in order; returns how many bytes. */
    static int scatter(TlsConnection conn, ByteBuffer[] dsts, int offset, int length) {
        int total = 0;
        for (int i = offset; i < offset + length && conn.readable() > 0; i++) {
            total += conn.read(dsts[i]);
        }
        return total;
    }
}
