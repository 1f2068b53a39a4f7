package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.handshake.CipherSuite;
import dev.jtls.record.RecordProtection;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/** The engine's buffer arithmetic: argument checks, record headers, gathering and scattering. */
final class NetBuffers {
    /** RFC 5246 §6.2.1: change_cipher_spec(20) .. application_data(23). */
    private static final int FIRST_TYPE = 20;
    private static final int LAST_TYPE = 23;
    static final int APPLICATION_DATA = 23;
    static final int HANDSHAKE = 22;
    static final int CHANGE_CIPHER_SPEC = 20;

    private NetBuffers() {
    }

    static void checkWrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        checkArray(srcs, offset, length, "source");
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
     * The length of the record at {@code src}'s position, header included; -1 if not even the
     * header is there. A header no TLS 1.2 record has (unknown type, major version not 3, longer
     * than RFC 5246 §6.2.3 allows) counts as just its 5 bytes: the connection refuses it with the
     * right alert instead of the engine waiting for bytes that should never come.
     */
    static int recordLength(ByteBuffer src) {
        if (src.remaining() < RecordProtection.HEADER_LENGTH) {
            return -1;
        }
        int p = src.position();
        int type = src.get(p) & 0xff;
        int major = src.get(p + 1) & 0xff;
        int length = ((src.get(p + 3) & 0xff) << 8) | (src.get(p + 4) & 0xff);
        if (type < FIRST_TYPE || type > LAST_TYPE || major != 3 || length > RecordProtection.MAX_CIPHERTEXT) {
            return RecordProtection.HEADER_LENGTH;
        }
        return RecordProtection.HEADER_LENGTH + length;
    }

    /**
     * The most plaintext a protected record of {@code recordLength} bytes can hold under {@code suite}
     * (its least overhead taken off, never more than 2^14): what the destination must have room for.
     */
    static int maxPlaintext(int recordLength, CipherSuite suite) {
        int body = recordLength - RecordProtection.HEADER_LENGTH;
        int overhead;
        if (suite.protection() instanceof CipherSuite.Aead) {
            // RFC 7905 §2: ChaCha20-Poly1305 has no explicit nonce; RFC 5288 §3: GCM's is 8 bytes.
            overhead = ((CipherSuite.Aead) suite.protection()).algorithm() == AeadAlgorithm.CHACHA20_POLY1305 ? 16 : 24;
        } else {
            // RFC 5246 §6.2.3.2: explicit IV, MAC and at least one byte of padding length.
            overhead = 16 + ((CipherSuite.Cbc) suite.protection()).mac().outputLength() + 1;
        }
        return Math.max(0, Math.min(RecordProtection.MAX_PLAINTEXT, body - overhead));
    }

    /** Moves up to {@code max} bytes from the sources into {@code into} (cleared first) and flips it. */
    /**
     * Seals one record of the next {@code chunk} bytes of {@code src}, encrypted from it straight
     * into {@code dst}.
     */
    static void sealRecord(TlsConnection conn, ByteBuffer src, int chunk, ByteBuffer dst) {
        int limit = src.limit();
        src.limit(src.position() + chunk);
        try {
            conn.write(src, dst);
        } finally {
            src.limit(limit);
        }
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
                conn.receive(src);
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

    static ByteBuffer gather(ByteBuffer[] srcs, int offset, int length, int max, ByteBuffer into) {
        into.clear();
        for (int i = offset; i < offset + length && into.position() < max; i++) {
            ByteBuffer s = srcs[i];
            int n = Math.min(s.remaining(), max - into.position());
            if (n == 0) {
                continue;
            }
            ByteBuffer part = s.duplicate();
            part.limit(part.position() + n);
            into.put(part);
            s.position(s.position() + n);
        }
        return into.flip();
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
