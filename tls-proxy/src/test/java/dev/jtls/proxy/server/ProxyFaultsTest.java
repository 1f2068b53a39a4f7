package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.BackendTimeouts;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.KeepAliveConfig;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.http.ExchangeRecord;
import dev.jtls.proxy.testing.Await;
import dev.jtls.proxy.testing.ProxyConfigs;
import dev.jtls.proxy.testing.ProxyHarness;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Back ends failing under load: killed, closing idle connections early, too slow, all gone. */
@Timeout(90)
class ProxyFaultsTest {
    private final ProxyHarness h = new ProxyHarness();
    private final List<TestBackend> backends = h.backends;
    private final List<ExchangeRecord> exchanges = h.exchanges;
    private ProxyServer proxy;

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port("https") + path))
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void aBackEndKilledDuringTwoThousandRequestsCostsOnlyPostsInFlightOnItAndComesBackSlowly() throws Exception {
        Duration interval = Duration.ofMillis(200);
        var pool = ProxyConfigs.with(ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(3)),
                new HealthCheckConfig(HealthCheckConfig.Kind.TCP, null, 200, interval, Duration.ofMillis(150), 2, 1),
                new PassiveHealthConfig(3, Duration.ofMillis(500), false), Duration.ofSeconds(2));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("kill", "localhost"), pool), 2);
        BackendState victim = proxy.pools().get("web").backends().get(1);
        HttpClient client = ProxyHarness.client();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger postFailures = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        ExecutorService pool4 = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool4.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        // Every fourth request is a POST: not idempotent, so not retried once sent.
                        boolean post = i % 4 == 3;
                        HttpRequest req = post ? HttpRequest.newBuilder(get("/k").uri())
                                .POST(HttpRequest.BodyPublishers.ofString("p")).build() : get("/k");
                        try {
                            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                (post ? postFailures : failures).incrementAndGet();
                            }
                        } catch (Exception e) {
                            (post ? postFailures : failures).incrementAndGet();
                        }
                        int n = done.incrementAndGet();
                        if (n == 500) {
                            killedAt.set(System.nanoTime());
                            backends.get(1).kill();
                        }
                    }
                    return null;
                }));
            }
            // Bring it back half way through; it must be readmitted and ramped by slow start.
            while (done.get() < 1000) {
                Thread.sleep(5);
            }
            int servedBefore = backends.get(1).requests.get();
            backends.get(1).restart();
            Await.until("readmitted after restart", victim::eligible);
            assertThat(victim.weight()).as("slow start ramps the weight").isLessThan(victim.configuredWeight());
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(failures.get()).as("failed GETs (retried elsewhere)").isZero();
            // At most the POSTs that were in flight on the victim when it died (one per client thread).
            assertThat(postFailures.get()).as("failed POSTs").isLessThanOrEqualTo(4);
            // Timed when the pool told the change, not when a client thread next looked (its own request can
            // take long on a busy machine): within one check interval plus the check's timeout (150 ms), with
            // 300 ms more for a loaded machine's scheduling.
            long ejectedAt = h.stateChanges.stream()
                    .filter(c -> c.backend().equals("b1") && c.from() == BackendState.Status.UP && c.nanos() >= killedAt.get())
                    .mapToLong(ProxyHarness.StateChange::nanos).findFirst()
                    .orElseThrow(() -> new AssertionError("b1 never ejected: " + h.stateChanges));
            assertThat(Duration.ofNanos(ejectedAt - killedAt.get())).isLessThanOrEqualTo(interval.plusMillis(150 + 300));
            assertThat(backends.get(1).requests.get()).as("served again after readmission").isGreaterThan(servedBefore);
        } finally {
            pool4.shutdownNow();
        }
        assertThat(h.awaitExchanges(2000)).hasSize(2000);
        assertThat(exchanges).filteredOn(e -> e.status() != 200)
                .allMatch(e -> e.method().equals("POST") && e.status() == 502 && "b1".equals(e.backend()));
    }

    @Test
    void aBackEndClosingIdleConnectionsEarlyIsNeverSeenByClients() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(2));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("idle", "localhost"), pool), 2);
        // The back ends give up an idle connection after 10 ms; the proxy would keep it 30 s.
        backends.forEach(b -> b.idleCloseMillis = 10);
        HttpClient client = ProxyHarness.client();
        Random random = new Random(7);
        String[] methods = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
        int failures = 0;
        for (int i = 0; i < 300; i++) {
            Thread.sleep(random.nextInt(20));
            String m = methods[i % methods.length];
            HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port("https") + "/i"))
                    .method(m, m.equals("PUT") ? HttpRequest.BodyPublishers.ofString("x") : HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            failures += r.statusCode() == 200 ? 0 : 1;
        }
        assertThat(failures).isZero();
        // The back ends did close connections under the proxy: many were opened, not one per back end.
        assertThat(backends.get(0).connections.get() + backends.get(1).connections.get()).isGreaterThan(20);
    }

    @Test
    void fiveHundredsEjectWhenCountedAndTheConnectionLimitAnswers503() throws Exception {
        var pool = ProxyConfigs.with(ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1)),
                new HealthCheckConfig(HealthCheckConfig.Kind.NONE, null, 200, Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3),
                new PassiveHealthConfig(2, Duration.ofSeconds(30), true), Duration.ZERO);
        pool = ProxyConfigs.with(pool, new KeepAliveConfig(4, 1, Duration.ofSeconds(30), 0));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("5xx", "localhost"), pool), 1);
        HttpClient client = ProxyHarness.client();
        // max_per_backend 1: while one slow request holds the only connection, another gets 503 at once.
        backends.get(0).delayMillis = 500;
        var slow = client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
        Await.until("the slow request at the back end", () -> backends.get(0).requests.get() == 1);
        HttpResponse<String> refused = ProxyHarness.client().send(get("/second"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("max_per_backend");
        assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        backends.get(0).delayMillis = 0;
        // Two 500s in a row with count_5xx: the back end is ejected, and the pool answers 503.
        for (int i = 0; i < 2; i++) {
            assertThat(client.send(get("/status/500"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
        }
        assertThat(proxy.pools().get("web").backends().get(0).status()).isEqualTo(BackendState.Status.EJECTED);
        assertThat(client.send(get("/after"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    }

    @Test
    void keepAliveLimitsCapIdleConnectionsAndRequestsPerConnection() throws Exception {
        var pool = ProxyConfigs.with(ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1)),
                new KeepAliveConfig(1, 64, Duration.ofSeconds(30), 5));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("ka", "localhost"), pool), 1);
        HttpClient client = ProxyHarness.client();
        for (int i = 0; i < 20; i++) {
            assertThat(client.send(get("/r"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        // max_requests 5: 20 sequential requests take 4 back-end connections.
        assertThat(backends.get(0).connections.get()).isEqualTo(4);
        // Four at once need four connections; afterwards max_idle 1 keeps one.
        backends.get(0).delayMillis = 200;
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            burst.add(ProxyHarness.client().sendAsync(get("/b"), HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : burst) {
            assertThat(f.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        BackendState b0 = proxy.pools().get("web").backends().get(0);
        // The connections go back to the pool just after the responses: the surplus is closed then.
        Await.until("one connection left", () -> proxy.openConnections(b0) <= 1);
        assertThat(proxy.idleConnections(b0)).isEqualTo(1);
        assertThat(proxy.openConnections(b0)).isEqualTo(1);
    }

    @Test
    void aSlowBackEndGets504AndTheNextRequestIsServed() throws Exception {
        var pool = ProxyConfigs.with(ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1)),
                new BackendTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("slow", "localhost"), pool), 1);
        backends.get(0).delayMillis = 2000;
        HttpClient client = ProxyHarness.client();
        HttpResponse<String> r = client.send(get("/slow"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("did not answer within 300 ms");
        backends.get(0).delayMillis = 0;
        assertThat(client.send(get("/fast"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyBackEndDownGives503AndAConnectFailureIsRetriedElsewhere() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(2));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("down", "localhost"), pool), 1);
        HttpClient client = ProxyHarness.client();
        backends.get(0).kill();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(get("/p").uri())
                    .POST(HttpRequest.BodyPublishers.ofString("data")).build(), HttpResponse.BodyHandlers.ofString());
            // A refused connect sent nothing: even a POST goes to the other back end.
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("b1");
        }
        proxy.pools().get("web").drain("b0");
        proxy.pools().get("web").drain("b1");
        HttpResponse<String> r = client.send(get("/none"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("no healthy back end in pool 'web'");
    }
}
