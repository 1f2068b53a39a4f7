package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.CertificateConfig;
import dev.jtls.proxy.config.ListenerConfig;
import dev.jtls.proxy.config.RouteConfig;
import dev.jtls.proxy.config.TlsListenerConfig;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.proxy.testing.Await;
import dev.jtls.proxy.testing.Exec;
import dev.jtls.proxy.testing.ProxyConfigs;
import dev.jtls.proxy.testing.ProxyHarness;
import dev.jtls.proxy.testing.RawTls;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real clients (curl, openssl s_client), certificates per SNI name, and the L4 modes through the proxy. */
@Timeout(60)
class ProxyPeersTest {
    private final ProxyHarness h = new ProxyHarness();
    private final List<TestBackend> backends = h.backends;
    private final List<TlsFacts> handshakes = h.handshakes;
    private final List<String> failures = h.handshakeFailures;

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private ProxyServer start(dev.jtls.proxy.config.ProxyConfig config) throws Exception {
        return h.start(config, 1);
    }

    private TestBackend backend(String name) throws Exception {
        return h.backend(name);
    }

    @Test
    void curlGetsThroughWithTheRightCertificate() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(backend("b0")));
        ProxyServer proxy = start(ProxyConfigs.simple(TestPki.get().leaf("curl", "localhost"), pool));
        int port = proxy.port("https");
        Exec.Result r = Exec.run(Duration.ofSeconds(20), new byte[0], List.of("curl", "-sS", "--http1.1", "--tlsv1.2",
                "--cacert", TestPki.get().caPem.toString(), "-H", "X-Forwarded-For: 198.51.100.1",
                "https://localhost:" + port + "/c", "https://localhost:" + port + "/d"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("b0b0");
        // Two requests on one connection: one handshake.
        assertThat(handshakes).hasSize(1);
        assertThat(backends.get(0).seen.getLast().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void curlPostsALargeBodyWithExpect100Continue() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(backend("b0")));
        ProxyServer proxy = start(ProxyConfigs.simple(TestPki.get().leaf("curl-post", "localhost"), pool));
        Path body = TestPki.get().dir.resolve("post-body.txt");
        java.nio.file.Files.writeString(body, "y".repeat(200_000));
        // RFC 9110 §10.1.1: the proxy answers Expect: 100-continue itself and buffers the body.
        Exec.Result r = Exec.run(Duration.ofSeconds(20), new byte[0], List.of("curl", "-sS", "--http1.1", "-v",
                "-H", "Expect: 100-continue",
                "--cacert", TestPki.get().caPem.toString(), "--data-binary", "@" + body,
                "https://localhost:" + proxy.port("https") + "/echo"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Expect: 100-continue").contains("HTTP/1.1 100 Continue");
        assertThat(r.out()).hasSize(200_000);
        assertThat(backends.get(0).seen.getLast().get("Expect")).isNull();
    }

    @Test
    void clientAuthenticationNeedRefusesClientsWithoutACertificate() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(backend("b0")));
        TestPki.Leaf server = TestPki.get().leaf("mtls-server", "localhost");
        TestPki.Leaf client = TestPki.get().leaf("mtls-client", "client.test");
        var tls = new TlsListenerConfig(List.of(new CertificateConfig(server.certFile(), server.keyFile(), List.of())),
                List.of(), TlsListenerConfig.ClientAuthMode.NEED, TestPki.get().caPem, List.of(), false, false);
        var listener = ProxyConfigs.http(tls, List.of(new RouteConfig(null, null, "web")), List.of(), ProxyConfigs.timeouts(), 0);
        ProxyServer proxy = start(ProxyConfigs.config(listener, pool));
        int port = proxy.port("https");
        Exec.Result without = Exec.run(Duration.ofSeconds(20), new byte[0], List.of("curl", "-sS", "--cacert",
                TestPki.get().caPem.toString(), "https://localhost:" + port + "/"));
        assertThat(without.exit()).isNotZero();
        Exec.Result with = Exec.run(Duration.ofSeconds(20), new byte[0], List.of("curl", "-sS", "--cacert",
                TestPki.get().caPem.toString(), "--cert", client.certFile().toString(), "--key", client.keyFile().toString(),
                "https://localhost:" + port + "/"));
        assertThat(with.exit()).as(with.err()).isZero();
        assertThat(with.out()).isEqualTo("b0");
        // RFC 5246 §7.4.6: a client that sends no certificate when one is needed gets handshake_failure.
        assertThat(failures).containsExactly("handshake_failure");
    }

    @Test
    void opensslResumesByTicketAndBySessionId() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(backend("b0")));
        ProxyServer proxy = start(ProxyConfigs.simple(TestPki.get().leaf("openssl", "localhost"), pool));
        for (boolean tickets : new boolean[] {true, false}) {
            Path session = TestPki.get().dir.resolve("session-" + tickets + ".pem");
            List<String> base = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + proxy.port("https"),
                    "-servername", "localhost", "-tls1_2", "-CAfile", TestPki.get().caPem.toString(), "-ign_eof"));
            if (!tickets) {
                base.add("-no_ticket");
            }
            byte[] request = "GET /s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            List<String> first = new ArrayList<>(base);
            first.addAll(List.of("-sess_out", session.toString()));
            Exec.Result full = Exec.run(Duration.ofSeconds(20), request, first);
            assertThat(full.out()).contains("New, TLSv1.2").contains("HTTP/1.1 200").contains("Verify return code: 0 (ok)");
            List<String> second = new ArrayList<>(base);
            second.addAll(List.of("-sess_in", session.toString()));
            Exec.Result resumed = Exec.run(Duration.ofSeconds(20), request, second);
            assertThat(resumed.out()).as("tickets " + tickets).contains("Reused, TLSv1.2").contains("HTTP/1.1 200");
        }
        assertThat(handshakes).extracting(TlsFacts::resumed).containsExactly(false, true, false, true);
        assertThat(handshakes).allMatch(f -> "localhost".equals(f.sni()));
    }

    @Test
    void aCertificatePerSniNameAndStrictSniRefusesOthers() throws Exception {
        var pool = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(backend("b0")));
        TestPki.Leaf a = TestPki.get().leaf("sni-a", "a.test");
        TestPki.Leaf b = TestPki.get().leaf("sni-b", "b.test", "*.b.test");
        var tls = new TlsListenerConfig(List.of(new CertificateConfig(a.certFile(), a.keyFile(), List.of()),
                new CertificateConfig(b.certFile(), b.keyFile(), List.of())), List.of("http/1.1"),
                TlsListenerConfig.ClientAuthMode.NONE, null, List.of(), true, true);
        var listener = ProxyConfigs.http(tls, List.of(new RouteConfig(null, null, "web")), List.of(), ProxyConfigs.timeouts(), 0);
        ProxyServer proxy = start(ProxyConfigs.config(listener, pool));
        for (String name : new String[] {"a.test", "b.test", "x.b.test"}) {
            try (RawTls s = RawTls.connect(proxy.port("https"), name)) {
                X509Certificate leaf = (X509Certificate) s.socket.getSession().getPeerCertificates()[0];
                assertThat(leaf).as(name).isEqualTo(name.equals("a.test") ? a.cert() : b.cert());
                assertThat(s.send("GET / HTTP/1.1\r\nHost: " + name + "\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ");
            }
        }
        assertThatThrownBy(() -> RawTls.connect(proxy.port("https"), "c.test")).isInstanceOf(SSLHandshakeException.class);
        Await.until("the handshake failure reported", () -> failures.contains("unrecognized_name"));
    }

    @Test
    void tcpModeRelaysBytesAfterTerminationAndPassthroughRelaysTheTlsStream() throws Exception {
        TestBackend b = backend("b0");
        var pool = ProxyConfigs.pool("raw", PolicyKind.IP_HASH, List.of(b));
        // tcp: TLS ends at the proxy, the bytes (here an HTTP request) go to the back end as they are.
        var tcp = new ListenerConfig("tcp", ProxyConfigs.http(null, List.of(), List.of(), ProxyConfigs.timeouts(), 0).bind(),
                ListenerConfig.Mode.TCP, ProxyConfigs.tls(TestPki.get().leaf("tcp", "localhost")), List.of(), "raw", Map.of(),
                List.of(), List.of(), ProxyConfigs.timeouts(), 0);
        ProxyServer l4 = start(new dev.jtls.proxy.config.ProxyConfig(List.of(tcp), Map.of("raw", pool), ProxyConfigs.limits(),
                new dev.jtls.proxy.config.AdminConfig(null, null), null, null));
        try (RawTls s = RawTls.connect(l4.port("tcp"), "localhost")) {
            assertThat(s.send("GET /raw HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ").endsWith("b0");
        }
        // passthrough: the ClientHello's SNI picks the pool; TLS ends at the back end (here an http-mode proxy).
        var web = ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(b));
        ProxyServer inner = start(ProxyConfigs.simple(TestPki.get().leaf("inner", "localhost"), web));
        var tlsPool = new dev.jtls.proxy.config.PoolConfig("tls", PolicyKind.ROUND_ROBIN, "client_ip",
                List.of(new dev.jtls.proxy.config.BackendConfig("inner", "127.0.0.1", inner.port("https"), 1)),
                web.health(), web.passive(), web.slowStart(), web.timeouts(), web.keepAlive(), null);
        var pass = new ListenerConfig("pass", tcp.bind(), ListenerConfig.Mode.PASSTHROUGH, null, List.of(), null,
                Map.of("localhost", "tls"), List.of(), List.of(), ProxyConfigs.timeouts(), 0);
        ProxyServer outer = start(new dev.jtls.proxy.config.ProxyConfig(List.of(pass), Map.of("tls", tlsPool),
                ProxyConfigs.limits(), new dev.jtls.proxy.config.AdminConfig(null, null), null, null));
        try (RawTls s = RawTls.connect(outer.port("pass"), "localhost")) {
            assertThat(s.send("GET /pass HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200 ").endsWith("b0");
        }
    }
}
