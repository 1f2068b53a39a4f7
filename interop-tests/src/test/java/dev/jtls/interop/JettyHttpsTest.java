package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jetty 12, unchanged, serving HTTPS with the jtls {@code SSLContext}: HTTP/1.1 and HTTP/2 chosen by
 * ALPN (Jetty's JDK ALPN support drives the engine's handshake application-protocol selector).
 * Called by {@code curl} as a process (keep-alive: two URLs on one connection), by the JDK's
 * {@code HttpClient}, itself over jtls or over SunJSSE, and by {@code HttpsURLConnection} over the
 * jtls socket factory.
 */
class JettyHttpsTest {
    private static Server server;
    private static int port;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final List<Throwable> SERVER_FAILURES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(Stacks.JTLS.server(TestPki.get().ecServer));
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(h1.getProtocol());
        server = new Server();
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()),
                alpn, h2, h1);
        // Server-side handshake failures, for the failure messages of the tests below.
        connector.addBean(new SslHandshakeListener() {
            @Override
            public void handshakeFailed(Event event, Throwable failure) {
                SERVER_FAILURES.add(failure);
            }
        });
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                REQUESTS.incrementAndGet();
                // Reports what the server saw: the HTTP version and the TLS suite from the request's
                // SSL session data (SecureRequestCustomizer reads it from the engine's SSLSession).
                EndPoint.SslSessionData tlsData = (EndPoint.SslSessionData) request.getAttribute(
                        EndPoint.SslSessionData.ATTRIBUTE);
                Object suite = tlsData == null ? null : tlsData.cipherSuite();
                String body = request.getConnectionMetaData().getHttpVersion() + " " + suite + " "
                        + request.getHttpURI().getPath() + "\n";
                response.getHeaders().put("Content-Type", "text/plain");
                Content.Sink.write(response, true, body, callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        assertThat(SERVER_FAILURES).as("handshakes the Jetty server saw fail").isEmpty();
    }

    @ParameterizedTest(name = "HttpClient over {0}, {1}")
    @EnumSource(Stacks.class)
    void httpClientSpeaksHttp2AndHttp11(Stacks clientStack) throws Exception {
        SSLContext ctx = clientStack.client();
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpClient client = HttpClient.newBuilder().sslContext(ctx).version(version)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            for (String path : List.of("/one", "/two")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(version);
                String expected = version == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1";
                assertThat(r.body()).startsWith(expected + " TLS_ECDHE_ECDSA_WITH_").endsWith(path + "\n");
                assertThat(r.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo("TLSv1.2");
            }
        }
    }

    @Test
    void httpsUrlConnectionOverJtlsSockets() throws Exception {
        SSLContext ctx = Stacks.JTLS.client();
        javax.net.ssl.HttpsURLConnection conn = (javax.net.ssl.HttpsURLConnection)
                URI.create("https://localhost:" + port + "/legacy").toURL().openConnection();
        conn.setSSLSocketFactory(ctx.getSocketFactory());
        conn.setConnectTimeout(10_000);
        conn.setReadTimeout(20_000);
        try (java.io.InputStream in = conn.getInputStream()) {
            assertThat(conn.getResponseCode()).isEqualTo(200);
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 " + conn.getCipherSuite() + " /legacy\n");
            assertThat(conn.getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
            assertThat(conn.getServerCertificates()[0]).isEqualTo(TestPki.get().ecServer.chain().get(0));
        } finally {
            conn.disconnect();
        }
    }

    @Test
    void curlReusesOneConnectionForTwoUrls() throws Exception {
        TestPki pki = TestPki.get();
        String base = "https://localhost:" + port;
        try (Peer curl = Peer.start("curl", List.of("curl", "-sS", "-v", "--http1.1", "--cacert",
                pki.rootPem.toString(), base + "/a", base + "/b"))) {
            int rc = curl.awaitExit(Duration.ofSeconds(30));
            String out = curl.stdoutText();
            String err = curl.stderrText();
            assertThat(rc).as(err).isZero();
            assertThat(out).contains("HTTP/1.1 TLS_ECDHE_ECDSA_WITH_").contains("/a\n").contains("/b\n");
            assertThat(err).contains("TLSv1.2").containsPattern("(?i)re-?using existing connection");
            assertThat(err).contains("ALPN: server accepted http/1.1");
        }
        try (Peer curl = Peer.start("curl h2", List.of("curl", "-sS", "-v", "--http2", "--cacert",
                pki.rootPem.toString(), base + "/h2"))) {
            int rc = curl.awaitExit(Duration.ofSeconds(30));
            String err = curl.stderrText();
            assertThat(rc).as(err).isZero();
            assertThat(curl.stdoutText()).startsWith("HTTP/2.0 ");
            assertThat(err).contains("ALPN: server accepted h2");
        }
        assertThat(REQUESTS.get()).isPositive();
    }
}
