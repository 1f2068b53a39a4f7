package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load on real loopback sockets: N handshakes from C concurrent jtls clients against one jtls
 * server ({@link LoopbackServer}), each connection sending random data and checking the server's
 * SHA-256 of it and the bytes echoed back. No failure, no lost or corrupted byte; handshake
 * latency p50/p99 printed. The short form runs in every build; the long form is
 * {@code -Djtls.load.handshakes=10000 -Djtls.load.clients=200} (README "Load and faults").
 */
class LoadTest {
    static final Issued CA = TestCerts.ca("Load Test CA", Kind.EC_P256);
    static final Issued LEAF = TestCerts.leaf(CA, "localhost", Kind.EC_P256, List.of("localhost"));

    static TlsConfig.Builder serverConfig() {
        return TlsConfig.builder().certifiedKey(new CertifiedKey(List.of(LEAF.certificate(), CA.certificate()), LEAF.privateKey()));
    }

    static TlsConfig.Builder clientConfig() {
        return TlsConfig.builder().trust(new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC()));
    }

    /** What one client connection saw. */
    record Outcome(long handshakeNanos, boolean resumed) {
    }

    /**
     * One connection: handshake, a request of {@code size} random bytes, the digest and echo
     * checked, close_notify. Throws on any failure or corruption.
     */
    static Outcome converse(TlsConfig config, int port, int size, long seed) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            s.setTcpNoDelay(true);
            TlsSocket tls = new TlsSocket(s, TlsConnection.client(config, "localhost", port));
            long t0 = System.nanoTime();
            tls.handshake(Duration.ofSeconds(20));
            long took = System.nanoTime() - t0;
            byte[] data = new byte[size];
            new SplittableRandom(seed).nextBytes(data);
            DataOutputStream out = new DataOutputStream(tls.getOutputStream());
            out.writeInt(size);
            out.write(data);
            out.flush();
            DataInputStream in = new DataInputStream(tls.getInputStream());
            byte[] digest = new byte[32];
            in.readFully(digest);
            byte[] echo = new byte[size];
            in.readFully(echo);
            if (!Arrays.equals(digest, LoopbackServer.sha256(data)) || !Arrays.equals(echo, data)) {
                throw new AssertionError("corrupted data on connection with seed " + seed);
            }
            tls.close();
            boolean resumed = tls.connection().events().stream().anyMatch(e -> e instanceof dev.jtls.handshake.Negotiated
                    && ((dev.jtls.handshake.Negotiated) e).resumed());
            return new Outcome(took, resumed);
        }
    }

    /** Result of a load run. */
    record Run(int ok, int failures, long bytes, List<Long> latencies, int resumed, long millis) {
        long percentile(double p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }

        String describe() {
            return String.format("%d handshakes in %d ms (%d resumed), %d failures, %d bytes each way checked;"
                            + " handshake p50 %.2f ms, p99 %.2f ms", ok, millis, resumed, failures, bytes,
                    percentile(0.50) / 1e6, percentile(0.99) / 1e6);
        }
    }

    /**
     * {@code handshakes} connections from {@code clients} threads; every other thread resumes
     * (its own session cache), the others do full handshakes only.
     */
    static Run load(int port, int handshakes, int clients, List<Throwable> errors) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger resumed = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            boolean resuming = c % 2 == 0;
            TlsConfig config = resuming ? clientConfig().build()
                    : clientConfig().sessionIdResumption(false).sessionTickets(false).build();
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < handshakes; i = next.getAndIncrement()) {
                    int size = 1 + (int) ((i * 7919L) % 20_000);
                    try {
                        Outcome o = converse(config, port, size, i);
                        latencies.add(o.handshakeNanos());
                        ok.incrementAndGet();
                        bytes.addAndGet(size);
                        if (o.resumed()) {
                            resumed.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).as("clients finished").isTrue();
        for (Future<?> f : futures) {
            f.get();
        }
        return new Run(ok.get(), errors.size(), bytes.get(), latencies, resumed.get(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void manyConcurrentClientsAllConnectAndEveryByteArrives() throws Exception {
        int handshakes = Integer.getInteger("jtls.load.handshakes", 500);
        int clients = Integer.getInteger("jtls.load.clients", 50);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        Run run;
        try (LoopbackServer server = new LoopbackServer(serverConfig().build(), Math.max(8, clients), Duration.ofSeconds(10))) {
            run = load(server.port(), handshakes, clients, errors);
            assertThat(server.awaitIdle(Duration.ofSeconds(20))).as("server idle: " + server.counts()).isTrue();
            assertThat(server.count(LoopbackServer.End.SERVED)).as(server.counts()).isEqualTo(handshakes);
        }
        System.out.println("LoadTest: " + clients + " clients: " + run.describe());
        assertThat(errors).as("client failures").isEmpty();
        assertThat(run.ok()).isEqualTo(handshakes);
        assertThat(run.resumed()).as("resumed handshakes").isPositive().isLessThan(handshakes);
    }
}
