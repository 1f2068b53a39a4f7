package dev.jtls.proxy.testing;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.config.ProxyConfig;
import dev.jtls.proxy.http.ExchangeRecord;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.proxy.server.ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an end-to-end test needs around the proxy: recording back ends, the proxies it started, the
 * events they reported (exchanges, handshakes, handshake failures), a JDK HttpClient trusting the test
 * CA; {@link #close} stops them all.
 */
public final class ProxyHarness implements AutoCloseable {
    public final List<TestBackend> backends = new CopyOnWriteArrayList<>();
    public final List<ExchangeRecord> exchanges = new CopyOnWriteArrayList<>();
    public final List<TlsFacts> handshakes = new CopyOnWriteArrayList<>();
    public final List<String> handshakeFailures = new CopyOnWriteArrayList<>();
    public final List<StateChange> stateChanges = new CopyOnWriteArrayList<>();

    /** A back end's state change as the proxy told it, and when ({@link System#nanoTime()}). */
    public record StateChange(String pool, String backend, BackendState.Status from, BackendState.Status to,
            String reason, long nanos) {}
    private final List<ProxyServer> proxies = new CopyOnWriteArrayList<>();

    public final ProxyEvents events = new ProxyEvents() {
        @Override
        public void exchangeCompleted(ExchangeRecord record) {
            exchanges.add(record);
        }

        @Override
        public void handshakeCompleted(String listener, TlsFacts facts) {
            handshakes.add(facts);
        }

        @Override
        public void handshakeFailed(String listener, String reason) {
            handshakeFailures.add(reason);
        }

        @Override
        public void backendStateChanged(String pool, String backend, BackendState.Status from,
                BackendState.Status to, String reason) {
            stateChanges.add(new StateChange(pool, backend, from, to, reason, System.nanoTime()));
        }
    };

    /**
     * The recorded exchanges once there are {@code n}: the proxy records an exchange just after its
     * last byte is written, so a client can have its response a moment before.
     */
    public List<ExchangeRecord> awaitExchanges(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Await.DEADLINE.toNanos();
        while (exchanges.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return exchanges;
    }

    /** {@code n} more back ends, named b0, b1, … in order; returns all of them. */
    public List<TestBackend> backends(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            backends.add(TestBackend.start("b" + backends.size()));
        }
        return backends;
    }

    public TestBackend backend(String name) throws InterruptedException {
        TestBackend b = TestBackend.start(name);
        backends.add(b);
        return b;
    }

    /** Starts a proxy reporting to this harness; the first one started is {@link #proxy()}. */
    public ProxyServer start(ProxyConfig config, int threads) throws Exception {
        ProxyServer p = ProxyServer.start(config, events, threads);
        proxies.add(p);
        return p;
    }

    public ProxyServer proxy() {
        return proxies.get(0);
    }

    /** {@code https://localhost:<first proxy's "https" port><path>}. */
    public URI uri(String path) {
        return URI.create("https://localhost:" + proxy().port("https") + path);
    }

    public static HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(TestPki.get().clientContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The proxy was stopped by the test itself. */
    public void forget(ProxyServer p) {
        proxies.remove(p);
    }

    @Override
    public void close() throws InterruptedException {
        for (ProxyServer p : proxies) {
            p.stop(Duration.ofSeconds(1));
        }
        backends.forEach(TestBackend::close);
    }
}
