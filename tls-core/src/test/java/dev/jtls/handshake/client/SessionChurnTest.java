package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.TicketKeys;
import dev.jtls.session.TicketSealer;
import dev.jtls.testing.AnyChain;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Session caches and ticket keys under churn, from several threads at once (in memory): caches
 * with more sessions than their bound stay within it and keep resuming what they still hold, and
 * ticket keys rotating during the load never fail a resumption whose key is still accepted.
 */
class SessionChurnTest {
    /** One handshake between {@code client} and a new server connection; returns the client connection. */
    private static TlsConnection handshake(TlsConfig client, String host, TlsConfig server) throws Exception {
        TlsConnection c = TlsConnection.client(client, host, 443, JssePeer.HOST);
        TlsConnection s = TlsConnection.server(server);
        JtlsToJtlsTest.pump(c, s, ByteBuffer.allocate(1 << 12), ByteBuffer.allocate(1 << 12));
        assertThat(c.status()).as("client " + c.failure()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(s.status()).as("server " + s.failure()).isEqualTo(TlsConnection.Status.CONNECTED);
        return c;
    }

    private static boolean resumed(TlsConnection c) {
        return JtlsToJtlsTest.negotiated(c).resumed();
    }

    private static void inParallel(int threads, int perThread, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    task.run(thread, i);
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        for (Future<?> f : futures) {
            f.get();
        }
    }

    @FunctionalInterface
    private interface Task {
        void run(int thread, int i) throws Exception;
    }

    @Test
    void cachesUnderChurnStayBoundedAndKeepResumingWhatTheyHold() throws Exception {
        ServerSessionCache serverCache = new ServerSessionCache(Clock.systemUTC(), 20, Duration.ofHours(1));
        TlsConfig server = JtlsToJtlsTest.server().serverSessionCache(serverCache).sessionTickets(false).build();
        ClientSessionCache clientCache = new ClientSessionCache(Clock.systemUTC(), 15, Duration.ofHours(1));
        // Many peer names for one server certificate: the host name check is not under test here.
        TlsConfig client = ClientJsseHandshakeTest.config().trust(AnyChain.INSTANCE).clientSessionCache(clientCache)
                .sessionTickets(false).build();
        AtomicInteger full = new AtomicInteger();
        AtomicInteger maxServer = new AtomicInteger();
        AtomicInteger maxClient = new AtomicInteger();
        // 4 threads × 25 distinct peers: 100 sessions for caches of 20 and 15.
        inParallel(4, 25, (thread, i) -> {
            TlsConnection c = handshake(client, "peer-" + thread + "-" + i, server);
            if (!resumed(c)) {
                full.incrementAndGet();
            }
            maxServer.accumulateAndGet(serverCache.size(), Math::max);
            maxClient.accumulateAndGet(clientCache.size(), Math::max);
        });
        assertThat(full.get()).isEqualTo(100);
        assertThat(maxServer.get()).as("server cache bound").isLessThanOrEqualTo(20);
        assertThat(maxClient.get()).as("client cache bound").isLessThanOrEqualTo(15);
        // The most recent peer's session is held by both caches: it resumes. The first one's is gone: a full handshake, no error.
        assertThat(resumed(handshake(client, "last", server))).isFalse();
        assertThat(resumed(handshake(client, "last", server))).isTrue();
        assertThat(resumed(handshake(client, "peer-0-0", server))).isFalse();
        assertThat(serverCache.size()).isLessThanOrEqualTo(20);
        assertThat(clientCache.size()).isLessThanOrEqualTo(15);
    }

    @Test
    void ticketKeyRotationUnderLoadNeverFailsAResumptionThatShouldWork() throws Exception {
        TlsConfig base = JtlsToJtlsTest.server().build();
        int previousKeys = 2;
        TicketKeys keys = new TicketKeys(base.crypto(), Clock.systemUTC(), Duration.ofHours(1), previousKeys);
        TlsConfig server = JtlsToJtlsTest.server().sessionIdResumption(false)
                .ticketSealer(new TicketSealer(base.crypto(), keys, Clock.systemUTC())).build();
        AtomicInteger rotations = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread rotator = new Thread(() -> {
            while (!stop.get()) {
                keys.rotate();
                rotations.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        rotator.start();
        AtomicInteger mustResume = new AtomicInteger();
        AtomicInteger mayFail = new AtomicInteger();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger round = new AtomicInteger();
        try {
            // Rounds of parallel handshakes until the keys have rotated past the accepted ones a few
            // times over (in-memory handshakes are fast: one round may see no rotation at all).
            do {
            int r = round.incrementAndGet();
            inParallel(4, 12, (thread, i) -> {
                TlsConfig client = ClientJsseHandshakeTest.config().trust(AnyChain.INSTANCE).build();
                String host = "rotating-" + r + "-" + thread + "-" + i;
                int before = rotations.get();
                assertThat(resumed(handshake(client, host, server))).isFalse();
                TlsConnection again = handshake(client, host, server);
                int after = rotations.get();
                // The ticket's key was current at some point after `before`; with fewer than
                // previousKeys rotations counted by `after` (one may be under way, not yet counted),
                // the server still holds it.
                if (after - before < previousKeys) {
                    mustResume.incrementAndGet();
                    if (!resumed(again)) {
                        wrong.add(host + ": " + (after - before) + " rotations");
                    }
                } else {
                    mayFail.incrementAndGet();
                }
            });
            } while (rotations.get() <= 2 * previousKeys && round.get() < 200);
        } finally {
            stop.set(true);
            rotator.join();
        }
        System.out.println("SessionChurnTest: " + rotations.get() + " key rotations; " + mustResume.get()
                + " resumptions within the accepted keys, " + mayFail.get() + " beyond them");
        assertThat(wrong).isEmpty();
        assertThat(mustResume.get()).as("resumptions that had to work").isPositive();
        assertThat(rotations.get()).isGreaterThan(previousKeys);
    }
}
