package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.ListenerTimeouts;
import dev.jtls.proxy.config.RouteConfig;
import dev.jtls.proxy.testing.Await;
import dev.jtls.proxy.testing.ProxyConfigs;
import dev.jtls.proxy.testing.RawTls;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlines and limits over real TLS connections: slowloris, smuggling bytes, connection cap, drain, routing. */
@Timeout(60)
class ProxyLimitsTest {
    private TestBackend backend;
    private ProxyServer proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.stop(Duration.ofSeconds(1));
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void start(ListenerTimeouts timeouts, int maxConnections) throws Exception {
        backend = TestBackend.start("b0");
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(backend));
        var other = ProxyConfigs.pool("api", PolicyKind.ROUND_ROBIN, List.of(backend));
        var listener = ProxyConfigs.http(ProxyConfigs.tls(TestPki.get().leaf("limits", "localhost", "api.test")),
                List.of(new RouteConfig("*.test", "/v1/", "api"), new RouteConfig("localhost", null, "web")),
                List.of(), timeouts, maxConnections);
        proxy = ProxyServer.start(ProxyConfigs.config(listener, pool, other), dev.jtls.proxy.http.ProxyEvents.NONE, 2);
    }

    private int port() {
        return proxy.port("https");
    }

    @Test
    void slowlorisGets408WhileOthersAreServed() throws Exception {
        start(new ListenerTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400), Duration.ofSeconds(30)), 0);
        try (RawTls slow = RawTls.connect(port(), "localhost")) {
            long t0 = System.nanoTime();
            slow.send("GET / HTTP/1.1\r\nHost: localhost\r\n");
            CompletableFuture<String> slowAnswer = CompletableFuture.supplyAsync(() -> {
                try {
                    return slow.readAll() + "@" + (System.nanoTime() - t0);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        slow.send("X-" + i + ": a\r\n");
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    // the proxy closed the connection: expected
                }
            });
            // Meanwhile another client is served at once.
            try (RawTls fast = RawTls.connect(port(), "localhost")) {
                assertThat(fast.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ");
            }
            String answer = slowAnswer.get(10, TimeUnit.SECONDS);
            assertThat(answer).startsWith("HTTP/1.1 408 ");
            assertThat(slow.closedByPeer).isTrue();
            long nanos = Long.parseLong(answer.substring(answer.lastIndexOf('@') + 1));
            // The head deadline (400 ms) runs from its first byte, however the trickle goes on.
            assertThat(Duration.ofNanos(nanos)).isBetween(Duration.ofMillis(350), Duration.ofSeconds(3));
            trickle.get(5, TimeUnit.SECONDS);
        }
        assertThat(backend.requests.get()).isEqualTo(1);
    }

    @Test
    void smugglingBytesOverTlsAreRefusedAndNeverReachTheBackEnd() throws Exception {
        start(ProxyConfigs.timeouts(), 0);
        String[] attacks = {
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
            "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "GET / HTTP/1.1\r\nHost: localhost\r\nX: a\r\n\tb\r\n\r\n",
            "GET / HTTP/1.1\nHost: localhost\n\n",
        };
        for (String attack : attacks) {
            try (RawTls s = RawTls.connect(port(), "localhost")) {
                String answer = s.send(attack + "GET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n").readAll();
                assertThat(answer).as(attack).startsWith("HTTP/1.1 400 ").doesNotContain("b0");
                assertThat(s.closedByPeer).isTrue();
            }
        }
        assertThat(backend.requests.get()).isZero();
    }

    @Test
    void keepAliveAndConnectionCloseAreHonouredAndHopByHopFieldsRemoved() throws Exception {
        start(ProxyConfigs.timeouts(), 0);
        backend.responseHeaders.put("Connection", "X-Backend-Hop");
        backend.responseHeaders.put("X-Backend-Hop", "secret");
        backend.responseHeaders.put("Keep-Alive", "timeout=5");
        try (RawTls s = RawTls.connect(port(), "localhost")) {
            String first = s.send("GET /a HTTP/1.1\r\nHost: localhost\r\nConnection: X-Client-Hop\r\nX-Client-Hop: 1\r\n"
                    + "Keep-Alive: 300\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Connection: keep-alive\r\n\r\n").readResponse();
            assertThat(first).startsWith("HTTP/1.1 200 ").endsWith("b0");
            assertThat(first.toLowerCase()).doesNotContain("x-backend-hop").doesNotContain("keep-alive:");
            var got = backend.seen.getLast();
            assertThat(got.names()).map(String::toLowerCase)
                    .doesNotContain("x-client-hop", "keep-alive", "te", "upgrade", "proxy-connection", "connection");
            // Connection: close from the client: answered with close, then the proxy closes.
            String second = s.send("GET /b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").readAll();
            assertThat(second).startsWith("HTTP/1.1 200 ").containsIgnoringCase("connection: close");
            assertThat(s.closedByPeer).isTrue();
        }
        // The back end saw one connection for both requests (the client's close is not forwarded).
        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void aBackEndsConnectionCloseIsHonouredWithoutClosingTheClientAndHttp10GetsAHost() throws Exception {
        start(ProxyConfigs.timeouts(), 0);
        backend.responseHeaders.put("Connection", "close");
        try (RawTls s = RawTls.connect(port(), "localhost")) {
            for (int i = 0; i < 3; i++) {
                String r = s.send("GET /c HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse();
                assertThat(r).startsWith("HTTP/1.1 200 ").doesNotContainIgnoringCase("connection: close");
            }
            // An HTTP/1.0 client without Host and without keep-alive: answered, then closed.
            String r = s.send("GET /old HTTP/1.0\r\n\r\n").readAll();
            assertThat(r).startsWith("HTTP/1.1 200 ").containsIgnoringCase("connection: close");
        }
        // The back end asked to close each connection: none was reused.
        assertThat(backend.connections.get()).isEqualTo(4);
        assertThat(backend.seen.getLast().get("Host")).isEqualTo("localhost");
    }

    @Test
    void theHandshakeDeadlineAndTheIdleTimeoutCloseQuietConnections() throws Exception {
        start(new ListenerTimeouts(Duration.ofMillis(1000), Duration.ofSeconds(5), Duration.ofMillis(400)), 0);
        long connectedFrom = System.nanoTime(); // before the connect: the deadline cannot start sooner
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port())) {
            plain.setSoTimeout(5000);
            long t0 = connectedFrom;
            // Nothing sent: no ClientHello before the handshake deadline.
            assertThat(plain.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        }
        try (RawTls s = RawTls.connect(port(), "localhost")) {
            long t0 = System.nanoTime(); // before the request: the idle timer starts after its response
            assertThat(s.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ");
            assertThat(s.readAll()).isEmpty();
            assertThat(s.closedByPeer).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        }
    }

    @Test
    void routesByHostAndPathAndAnswers404Otherwise() throws Exception {
        start(ProxyConfigs.timeouts(), 0);
        try (RawTls s = RawTls.connect(port(), "localhost")) {
            assertThat(s.send("GET /v1/x HTTP/1.1\r\nHost: api.test\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ");
            assertThat(s.send("GET /v2/x HTTP/1.1\r\nHost: api.test\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 404 ").contains("no route for host 'api.test'");
            assertThat(s.send("GET /v2/x HTTP/1.1\r\nHost: LOCALHOST:443\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void connectionsBeyondTheListenerLimitAreRefused() throws Exception {
        start(ProxyConfigs.timeouts(), 2);
        try (RawTls a = RawTls.connect(port(), "localhost"); RawTls b = RawTls.connect(port(), "localhost")) {
            assertThatThrownBy(() -> RawTls.connect(port(), "localhost").close()).isInstanceOf(IOException.class);
            assertThat(a.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void stopDrainsTheRequestInProgressAndRefusesNewConnections() throws Exception {
        start(ProxyConfigs.timeouts(), 0);
        backend.delayMillis = 500;
        int port = port();
        try (RawTls s = RawTls.connect(port, "localhost")) {
            s.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Await.until("the request in progress at the back end", () -> backend.requests.get() == 1);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    proxy.stop(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            String answer = s.readAll();
            assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("connection: close").endsWith("b0");
            assertThat(s.closedByPeer).isTrue();
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> RawTls.connect(port, "localhost")).isInstanceOf(IOException.class);
        proxy = null;
    }
}
