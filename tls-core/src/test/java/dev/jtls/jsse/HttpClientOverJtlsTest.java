package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An unchanged {@code java.net.http.HttpClient} (HTTP/1.1) whose SSLContext is jtls's, against the
 * JDK's {@code HttpsServer} on SunJSSE, in process on 127.0.0.1 (port chosen by the system). The
 * server echoes the SHA-256 of what it received, and the protocol and suite its side saw.
 */
class HttpClientOverJtlsTest {
    private HttpsServer server;
    private ExecutorService executor;
    private int port;

    @BeforeEach
    void start() throws Exception {
        start(TestPki.sunServer());
    }

    private void start(SSLContext serverContext) throws Exception {
        if (server != null) {
            stop();
        }
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            MessageDigest sha = sha256();
            long n = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buf = new byte[8192];
                for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                    sha.update(buf, 0, r);
                    n += r;
                }
            }
            String suite = ((HttpsExchange) exchange).getSSLSession().getCipherSuite();
            byte[] body = (n + " " + HexFormat.of().formatHex(sha.digest()) + " " + suite).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void getAndPostOverJtls() throws Exception {
        SSLContext jtls = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        jtls.init(null, TestPki.trustManagers(TestPki.TRUST), null);
        HttpClient client = HttpClient.newBuilder().sslContext(jtls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("https://localhost:" + port + "/echo");

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).startsWith("0 ").contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest()));
        assertThat(get.sslSession()).isPresent();
        assertThat(get.sslSession().get().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(get.body()).endsWith(get.sslSession().get().getCipherSuite());

        byte[] payload = JtlsEngineInteropTest.random(1 << 20, 11);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).startsWith(payload.length + " " + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(payload)));
    }

    /** HTTP/2 asked for: the client offers h2 and http/1.1 by ALPN; this server speaks no ALPN, so HTTP/1.1. */
    @Test
    void http2ClientFallsBackWithoutAlpnFromTheServer() throws Exception {
        SSLContext jtls = SSLContext.getInstance("TLS", new JtlsProvider());
        jtls.init(null, TestPki.trustManagers(TestPki.TRUST), null);
        HttpClient client = HttpClient.newBuilder().sslContext(jtls).version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    /** The JDK's HttpsServer drives its SSLEngine itself: here the engine is jtls's, for SunJSSE and jtls clients. */
    @Test
    void httpsServerOnJtls() throws Exception {
        start(TestPki.jtlsServer());
        SSLContext jtls = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        jtls.init(null, TestPki.trustManagers(TestPki.TRUST), null);
        byte[] payload = JtlsEngineInteropTest.random(300_000, 13);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        for (SSLContext clientContext : java.util.List.of(jtls, TestPki.sun(java.util.List.of(), TestPki.TRUST))) {
            HttpClient client = HttpClient.newBuilder().sslContext(clientContext).version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("https://localhost:" + port + "/");
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).startsWith(payload.length + " " + digest + " TLS_");
            }
        }
    }

    @Test
    void untrustedServerIsRefused() throws Exception {
        SSLContext jtls = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        jtls.init(null, TestPki.trustManagers(java.util.List.of(TestPki.OTHER_CA.certificate())), null);
        HttpClient client = HttpClient.newBuilder().sslContext(jtls).version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("https://localhost:" + port + "/");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class).hasMessageContaining("unknown_ca");
    }
}
