package dev.jtls.proxy.l4;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.BackendTimeouts;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Pools over loopback ports for the L4 tests; one failure ejects for 30 s. */
final class TestPools {
    private TestPools() {
    }

    static PoolState pool(String name, int... ports) {
        return pool(name, Duration.ofSeconds(2), ports);
    }

    static PoolState pool(String name, Duration connectTimeout, int... ports) {
        List<BackendConfig> backends = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            backends.add(new BackendConfig(name + i, "127.0.0.1", ports[i], 1));
        }
        return new PoolState(new PoolConfig(name, PolicyKind.ROUND_ROBIN, null, backends, null,
                new PassiveHealthConfig(1, Duration.ofSeconds(30), false), Duration.ZERO,
                new BackendTimeouts(connectTimeout, Duration.ofSeconds(5)), null, null),
                Clock.systemUTC(), null);
    }

    /** A port nothing listens on (bound then released; good enough on a test machine). */
    static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Records relay events as text. */
    static final class Events implements RelayEvents {
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();

        @Override
        public void connected(String pool, String backend) {
            seen.add("connected " + backend);
        }

        @Override
        public void connectFailed(String pool, String backend, String reason) {
            seen.add("failed " + backend);
            reasons.add(reason);
        }

        @Override
        public void noBackend(String pool) {
            seen.add("none " + pool);
        }

        @Override
        public void closed(String pool, String backend, long bytesToBackend, long bytesToClient) {
            seen.add("closed " + backend + " " + bytesToBackend + " " + bytesToClient);
        }
    }

    /** Waits (up to 5 s) until every back end of {@code pool} has nothing in flight. */
    static boolean awaitIdle(PoolState pool) throws InterruptedException {
        long deadline = System.nanoTime() + Await.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (pool.backends().stream().allMatch(b -> b.inFlight() == 0)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
