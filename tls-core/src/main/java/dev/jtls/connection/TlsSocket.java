package dev.jtls.connection;

import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A blocking TLS connection over a {@link Socket}: the thin I/O layer over the sans-IO
 * {@link TlsConnection} that the command line and tests use. Calls are serialised on one lock, so
 * a thread blocked in a read holds up a writer: use it from one thread at a time.
 *
 * <p>Protocol failures surface as {@link SSLException} (handshake failures as
 * {@link SSLHandshakeException}) carrying the jtls message; the fatal alert has been sent.
 */
public final class TlsSocket implements Closeable {
    private final Socket socket;
    private final TlsConnection connection;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] netIn = new byte[RecordProtection.MAX_CIPHERTEXT + RecordProtection.HEADER_LENGTH];
    private final ByteBuffer netOut = ByteBuffer.allocate(64 * 1024);
    private final Object lock = new Object();
    private boolean eof;

    public TlsSocket(Socket socket, TlsConnection connection) throws IOException {
        this.socket = socket;
        this.connection = connection;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public TlsConnection connection() {
        return connection;
    }

    public Socket socket() {
        return socket;
    }

    /** Runs the handshake to its end (a no-op once connected). */
    public void handshake() throws IOException {
        synchronized (lock) {
            runHandshake(0, null);
        }
    }

    /**
     * Runs the handshake to its end within {@code timeout}, however the peer paces its bytes: one
     * that trickles a byte at a time resets a read timeout, not this deadline. At the deadline a
     * {@link SocketTimeoutException}; the socket is the caller's to close. The socket's own read
     * timeout, if shorter, still applies to each read.
     */
    public void handshake(Duration timeout) throws IOException {
        synchronized (lock) {
            int readTimeout = socket.getSoTimeout();
            try {
                runHandshake(System.nanoTime() + timeout.toNanos(), timeout);
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(readTimeout);
                }
            }
        }
    }

    /** The handshake loop; {@code timeout} null for no deadline. */
    private void runHandshake(long deadline, Duration timeout) throws IOException {
        int readTimeout = socket.getSoTimeout();
        flush();
        while (!connection.isHandshakeComplete()) {
            if (connection.status() == TlsConnection.Status.CLOSED) {
                throw new SSLHandshakeException("handshake did not complete: " + describeFailure());
            }
            if (timeout != null) {
                long leftMillis = (deadline - System.nanoTime() + 999_999) / 1_000_000;
                if (leftMillis <= 0) {
                    throw handshakeDeadline(timeout);
                }
                int wait = (int) Math.min(Integer.MAX_VALUE, leftMillis);
                socket.setSoTimeout(readTimeout > 0 ? Math.min(readTimeout, wait) : wait);
            }
            try {
                readRecords(true);
            } catch (SocketTimeoutException e) {
                throw timeout != null && System.nanoTime() - deadline >= 0 ? handshakeDeadline(timeout) : e;
            }
            flush();
        }
    }

    /** Reads network bytes into the connection until something happens; false at end of stream. */
    private boolean readRecords(boolean handshaking) throws IOException {
        return readRecords(handshaking, null);
    }

    /**
     * As {@link #readRecords(boolean)}; application data goes straight into {@code dst} if it is
     * not null (whole records are opened where they were read, and their plaintext copied once).
     */
    private boolean readRecords(boolean handshaking, ByteBuffer dst) throws IOException {
        if (eof) {
            throw new SSLException("the peer closed the connection" + (handshaking ? " during the handshake" : ""));
        }
        int n = in.read(netIn);
        if (n < 0) {
            eof = true;
            connection.endOfInput();
            if (handshaking) {
                throw new SSLHandshakeException("the peer closed the connection during the handshake");
            }
            return false;
        }
        ByteBuffer src = ByteBuffer.wrap(netIn, 0, n);
        try {
            while (src.hasRemaining()) {
                int consumed = dst == null ? connection.receive(src) : connection.receive(src, dst);
                if (consumed == 0 && src.hasRemaining()) {
                    // Back-pressure: plaintext is waiting for the application; nothing more fits now.
                    throw new IllegalStateException("receive made no progress");
                }
            }
        } catch (TlsAlertException e) {
            flushQuietly();
            if (handshaking) {
                // The cause keeps the alert (and, for a refused chain, which certificate and rule).
                SSLHandshakeException failure = new SSLHandshakeException(e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            throw new SSLException(e.getMessage(), e);
        }
        return true;
    }

    private static SocketTimeoutException handshakeDeadline(Duration timeout) {
        return new SocketTimeoutException("the handshake did not complete within " + timeout.toMillis() + " ms");
    }

    private String describeFailure() {
        TlsAlertException f = connection.failure();
        return f == null ? connection.status().toString() : f.getMessage();
    }

    private void flush() throws IOException {
        while (connection.hasOutgoing()) {
            netOut.clear();
            connection.takeOutgoing(netOut);
            out.write(netOut.array(), 0, netOut.position());
        }
        out.flush();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException ignored) {
            // The peer is gone; the protocol error is what the caller needs to hear about.
        }
    }

    /** Application data from the peer. Returns -1 after the peer's close_notify. */
    public InputStream getInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                synchronized (lock) {
                    handshake();
                    ByteBuffer dst = ByteBuffer.wrap(b, off, len);
                    while (connection.readable() == 0) {
                        if (connection.isInboundDone()) {
                            if (connection.isTruncated()) {
                                throw new SSLException("the connection was truncated: no close_notify from the peer");
                            }
                            flushQuietly();
                            return -1;
                        }
                        readRecords(false, dst);
                        flush();
                        if (dst.position() > off) {
                            return dst.position() - off;
                        }
                    }
                    return connection.read(dst);
                }
            }

            @Override
            public int available() {
                return connection.readable();
            }
        };
    }

    /** Application data to the peer; each write is protected and sent at once. */
    public OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (lock) {
                    handshake();
                    // Records are sealed straight into the network buffer (no copy in between).
                    ByteBuffer src = ByteBuffer.wrap(b, off, len);
                    try {
                        while (src.hasRemaining()) {
                            netOut.clear();
                            connection.write(src, netOut);
                            out.write(netOut.array(), 0, netOut.position());
                        }
                    } catch (IllegalStateException e) {
                        throw new SSLException(e.getMessage(), e);
                    }
                    // TlsSocket.this: a bare flush() here is OutputStream's own no-op, which left the
                    // records unsent until the next read or close.
                    TlsSocket.this.flush();
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (lock) {
                    TlsSocket.this.flush();
                }
            }
        };
    }

    /** Sends close_notify and closes the socket (RFC 5246 §7.2.1 does not require waiting for the peer's). */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            try {
                connection.close();
                flushQuietly();
            } finally {
                socket.close();
            }
        }
    }
}
