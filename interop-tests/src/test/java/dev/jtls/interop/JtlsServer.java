package dev.jtls.interop;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.record.TlsAlertException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A jtls server in this JVM on a free loopback port: a thread accepts connections one after
 * another on a {@link ServerSocket} and runs each as a {@link TlsSocket} over
 * {@link TlsConnection#server(TlsConfig)}, with the configuration set last by the test. The application
 * protocol: the client sends a 4-byte big-endian length and that many bytes; the server hashes
 * them, answers {@code BEGIN marker}, the same bytes, {@code END marker}, sends close_notify and
 * reads on until the client's close_notify. What it saw is queued as a {@link Result}.
 */
final class JtlsServer implements AutoCloseable {
    static final byte[] BEGIN = "\n<<jtls-interop-echo-begin>>\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "\n<<jtls-interop-echo-end>>\n".getBytes(StandardCharsets.US_ASCII);

    /** The server's view of one connection; {@code received} is -1 if the client sent no request. */
    record Result(Negotiated negotiated, List<X509Certificate> peerChain, int received, String receivedSha256,
                  boolean peerCloseNotify, TlsAlertException failure, String error) {
        boolean ok() {
            return failure == null && error == null;
        }
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private volatile TlsConfig config;
    private volatile boolean clientClosesFirst;

    JtlsServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "jtls interop server " + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The configuration for the next connections; jtls sends close_notify first after its echo. */
    void config(TlsConfig config) {
        config(config, false);
    }

    /** Like {@link #config(TlsConfig)}; if {@code clientClosesFirst}, jtls waits for the client's close_notify and answers it. */
    void config(TlsConfig config, boolean clientClosesFirst) {
        this.config = config;
        this.clientClosesFirst = clientClosesFirst;
        results.clear();
    }

    /** The next finished connection's result. */
    Result next(Duration timeout) throws InterruptedException {
        Result r = results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        // A peer that never connected is reported through the result, so that each cell says so.
        return r != null ? r : new Result(null, List.of(), 0, null, false, null,
                "the jtls server finished no connection in " + timeout);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                results.add(serve(s));
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                results.add(new Result(null, List.of(), 0, null, false, null, e.toString()));
            }
        }
    }

    private Result serve(Socket socket) throws IOException {
        socket.setSoTimeout(60_000);
        TlsConnection conn = TlsConnection.server(config);
        int received = 0;
        String sha = null;
        boolean closeNotify = false;
        String error = null;
        try (TlsSocket tls = new TlsSocket(socket, conn)) {
            tls.handshake();
            InputStream raw = tls.getInputStream();
            int first;
            try {
                first = raw.read();
            } catch (javax.net.ssl.SSLException e) {
                if (!conn.isTruncated()) {
                    throw e;
                }
                // The client ended the transport without a request or a close_notify.
                return result(conn, -1, null, false, null);
            }
            if (first < 0) {
                // The client closed (close_notify) without a request, e.g. gnutls-cli --resume's first
                // connection: answer with our close_notify.
                conn.close();
                tls.handshake();
                return result(conn, -1, null, !conn.isTruncated(), null);
            }
            DataInputStream in = new DataInputStream(new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(new byte[] {(byte) first}), raw));
            int length = in.readInt();
            byte[] data = in.readNBytes(length);
            received = data.length;
            sha = Data.sha256(data);
            OutputStream out = tls.getOutputStream();
            out.write(BEGIN);
            out.write(data);
            out.write(END);
            if (clientClosesFirst) {
                // Wait for the client's close_notify, then answer with ours (RFC 5246 §7.2.1).
                closeNotify = tls.getInputStream().read() == -1;
                conn.close();
                try {
                    tls.handshake();
                } catch (IOException gone) {
                    // The client did not wait for our answer; what we received is the point here.
                }
            } else {
                // RFC 5246 §7.2.1: our close_notify first (handshake() flushes it), then wait for the peer's;
                // a peer that closes the transport without one is recorded as such, not as an error.
                conn.close();
                tls.handshake();
                try {
                    closeNotify = tls.getInputStream().read() == -1;
                } catch (javax.net.ssl.SSLException e) {
                    if (!conn.isTruncated()) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            if (conn.failure() == null) {
                error = e.toString();
            }
        }
        return result(conn, received, sha, closeNotify, error);
    }

    private static Result result(TlsConnection conn, int received, String sha, boolean closeNotify, String error) {
        Negotiated negotiated = null;
        List<X509Certificate> peer = List.of();
        for (HandshakeEvent e : conn.events()) {
            if (e instanceof Negotiated) {
                negotiated = (Negotiated) e;
            } else if (e instanceof PeerCertificates) {
                peer = ((PeerCertificates) e).chain();
            }
        }
        return new Result(negotiated, peer, received, sha, closeNotify, conn.failure(), error);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test data and its digest. */
    static final class Data {
        private Data() {
        }

        /** Deterministic pseudo-random bytes (every byte value occurs). */
        static byte[] random(int length, long seed) {
            byte[] b = new byte[length];
            new java.util.SplittableRandom(seed).nextBytes(b);
            return b;
        }

        static String sha256(byte[] data) {
            return sha256(data, 0, data.length);
        }

        static String sha256(byte[] data, int off, int len) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(data, off, len);
                return java.util.HexFormat.of().formatHex(md.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The bytes between the first BEGIN and the following END marker, or null. */
        static byte[] between(byte[] text, byte[] begin, byte[] end) {
            int b = indexOf(text, begin, 0);
            if (b < 0) {
                return null;
            }
            int from = b + begin.length;
            int e = indexOf(text, end, from);
            return e < 0 ? null : java.util.Arrays.copyOfRange(text, from, e);
        }

        static int indexOf(byte[] hay, byte[] needle, int from) {
            outer:
            for (int i = from; i <= hay.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
