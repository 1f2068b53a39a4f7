package dev.jtls.jsse;

import static dev.jtls.jsse.EnginePeers.CLIENT_CTX;
import static dev.jtls.jsse.EnginePeers.SERVER_CTX;
import static dev.jtls.jsse.EnginePeers.async;
import static dev.jtls.jsse.EnginePeers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.jsse.EngineSocketTest.Pairing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stream semantics of EngineSocket: full duplex, timeouts, closing and shutting down. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineSocketStreamTest {
    private static final int SIXTEEN_MIB = 16 << 20;

    /**
     * Both ends write 16 MiB while reading the other's 16 MiB, each direction on its own thread: with
     * one lock for both directions (or a writer waiting on a reader) this deadlocks once the TCP
     * buffers fill. Digests prove every byte arrived in order.
     */
    @ParameterizedTest
    @EnumSource(Pairing.class)
    void fullDuplexSixteenMebibytesEachWay(Pairing pairing) throws Exception {
        byte[] fromClient = EnginePeers.bytes(SIXTEEN_MIB, 1);
        byte[] fromServer = EnginePeers.bytes(SIXTEEN_MIB, 2);
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            CompletableFuture<byte[]> serverGot = async(() -> {
                try (Socket s = server.accept()) {
                    return duplex(s, fromServer, 65_536);
                }
            });
            byte[] clientGot;
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                clientGot = duplex(client, fromClient, 100_003);
            }
            assertThat(clientGot).isEqualTo(EnginePeers.sha256(fromServer));
            assertThat(await(serverGot)).isEqualTo(EnginePeers.sha256(fromClient));
        }
    }

    /** Writes {@code data} in {@code chunk}-sized writes on another thread while reading as much; returns its digest. */
    private static byte[] duplex(Socket s, byte[] data, int chunk) throws Exception {
        OutputStream out = s.getOutputStream();
        CompletableFuture<Void> writer = async(() -> {
            for (int off = 0; off < data.length; off += chunk) {
                out.write(data, off, Math.min(chunk, data.length - off));
            }
            out.flush();
            return null;
        });
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        InputStream in = s.getInputStream();
        byte[] buf = new byte[32_768];
        long total = 0;
        while (total < data.length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, data.length - total));
            assertThat(n).as("read after %d bytes", total).isPositive();
            sha.update(buf, 0, n);
            total += n;
        }
        await(writer);
        return sha.digest();
    }

    @ParameterizedTest
    @EnumSource(value = Pairing.class, names = {"OUR_CLIENT_JDK_SERVER", "JDK_CLIENT_OUR_SERVER"})
    void readTimesOutAndTheSocketStaysUsable(Pairing pairing) throws Exception {
        CountDownLatch speak = new CountDownLatch(1);
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            CompletableFuture<Void> served = async(() -> {
                try (Socket s = server.accept()) {
                    if (pairing.ourServer) {
                        // Ours is the one timing out here: the server reads, the client is slow to speak.
                        ((SSLSocket) s).startHandshake();
                        s.setSoTimeout(200);
                        long start = System.nanoTime();
                        assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
                        speak.countDown();
                        assertThat(s.getInputStream().read()).isEqualTo(42);
                        s.getOutputStream().write(43);
                    } else {
                        ((SSLSocket) s).startHandshake();
                        assertThat(speak.await(20, TimeUnit.SECONDS)).isTrue();
                        s.getOutputStream().write(42);
                        assertThat(s.getInputStream().read()).isEqualTo(43);
                    }
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                }
                return null;
            });
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                if (pairing.ourClient) {
                    client.startHandshake();
                    client.setSoTimeout(200);
                    assertThat(client.getSoTimeout()).isEqualTo(200);
                    assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                    assertThatThrownBy(() -> client.getInputStream().read(new byte[10]))
                            .isInstanceOf(SocketTimeoutException.class);
                    speak.countDown();
                    client.setSoTimeout(20_000);
                    assertThat(client.getInputStream().read()).isEqualTo(42);
                    client.getOutputStream().write(43);
                } else {
                    client.startHandshake();
                    assertThat(speak.await(20, TimeUnit.SECONDS)).isTrue();
                    client.getOutputStream().write(42);
                    assertThat(client.getInputStream().read()).isEqualTo(43);
                }
                client.getOutputStream().flush();
                client.shutdownOutput();
                await(served);
            }
        }
    }

    /** A peer that accepts TCP and never answers: the handshake's wait is bounded by SO_TIMEOUT. */
    @Test
    void handshakeTimesOutAgainstASilentPeer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, EnginePeers.LOOPBACK)) {
            CompletableFuture<Socket> accepted = async(silent::accept);
            try (SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX)
                    .createSocket(EnginePeers.LOOPBACK, silent.getLocalPort())) {
                client.setSoTimeout(300);
                long start = System.nanoTime();
                assertThatThrownBy(client::startHandshake).isInstanceOf(SocketTimeoutException.class);
                long took = System.nanoTime() - start;
                assertThat(took).isBetween(TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(10));
                assertThat(client.isClosed()).isFalse();
            } finally {
                await(accepted).close();
            }
        }
    }

    @Test
    void closeUnblocksAReaderWithSocketException() throws Exception {
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            CountDownLatch done = new CountDownLatch(1);
            CompletableFuture<Void> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    done.await(30, TimeUnit.SECONDS);
                }
                return null;
            });
            SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX).createSocket("localhost", server.getLocalPort());
            client.startHandshake();
            CompletableFuture<Integer> reader = async(() -> client.getInputStream().read());
            Thread.sleep(200); // let it block
            assertThat(reader).isNotDone();
            long start = System.nanoTime();
            client.close();
            assertThatThrownBy(() -> await(reader)).isInstanceOf(SocketException.class);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(client.isClosed()).isTrue();
            assertThatThrownBy(client::getInputStream).isInstanceOf(SocketException.class);
            assertThatThrownBy(() -> client.getOutputStream()).isInstanceOf(SocketException.class);
            done.countDown();
            await(served);
        }
    }

    /**
     * Our close sends close_notify: our own server (whose SunJSSE engine refuses a stream that ends
     * without one) reads a clean -1; and the closed socket refuses further I/O.
     */
    @Test
    void closeSendsCloseNotifyAndLaterIoIsRefused() throws Exception {
        try (SSLServerSocket server = EnginePeers.ourServer(SERVER_CTX)) {
            CompletableFuture<Integer> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    int first = s.getInputStream().read();
                    return s.getInputStream().read() == -1 ? first : -2;
                }
            });
            SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX).createSocket("localhost", server.getLocalPort());
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            out.write(7);
            out.flush();
            client.close();
            client.close(); // idempotent
            assertThat(await(served)).isEqualTo(7);
            assertThatThrownBy(() -> in.read()).isInstanceOf(SocketException.class);
            assertThatThrownBy(() -> out.write(1)).isInstanceOf(SocketException.class);
        }
    }

    /**
     * A peer whose TCP stream ends without close_notify (a truncation): the engine's closeInbound
     * says so, and the read throws it instead of returning a clean -1.
     */
    @Test
    void endOfStreamWithoutCloseNotifyIsAnError() throws Exception {
        try (SSLServerSocket server = EnginePeers.ourServer(SERVER_CTX)) {
            CompletableFuture<Void> truncating = async(() -> {
                try (Socket plain = new Socket(EnginePeers.LOOPBACK, server.getLocalPort())) {
                    SSLSocket tls = (SSLSocket) CLIENT_CTX.getSocketFactory().createSocket(plain, "localhost",
                            server.getLocalPort(), false);
                    tls.getOutputStream().write(new byte[] {1, 2, 3});
                    tls.getOutputStream().flush();
                } // only the TCP socket is closed: no close_notify
                return null;
            });
            try (SSLSocket s = (SSLSocket) server.accept()) {
                InputStream in = s.getInputStream();
                assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);
                await(truncating);
                assertThatThrownBy(in::read).isInstanceOf(SSLException.class)
                        .hasMessageContaining("close_notify");
            }
        }
    }

    @Test
    void shutdownOutputSendsCloseNotifyAndShutdownInputEndsReads() throws Exception {
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            CompletableFuture<Integer> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    int b = s.getInputStream().read();
                    int eof = s.getInputStream().read();
                    return eof == -1 ? b : -2;
                }
            });
            try (SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX).createSocket("localhost",
                    server.getLocalPort())) {
                client.getOutputStream().write(9);
                client.shutdownOutput();
                assertThat(client.isOutputShutdown()).isTrue();
                assertThat(await(served)).isEqualTo(9);
                assertThatThrownBy(() -> client.getOutputStream().write(1)).isInstanceOf(SocketException.class);
                // The JDK peer answered with its own close_notify and closed (RFC 5246 §7.2.1).
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            CountDownLatch done = new CountDownLatch(1);
            CompletableFuture<Void> served = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    done.await(30, TimeUnit.SECONDS);
                }
                return null;
            });
            try (SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX).createSocket("localhost",
                    server.getLocalPort())) {
                client.startHandshake();
                client.shutdownInput();
                assertThat(client.isInputShutdown()).isTrue();
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            } finally {
                done.countDown();
            }
            await(served);
        }
    }

    @Test
    void ioBeforeConnectIsRefused() throws IOException {
        try (Socket s = EnginePeers.ourClients(CLIENT_CTX).createSocket()) {
            assertThat(s.isConnected()).isFalse();
            assertThatThrownBy(s::getInputStream).isInstanceOf(SocketException.class);
            assertThatThrownBy(((SSLSocket) s)::startHandshake).isInstanceOf(SocketException.class);
            assertThat(((SSLSocket) s).getSession().getCipherSuite()).isEqualTo("SSL_NULL_WITH_NULL_NULL");
        }
    }
}
