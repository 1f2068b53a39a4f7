package dev.jtls.connection;

import dev.jtls.config.TlsConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * A jtls server on 127.0.0.1 for load and fault tests, built from tls-core's own pieces: a
 * {@link ServerSocket}, a bounded pool of threads, one {@link TlsSocket} per connection with a
 * handshake deadline and a read timeout. Its protocol: the client sends a 4-byte length and that
 * many bytes; the server answers with their SHA-256 and the bytes back, then waits for the
 * client's close_notify. Every way a connection ends is counted by {@link End}.
 */
final class LoopbackServer implements AutoCloseable {
    /** How a connection ended, as the server saw it. */
    enum End { SERVED, HANDSHAKE_FAILED, HANDSHAKE_DEADLINE, PEER_VANISHED, TRUNCATED, READ_TIMEOUT, OTHER }

    static final int MAX_MESSAGE = 1 << 20;

    private final TlsConfig config;
    private final Duration handshakeDeadline;
    private final ServerSocket listener;
    private final ExecutorService pool;
    private final Thread acceptor;
    private final Map<End, AtomicInteger> ends = new ConcurrentHashMap<>();
    final AtomicInteger open = new AtomicInteger();
    private final Map<Socket, Boolean> sockets = new ConcurrentHashMap<>();

    LoopbackServer(TlsConfig config, int threads, Duration handshakeDeadline) throws IOException {
        this.config = config;
        this.handshakeDeadline = handshakeDeadline;
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loopback-server-worker");
            t.setDaemon(true);
            return t;
        });
        for (End e : End.values()) {
            ends.put(e, new AtomicInteger());
        }
        this.acceptor = new Thread(this::acceptLoop, "loopback-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int count(End e) {
        return ends.get(e).get();
    }

    String counts() {
        return ends.toString();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                open.incrementAndGet();
                sockets.put(s, Boolean.TRUE);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        End end = End.OTHER;
        try (s) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            TlsSocket tls = new TlsSocket(s, TlsConnection.server(config));
            try {
                tls.handshake(handshakeDeadline);
            } catch (SocketTimeoutException e) {
                end = End.HANDSHAKE_DEADLINE;
                return;
            } catch (SSLException e) {
                end = e.getMessage() != null && e.getMessage().contains("closed the connection") ? End.PEER_VANISHED
                        : End.HANDSHAKE_FAILED;
                return;
            } catch (IOException e) {
                end = End.PEER_VANISHED;
                return;
            }
            end = exchange(tls);
        } catch (IOException e) {
            end = e instanceof SocketTimeoutException ? End.READ_TIMEOUT
                    : e instanceof SSLException && String.valueOf(e.getMessage()).contains("truncated") ? End.TRUNCATED
                    : End.PEER_VANISHED;
        } finally {
            sockets.remove(s);
            ends.get(end).incrementAndGet();
            open.decrementAndGet();
        }
    }

    /** One request: length, bytes; the answer: SHA-256, bytes back; then the client's close_notify. */
    private static End exchange(TlsSocket tls) throws IOException {
        DataInputStream in = new DataInputStream(tls.getInputStream());
        int n = in.readInt();
        if (n < 0 || n > MAX_MESSAGE) {
            return End.OTHER;
        }
        byte[] data = new byte[n];
        in.readFully(data);
        DataOutputStream out = new DataOutputStream(tls.getOutputStream());
        out.write(sha256(data));
        out.write(data);
        out.flush();
        InputStream raw = tls.getInputStream();
        // RFC 5246 §7.2.1: the client ends with close_notify; an end without it throws (truncation).
        if (raw.read() != -1) {
            return End.OTHER;
        }
        tls.close();
        return End.SERVED;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every accepted connection has ended, up to {@code timeout}; true if they have. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return open.get() == 0;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets.keySet()) {
            s.close();
        }
        pool.shutdown();
        try {
            acceptor.join(5_000);
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException("server threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the server", e);
        }
    }
}
