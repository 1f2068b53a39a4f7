package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.Cidr;
import dev.jtls.proxy.config.RouteConfig;
import dev.jtls.proxy.http.ExchangeRecord;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.proxy.testing.ProxyConfigs;
import dev.jtls.proxy.testing.ProxyHarness;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Requests through the proxy from the JDK's HttpClient to in-process back ends: distribution, keep-alive, headers. */
@Timeout(60)
class ProxyRoundTripTest {
    private final ProxyHarness h = new ProxyHarness();
    private final List<TestBackend> backends = h.backends;
    private final List<ExchangeRecord> exchanges = h.exchanges;
    private final List<TlsFacts> handshakes = h.handshakes;
    private ProxyServer proxy;

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + proxy.port("https") + path);
    }

    @Test
    void weightedRoundRobinSharesExactlyAndReusesConnectionsOnBothSides() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.WEIGHTED_ROUND_ROBIN, h.backends(3), 1, 2, 1);
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("rt", "localhost"), pool), 2);
        HttpClient client = ProxyHarness.client();
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            served.merge(r.body(), 1, Integer::sum);
        }
        // Smooth WRR over weights 1:2:1 is exact over whole cycles of 4.
        assertThat(served).containsEntry("b0", 100).containsEntry("b1", 200).containsEntry("b2", 100);
        // One client connection (one handshake), and each back end saw at most one TCP connection.
        assertThat(handshakes).hasSize(1);
        assertThat(handshakes.get(0).resumed()).isFalse();
        for (TestBackend b : backends) {
            assertThat(b.connections.get()).as(b.name + " connections").isEqualTo(1);
        }
        assertThat(h.awaitExchanges(400)).hasSize(400).allMatch(e -> e.status() == 200 && e.attempts() == 1);
    }

    @ParameterizedTest
    @EnumSource(PolicyKind.class)
    void eachPolicyDistributesAsItShould(PolicyKind policy) throws Exception {
        var pool = ProxyConfigs.pool("web", policy, h.backends(3), 1, 1, 1);
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("policy", "localhost"), pool), 2);
        HttpClient client = ProxyHarness.client();
        for (int i = 0; i < 300; i++) {
            assertThat(client.send(HttpRequest.newBuilder(uri("/p")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
        int[] served = backends.stream().mapToInt(b -> b.requests.get()).toArray();
        assertThat(served).as(policy + " " + java.util.Arrays.toString(served)).matches(s -> java.util.Arrays.stream(s).sum() == 300);
        switch (policy) {
            // Round robin (weighted or not, equal weights): exactly a third each.
            case ROUND_ROBIN, WEIGHTED_ROUND_ROBIN -> assertThat(served).containsExactly(100, 100, 100);
            // One client address: consistent hashing sends all of it to one back end.
            case IP_HASH -> assertThat(served).containsExactlyInAnyOrder(300, 0, 0);
            // Sequential requests leave every back end idle at each pick: ties are broken fairly.
            case LEAST_CONNECTIONS, POWER_OF_TWO -> assertThat(java.util.Arrays.stream(served).boxed().toList()).allMatch(n -> n >= 60 && n <= 140);
        }
    }

    @Test
    void bodiesGoThroughBothWaysAndLargeChunkedResponsesStream() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("body", "localhost"), pool), 1);
        HttpClient client = ProxyHarness.client();
        String body = "x".repeat(300_000);
        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo(body);
        HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(uri("/big/8000000")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).hasSize(8_000_000);
        assertThat(big.body()[7_999_999]).isEqualTo((byte) ('a' + (7_999_999 % (16 << 10)) % 26));
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/big/1000")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        // The connection is still good after a HEAD to a chunked resource.
        assertThat(client.send(HttpRequest.newBuilder(uri("/n")).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("b0");
        assertThat(backends.get(0).connections.get()).isEqualTo(1);
    }

    @Test
    void reEncryptsTowardBackEndsWithJtlsAsAClient() throws Exception {
        var inner = ProxyServer.start(ProxyConfigs.simple(TestPki.get().leaf("inner-re", "localhost"),
                ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1))), ProxyEvents.NONE, 1);
        try {
            var base = ProxyConfigs.pool("tls", PolicyKind.ROUND_ROBIN, List.of());
            var pool = new dev.jtls.proxy.config.PoolConfig("tls", PolicyKind.ROUND_ROBIN, "client_ip",
                    List.of(new dev.jtls.proxy.config.BackendConfig("inner", "127.0.0.1", inner.port("https"), 1)),
                    base.health(), base.passive(), base.slowStart(), base.timeouts(), base.keepAlive(),
                    new dev.jtls.proxy.config.BackendTlsConfig(TestPki.get().caPem, "localhost"));
            proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("outer-re", "localhost"), pool), 1);
            HttpClient client = ProxyHarness.client();
            for (int i = 0; i < 3; i++) {
                assertThat(client.send(HttpRequest.newBuilder(uri("/re")).build(), HttpResponse.BodyHandlers.ofString()).body())
                        .isEqualTo("b0");
            }
            // Three requests, one re-encrypted keep-alive connection from the outer proxy to the inner one.
            assertThat(backends.get(0).seen.getLast().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(proxy.openConnections(proxy.pools().get("tls").backends().get(0))).isEqualTo(1);
        } finally {
            inner.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void metricsOnTheAdminListenerCountHandshakesAndRequests() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1));
        var base = ProxyConfigs.simple(TestPki.get().leaf("metrics", "localhost"), pool);
        var config = new dev.jtls.proxy.config.ProxyConfig(base.listeners(), base.pools(), base.limits(),
                new dev.jtls.proxy.config.AdminConfig(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null),
                base.accessLog(), null);
        proxy = h.start(config, 1);
        HttpClient client = ProxyHarness.client();
        for (int i = 0; i < 5; i++) {
            client.send(HttpRequest.newBuilder(uri("/m")).build(), HttpResponse.BodyHandlers.ofString());
        }
        h.awaitExchanges(5); // counted just after the last byte, so maybe after the client read it
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + proxy.adminAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).contains("jtls_proxy_tls_handshakes_total{alert=\"none\",listener=\"https\",result=\"full\"} 1.0")
                .contains("jtls_proxy_requests_total{backend=\"b0\",code=\"200\",pool=\"web\",status_class=\"2xx\"} 5.0")
                .contains("jtls_proxy_backend_connections_idle");
    }

    @Test
    void addsForwardingHeadersKeepsHostAndReplacesUntrustedValues() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1));
        proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("hdr", "localhost"), pool), 1);
        HttpResponse<String> r = ProxyHarness.client().send(HttpRequest.newBuilder(uri("/h"))
                .header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        HttpHeaders got = backends.get(0).seen.getLast();
        assertThat(got.getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(got.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(got.getAll("Forwarded")).containsExactly("for=127.0.0.1;proto=https;host=\"localhost:" + proxy.port("https") + "\"");
        assertThat(got.get("Host")).isEqualTo("localhost:" + proxy.port("https"));
    }

    @Test
    void aTrustedHopKeepsAndExtendsTheChain() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, h.backends(1));
        var listener = ProxyConfigs.http(ProxyConfigs.tls(TestPki.get().leaf("trust", "localhost")),
                List.of(new RouteConfig(null, null, "web")),
                List.of(new Cidr(InetAddress.getByName("127.0.0.0"), 8)), ProxyConfigs.timeouts(), 0);
        proxy = h.start(ProxyConfigs.config(listener, pool), 1);
        ProxyHarness.client().send(HttpRequest.newBuilder(uri("/h")).header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "http").build(), HttpResponse.BodyHandlers.ofString());
        HttpHeaders got = backends.get(0).seen.getLast();
        assertThat(got.get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(got.get("X-Forwarded-Proto")).isEqualTo("http");
    }
}
