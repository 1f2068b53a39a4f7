package dev.jtls.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.AdminConfig;
import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.metrics.ProxyMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private static final String TOKEN = "s3cret-admin-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Map<String, PoolState>> pools = new AtomicReference<>();
    private final AtomicInteger reloads = new AtomicInteger();
    private final ProxyMetrics metrics = new ProxyMetrics();
    private AdminServer server;
    private String base;

    static PoolState pool(String name, BackendConfig... backends) {
        return new PoolState(new PoolConfig(name, PolicyKind.WEIGHTED_ROUND_ROBIN, null, List.of(backends),
                null, null, Duration.ZERO, null, null, null), Clock.systemUTC(), null);
    }

    private void start(String token) throws Exception {
        pools.set(Map.of("web", pool("web", new BackendConfig("w1", "127.0.0.1", 9001, 3),
                new BackendConfig("w2", "127.0.0.1", 9002, 1))));
        metrics.bindPools(pools::get);
        server = new AdminServer(new AdminConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), token),
                metrics, pools::get, () -> {
                    if (reloads.incrementAndGet() == 2) {
                        throw new IllegalArgumentException("lb.yaml:3: pools.web.backends[0].weight: must be ≥ 1, got 0");
                    }
                    return "3 listeners, 2 pools";
                });
        InetSocketAddress bound = server.start();
        assertThat(bound.getAddress().isLoopbackAddress()).isTrue();
        base = "http://127.0.0.1:" + bound.getPort();
    }

    @BeforeEach
    void startWithToken() throws Exception {
        start(TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body().strip()).doesNotContain("\n");
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private JsonObject backend(String pool, String name) throws Exception {
        JsonArray list = json(send("GET", "/backends", TOKEN, null)).getAsJsonArray("backends");
        for (var e : list) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("pool").getAsString().equals(pool) && o.get("name").getAsString().equals(name)) {
                return o;
            }
        }
        return null;
    }

    @Test
    void metricsNeedNoTokenAndArePrometheusText() throws Exception {
        metrics.listener("https").handshakeFull();
        HttpResponse<String> r = send("GET", "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("jtls_proxy_tls_handshakes_total{alert=\"none\",listener=\"https\",result=\"full\"} 1.0")
                .contains("jtls_proxy_backend_status{backend=\"w1\",pool=\"web\",status=\"UP\"} 1.0");
        assertThat(send("POST", "/metrics", null, "").statusCode()).isEqualTo(405);
    }

    @Test
    void theRuntimeApiWantsTheToken() throws Exception {
        HttpResponse<String> none = send("GET", "/backends", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        HttpResponse<String> wrong = send("GET", "/backends", "not-the-token", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(json(wrong).get("error").getAsString()).isEqualTo("the admin token is wrong");
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(base + "/backends"))
                .header("Authorization", "Basic " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(send("POST", "/pools/web/backends/w1/drain", "x", null).statusCode()).isEqualTo(401);
        // Nothing changed.
        assertThat(pools.get().get("web").backend("w1").orElseThrow().status()).isEqualTo(BackendState.Status.UP);
    }

    @Test
    void withNoTokenConfiguredTheRuntimeApiIsOffForEveryone() throws Exception {
        server.close();
        start(null);
        assertThat(send("GET", "/backends", null, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/backends", "", null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/reload", "anything", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(200);
        assertThat(reloads).hasValue(0);
    }

    @Test
    void listsBackEndsWithTheirState() throws Exception {
        pools.get().get("web").backend("w2").orElseThrow().acquire();
        JsonObject w1 = backend("web", "w1");
        assertThat(w1.get("address").getAsString()).isEqualTo("127.0.0.1:9001");
        assertThat(w1.get("status").getAsString()).isEqualTo("UP");
        assertThat(w1.get("weight").getAsInt()).isEqualTo(3);
        assertThat(w1.get("effectiveWeight").getAsDouble()).isEqualTo(3.0);
        assertThat(w1.get("inFlight").getAsInt()).isZero();
        assertThat(backend("web", "w2").get("inFlight").getAsInt()).isEqualTo(1);
    }

    @Test
    void setsWeightsByQueryOrBody() throws Exception {
        HttpResponse<String> q = send("POST", "/pools/web/backends/w1/weight?weight=7", TOKEN, null);
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(json(q).get("weight").getAsInt()).isEqualTo(7);
        assertThat(send("POST", "/pools/web/backends/w1/weight", TOKEN, "{\"weight\": 5}").statusCode()).isEqualTo(200);
        assertThat(pools.get().get("web").backend("w1").orElseThrow().configuredWeight()).isEqualTo(5);
        assertThat(send("POST", "/pools/web/backends/w1/weight?weight=0", TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends/w1/weight?weight=1001", TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends/w1/weight?weight=lots", TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends/w1/weight", TOKEN, "{nope").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends/w1/weight", TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends/w9/weight?weight=2", TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/pools/nope/backends/w1/weight?weight=2", TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(pools.get().get("web").backend("w1").orElseThrow().configuredWeight()).isEqualTo(5);
    }

    @Test
    void drainsAndUndrains() throws Exception {
        HttpResponse<String> r = send("POST", "/pools/web/backends/w2/drain", TOKEN, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").getAsString()).isEqualTo("DRAINING");
        PoolState web = pools.get().get("web");
        for (int i = 0; i < 20; i++) {
            assertThat(web.pick(null, null).orElseThrow().name()).isEqualTo("w1");
        }
        assertThat(json(send("POST", "/pools/web/backends/w2/undrain", TOKEN, null)).get("status").getAsString()).isEqualTo("UP");
    }

    @Test
    void addsAndRemovesBackEnds() throws Exception {
        HttpResponse<String> added = send("POST", "/pools/web/backends", TOKEN,
                "{\"name\": \"w3\", \"address\": \"127.0.0.1:9003\", \"weight\": 2}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).get("address").getAsString()).isEqualTo("127.0.0.1:9003");
        assertThat(backend("web", "w3").get("weight").getAsInt()).isEqualTo(2);
        assertThat(send("POST", "/pools/web/backends", TOKEN, "{\"name\": \"w3\", \"address\": \"127.0.0.1:9004\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> v6 = send("POST", "/pools/web/backends", TOKEN, "{\"address\": \"[::1]:9005\"}");
        assertThat(v6.statusCode()).isEqualTo(201);
        assertThat(json(v6).get("name").getAsString()).isEqualTo("[::1]:9005");
        assertThat(send("POST", "/pools/web/backends", TOKEN, "{\"address\": \"127.0.0.1\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends", TOKEN, "{\"address\": \"h:70000\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/pools/web/backends", TOKEN, "[1]").statusCode()).isEqualTo(400);
        // A name with reserved characters is addressed percent-encoded.
        assertThat(send("DELETE", "/pools/web/backends/%5B%3A%3A1%5D%3A9005", TOKEN, null).statusCode()).isEqualTo(200);
        HttpResponse<String> removed = send("DELETE", "/pools/web/backends/w3", TOKEN, null);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(backend("web", "w3")).isNull();
        assertThat(send("DELETE", "/pools/web/backends/w3", TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(pools.get().get("web").backends()).extracting(BackendState::name).containsExactly("w1", "w2");
    }

    @Test
    void reloadCallsTheHookAndReportsARefusal() throws Exception {
        HttpResponse<String> ok = send("POST", "/reload", TOKEN, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("summary").getAsString()).isEqualTo("3 listeners, 2 pools");
        HttpResponse<String> refused = send("POST", "/reload", TOKEN, null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("error").getAsString()).contains("lb.yaml:3: pools.web.backends[0].weight");
        assertThat(reloads).hasValue(2);
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        assertThat(send("GET", "/nope", TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/pools/web/backends/w1/explode", TOKEN, null).statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = send("GET", "/pools/web/backends/w1/drain", TOKEN, null);
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
        assertThat(send("PUT", "/backends", TOKEN, "").statusCode()).isEqualTo(405);
    }

    @Test
    void theApiSeesAPoolMapSwappedByAReload() throws Exception {
        pools.set(Map.of("api", pool("api", new BackendConfig("a1", "127.0.0.1", 9101, 1))));
        assertThat(backend("api", "a1")).isNotNull();
        assertThat(backend("web", "w1")).isNull();
    }
}
