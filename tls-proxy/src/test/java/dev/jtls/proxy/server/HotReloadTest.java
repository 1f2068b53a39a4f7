package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.config.ConfigLoader;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.testing.RawTls;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Change without dropping anything: a reload by file watch, a refused reload, a reload with a
 * certificate swap by the admin call, all in the middle of 10,000 keep-alive requests from clients that
 * also open new connections; and a drained back end that takes no new requests while its request in
 * flight completes.
 */
class HotReloadTest {
    private static final String TOKEN = "reload-test-token-0123456789";
    private static final int REQUESTS = 10_000;
    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_CONNECTION = 200;

    private final List<TestBackend> backends = new ArrayList<>();
    private ProxyServer proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.stop(Duration.ofSeconds(1));
        }
        backends.forEach(TestBackend::close);
    }

    private TestBackend backend(String name) throws Exception {
        TestBackend b = TestBackend.start(name);
        backends.add(b);
        return b;
    }

    private static String yaml(TestPki.Leaf leaf, String backends) {
        return """
                listeners:
                  - name: https
                    bind: 127.0.0.1:0
                    mode: http
                    tls:
                      certificates: [{cert: "%s", key: "%s", names: [localhost]}]
                      strict_sni: false
                    routes: [{path: /, pool: web}]
                pools:
                  web:
                    policy: round_robin
                    backends: [%s]
                    health: {type: none}
                admin:
                  bind: 127.0.0.1:0
                  token: %s
                access_log: off
                """.formatted(leaf.certFile(), leaf.keyFile(), backends, TOKEN);
    }

    private static String entry(String name, TestBackend b) {
        return "{name: " + name + ", address: \"127.0.0.1:" + b.port() + "\"}";
    }

    private ProxyServer start(Path file) throws Exception {
        proxy = ProxyServer.start(ConfigLoader.load(file), ProxyEvents.NONE, 2);
        proxy.watch(file);
        return proxy;
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        var a = proxy.adminAddress();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** A new connection: the certificate it was shown and the back end that answered. */
    private record Fresh(X509Certificate cert, String servedBy) {}

    private Fresh fresh() throws Exception {
        try (RawTls c = RawTls.connect(proxy.port("https"), "localhost")) {
            X509Certificate cert = (X509Certificate) c.socket.getSession().getPeerCertificates()[0];
            String r = c.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse();
            assertThat(r).startsWith("HTTP/1.1 200 ");
            return new Fresh(cert, r.substring(r.indexOf("\r\n\r\n") + 4));
        }
    }

    private static void awaitDone(AtomicInteger done, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void reloadsAndACertificateSwapMidRunFailNoRequest() throws Exception {
        TestBackend b0 = backend("b0");
        TestBackend b1 = backend("b1");
        TestPki.Leaf first = TestPki.get().leaf("reload-first", "localhost");
        TestPki.Leaf second = TestPki.get().leaf("reload-second", "localhost");
        Path file = TestPki.get().dir.resolve("reload.yaml");
        Files.writeString(file, yaml(first, entry("b0", b0)));
        start(file);
        int port = proxy.port("https");

        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(CompletableFuture.runAsync(() -> {
                while (issued.getAndIncrement() < REQUESTS) {
                    // Keep-alive connections that also come and go, so some start under each configuration.
                    try (RawTls c = RawTls.connect(port, "localhost")) {
                        for (int k = 0; k < REQUESTS_PER_CONNECTION; k++) {
                            String r = c.send("GET /r HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse();
                            if (!r.startsWith("HTTP/1.1 200 ")) {
                                failures.add(r.lines().findFirst().orElse(r));
                            }
                            done.incrementAndGet();
                            if (k + 1 < REQUESTS_PER_CONNECTION && issued.getAndIncrement() >= REQUESTS) {
                                break;
                            }
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                        done.incrementAndGet();
                    }
                }
            }));
        }

        // 1. The file changes (new certificate, the pool now b1): the watcher reloads; new connections see it at once.
        awaitDone(done, 2_000);
        Files.writeString(file, yaml(second, entry("b1", b1)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Fresh seen = fresh();
        while (!seen.cert().equals(second.cert()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = fresh();
        }
        assertThat(seen.cert()).as("the watcher reloaded the certificate").isEqualTo(second.cert());
        assertThat(seen.servedBy()).isEqualTo("b1");

        // 2. A configuration that fails validation is refused; the running one goes on.
        awaitDone(done, 4_000);
        String broken = yaml(first, entry("b0", b0)).replace("policy: round_robin", "policy: sideways");
        Path brokenFile = TestPki.get().dir.resolve("reload-broken.yaml");
        Files.writeString(brokenFile, broken);
        Files.move(brokenFile, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        HttpResponse<String> refused = admin("POST", "/reload");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("running configuration is unchanged").contains("sideways");
        assertThat(fresh()).isEqualTo(new Fresh(second.cert(), "b1"));

        // 3. The admin call reloads a certificate swap back and a pool of both.
        awaitDone(done, 6_000);
        Files.writeString(file, yaml(first, entry("b0", b0) + ", " + entry("b1", b1)));
        HttpResponse<String> reloaded = admin("POST", "/reload");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(fresh().cert()).isEqualTo(first.cert());

        CompletableFuture.allOf(clients.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(done.get()).isEqualTo(REQUESTS);
        assertThat(b0.requests.get() + b1.requests.get()).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(b1.requests.get()).isPositive();
    }

    @Test
    void aDrainedBackendTakesNoNewRequestsAndFinishesItsInFlightOne() throws Exception {
        TestBackend b0 = backend("b0");
        TestBackend b1 = backend("b1");
        Path file = TestPki.get().dir.resolve("drain.yaml");
        Files.writeString(file, yaml(TestPki.get().leaf("drain", "localhost"), entry("b0", b0) + ", " + entry("b1", b1)));
        start(file);
        b0.delayMillis = 1_500;
        // Round robin: of two requests on their own connections, one is in flight on b0.
        List<CompletableFuture<Fresh>> inFlight = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return fresh();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (b0.requests.get() + b1.requests.get() <= i && System.nanoTime() < until) {
                Thread.sleep(5);
            }
        }
        assertThat(b0.requests.get()).isEqualTo(1);

        HttpResponse<String> drained = admin("POST", "/pools/web/backends/b0/drain");
        assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(fresh().servedBy()).isEqualTo("b1");
        }
        assertThat(b0.requests.get()).as("no new request reached the drained back end").isEqualTo(1);
        List<String> servedBy = new ArrayList<>();
        for (CompletableFuture<Fresh> f : inFlight) {
            servedBy.add(f.get(10, TimeUnit.SECONDS).servedBy());
        }
        assertThat(servedBy).containsExactlyInAnyOrder("b0", "b1");
    }
}
