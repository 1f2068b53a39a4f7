package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Faults on real loopback sockets while other clients are served: peers that vanish (FIN or RST)
 * at every step of the handshake, a peer that trickles its ClientHello a byte at a time (the
 * handshake deadline ends it), a peer that ends without close_notify (a truncation, never a clean
 * end). The server keeps serving the others and leaks nothing: its threads and sockets (file
 * descriptors in /proc/self/fd) are counted before and after, and only completed handshakes
 * leave sessions.
 */
class FaultsTest {
    private static final Duration DEADLINE = Duration.ofMillis(1500);

    /** Where a vanishing client stops. */
    enum Step { BEFORE_ANY_BYTE, MID_CLIENT_HELLO, AFTER_CLIENT_HELLO, AFTER_SERVER_FLIGHT, MID_CLIENT_FLIGHT, AFTER_CLIENT_FLIGHT }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static byte[] outgoing(TlsConnection c) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        c.takeOutgoing(b);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Feeds what the server sends to {@code c} until it has something to answer (or the server closes). */
    private static void readServerFlight(TlsConnection c, InputStream in) throws IOException {
        byte[] buf = new byte[1 << 14];
        while (!c.hasOutgoing()) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            c.receive(ByteBuffer.wrap(buf, 0, n));
        }
    }

    /** A client that walks the handshake to {@code step} and vanishes, with a FIN or (reset) a RST. */
    private static void vanish(int port, Step step, boolean reset) throws IOException {
        Socket s = connect(port);
        try {
            TlsConnection c = TlsConnection.client(LoadTest.clientConfig().sessionTickets(false).build(), "localhost", port);
            OutputStream out = s.getOutputStream();
            byte[] hello = outgoing(c);
            switch (step) {
                case BEFORE_ANY_BYTE:
                    break;
                case MID_CLIENT_HELLO:
                    out.write(hello, 0, hello.length / 2);
                    break;
                default:
                    out.write(hello);
                    if (step == Step.AFTER_CLIENT_HELLO) {
                        break;
                    }
                    readServerFlight(c, s.getInputStream());
                    byte[] flight = outgoing(c);
                    if (step == Step.MID_CLIENT_FLIGHT) {
                        out.write(flight, 0, flight.length / 2);
                    } else if (step == Step.AFTER_CLIENT_FLIGHT) {
                        out.write(flight);
                    }
                    break;
            }
            out.flush();
        } finally {
            if (reset) {
                s.setSoLinger(true, 0);
            }
            s.close();
        }
    }

    /** Sends the ClientHello one byte per {@code gap}; returns when the server closes the connection. */
    private static long trickle(int port, Duration gap) throws Exception {
        try (Socket s = connect(port)) {
            TlsConnection c = TlsConnection.client(LoadTest.clientConfig().build(), "localhost", port);
            byte[] hello = outgoing(c);
            long t0 = System.nanoTime();
            CompletableFuture<Integer> closed = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.getInputStream().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            for (byte b : hello) {
                if (closed.isDone()) {
                    break;
                }
                try {
                    s.getOutputStream().write(b);
                } catch (IOException e) {
                    break;
                }
                Thread.sleep(gap.toMillis());
            }
            assertThat(closed.get(10, TimeUnit.SECONDS)).as("the server closed the stalled connection").isLessThan(0);
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    /** A whole conversation whose client then closes TCP without close_notify. */
    private static void truncate(int port) throws Exception {
        try (Socket s = connect(port)) {
            TlsSocket tls = new TlsSocket(s, TlsConnection.client(LoadTest.clientConfig().build(), "localhost", port));
            tls.handshake(Duration.ofSeconds(10));
            DataOutputStream out = new DataOutputStream(tls.getOutputStream());
            out.writeInt(3);
            out.write(new byte[] {1, 2, 3});
            out.flush();
            tls.getInputStream().readNBytes(32 + 3);
            // s.close() below without tls.close(): no close_notify.
        }
    }

    @Test
    void aClientFacingASilentServerGivesUpAtItsDeadlineAndCachesNothing() throws Exception {
        TlsConfig config = LoadTest.clientConfig().build();
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = connect(silent.getLocalPort());
             Socket accepted = silent.accept()) {
            TlsSocket tls = new TlsSocket(s, TlsConnection.client(config, "localhost", silent.getLocalPort()));
            long t0 = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tls.handshake(Duration.ofMillis(300)))
                    .isInstanceOf(java.net.SocketTimeoutException.class).hasMessageContaining("300 ms");
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 5_000L);
            assertThat(accepted.getInputStream().available()).as("the ClientHello arrived").isPositive();
        }
        assertThat(config.clientSessionCache().size()).isZero();
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @Test
    void theServerOutlivesHostilePeersAndLeaksNothing() throws Exception {
        assertThat(Path.of("/proc/self/fd")).as("/proc/self/fd (Linux) to count file descriptors").isDirectory();
        // Warm up: classes loaded, JIT threads started, so that the counts below compare like with like.
        try (LoopbackServer warm = new LoopbackServer(LoadTest.serverConfig().build(), 4, DEADLINE)) {
            LoadTest.converse(LoadTest.clientConfig().build(), warm.port(), 10, 1);
            assertThat(warm.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
        System.gc();
        long fdsBefore = openFileDescriptors();
        int threadsBefore = liveThreads();

        TlsConfig serverConfig = LoadTest.serverConfig().build();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        int vanishing = 0;
        try (LoopbackServer server = new LoopbackServer(serverConfig, 16, DEADLINE)) {
            // Others are served meanwhile.
            CompletableFuture<LoadTest.Run> others = CompletableFuture.supplyAsync(() -> {
                try {
                    return LoadTest.load(server.port(), 120, 6, errors);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (Step step : Step.values()) {
                for (boolean reset : new boolean[] {false, true}) {
                    vanish(server.port(), step, reset);
                    vanishing++;
                }
            }
            long stalledFor = trickle(server.port(), Duration.ofMillis(100));
            truncate(server.port());
            LoadTest.Run run = others.get(2, TimeUnit.MINUTES);
            assertThat(server.awaitIdle(Duration.ofSeconds(20))).as("server idle: " + server.counts()).isTrue();
            System.out.println("FaultsTest: " + server.counts() + "; stalled client cut after " + stalledFor + " ms; others: "
                    + run.describe());

            assertThat(errors).as("the other clients' failures").isEmpty();
            assertThat(run.ok()).isEqualTo(120);
            assertThat(server.count(LoopbackServer.End.SERVED)).isEqualTo(120);
            assertThat(server.count(LoopbackServer.End.HANDSHAKE_DEADLINE)).as(server.counts()).isEqualTo(1);
            assertThat(stalledFor).as("cut at the handshake deadline, not by a read timeout")
                    .isBetween(DEADLINE.toMillis() - 100, DEADLINE.toMillis() + 3_000);
            // Truncations: the peer that closed without close_notify after its request, and the one
            // that sent its whole flight and closed (FIN): to the server its handshake completed, then
            // the stream ended without close_notify. The same with a reset is a vanished peer.
            assertThat(server.count(LoopbackServer.End.TRUNCATED)).as(server.counts()).isEqualTo(2);
            assertThat(server.count(LoopbackServer.End.PEER_VANISHED) + server.count(LoopbackServer.End.HANDSHAKE_FAILED))
                    .as(server.counts()).isEqualTo(vanishing - 1);
            assertThat(server.count(LoopbackServer.End.OTHER) + server.count(LoopbackServer.End.READ_TIMEOUT))
                    .as(server.counts()).isZero();
            // Sessions only from completed full handshakes: the full ones among the others, the
            // truncated one and the client that vanished after its whole flight (with FIN or RST:
            // its Finished may have been read before the reset).
            assertThat(serverConfig.serverSessionCache().size()).as("server sessions")
                    .isLessThanOrEqualTo(120 - run.resumed() + 3).isPositive();
        }
        // Everything the server had is gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((liveThreads() > threadsBefore + 2 || openFileDescriptors() > fdsBefore + 2) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(liveThreads()).as("threads").isLessThanOrEqualTo(threadsBefore + 2);
        assertThat(openFileDescriptors()).as("file descriptors").isLessThanOrEqualTo(fdsBefore + 2);
    }
}
