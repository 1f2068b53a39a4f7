package dev.jtls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;

/**
 * The receiving half of an {@link EngineConnection}: the transport's input, the records read from
 * it and not yet unwrapped, and the plaintext unwrapped and not yet read. Not thread-safe: the
 * connection's read lock guards it. Both buffers grow only to the sizes the engine's session names,
 * so no peer can make it buffer without bound.
 */
final class EngineInbound {
    private final SSLEngine engine;
    private final InputStream in;
    // Both buffers are kept in fill mode: data from 0 to position.
    private ByteBuffer netIn;
    private ByteBuffer appIn;

    /** @param consumed bytes already read from the transport, unwrapped before any new ones */
    EngineInbound(SSLEngine engine, InputStream in, byte[] consumed) throws SSLException {
        this.engine = engine;
        this.in = in;
        int packet = engine.getSession().getPacketBufferSize();
        if (consumed.length > 2 * packet) {
            throw new SSLProtocolException("the " + consumed.length + " bytes already read are more than two records");
        }
        this.netIn = ByteBuffer.allocate(Math.max(packet, consumed.length));
        this.netIn.put(consumed);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Plaintext ready to read. */
    int buffered() {
        return appIn.position();
    }

    /** Moves up to {@code len} bytes of plaintext to {@code b}. */
    int drain(byte[] b, int off, int len) {
        appIn.flip();
        int n = Math.min(len, appIn.remaining());
        appIn.get(b, off, n);
        appIn.compact();
        return n;
    }

    /**
     * Unwraps one record, reading from the transport as often as the engine needs more. Returns
     * {@code null} at the transport's end of stream, or a result with status OK, CLOSED or (only when
     * unread plaintext fills the buffer) BUFFER_OVERFLOW.
     */
    SSLEngineResult unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    if (!fill()) {
                        return null;
                    }
                    break;
                case BUFFER_OVERFLOW:
                    if (appIn.position() > 0) {
                        return r;
                    }
                    growAppIn();
                    break;
                default:
                    return r;
            }
        }
    }

    /** Reads what the transport has; false at its end of stream. */
    private boolean fill() throws IOException {
        if (!netIn.hasRemaining()) {
            int packet = engine.getSession().getPacketBufferSize();
            if (netIn.capacity() >= packet) {
                // The engine asked for more than its own packet size: never buffer without bound.
                throw new SSLProtocolException("a record larger than the engine's packet buffer ("
                        + packet + " bytes)");
            }
            ByteBuffer bigger = ByteBuffer.allocate(packet);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        int n = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    private void growAppIn() throws SSLException {
        int size = engine.getSession().getApplicationBufferSize();
        if (appIn.capacity() >= size) {
            throw new SSLProtocolException("the engine overflows its own application buffer size (" + size + ")");
        }
        appIn = ByteBuffer.allocate(size);
    }
}
