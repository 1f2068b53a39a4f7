package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Unchanged JDK programs over the jtls provider against real peers started as processes:
 * {@code HttpClient} and {@code HttpsURLConnection} against {@code openssl s_server -www}, a plain
 * {@code SSLSocket} client to {@code gnutls-serv --echo}, and an {@code SSLServerSocket} served to
 * {@code openssl s_client}.
 */
class JsseProgramsAgainstPeersTest {

    private static List<String> rsaServerArgs() {
        TestPki pki = TestPki.get();
        return new ArrayList<>(List.of("-tls1_2", "-cert", pki.rsaServer.certPem().toString(),
                "-key", pki.rsaServer.keyPem().toString(), "-cert_chain", pki.intermediatePem.toString()));
    }

    @Test
    void httpClientAndHttpsUrlConnectionAgainstOpensslWww() throws Exception {
        List<String> args = rsaServerArgs();
        args.add("-www");
        try (OpenSsl.Server www = OpenSsl.server("s_server -www", args)) {
            SSLContext ctx = Stacks.JTLS.client();
            URI uri = URI.create("https://localhost:" + www.port() + "/");
            HttpClient client = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            // s_server -www answers with its own view of the session.
            assertThat(r.body()).contains("Protocol  : TLSv1.2").contains("Cipher    : ECDHE-RSA-");
            assertThat(r.sslSession()).get().extracting(s -> s.getCipherSuite()).asString()
                    .startsWith("TLS_ECDHE_RSA_WITH_");

            HttpsURLConnection conn = (HttpsURLConnection) new URL(uri.toString()).openConnection();
            conn.setSSLSocketFactory(ctx.getSocketFactory());
            conn.setConnectTimeout(10_000);
            conn.setReadTimeout(20_000);
            try (InputStream in = conn.getInputStream()) {
                assertThat(conn.getResponseCode()).isEqualTo(200);
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("Protocol  : TLSv1.2");
                assertThat(conn.getCipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_");
                assertThat(conn.getServerCertificates()[0]).isEqualTo(TestPki.get().rsaServer.chain().get(0));
            } finally {
                conn.disconnect();
            }
        }
    }

    @Test
    void sslSocketClientToGnutlsEcho() throws Exception {
        TestPki pki = TestPki.get();
        int port = OpenSsl.freePort();
        List<String> cmd = List.of("gnutls-serv", "--echo", "--port", String.valueOf(port),
                "--x509certfile", pki.rsaServer.chainPem().toString(),
                "--x509keyfile", pki.rsaServer.keyPem().toString(),
                "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2");
        try (Peer gnutls = Peer.start("gnutls-serv --echo", cmd)) {
            SSLContext ctx = Stacks.JTLS.client();
            byte[] message = "hello gnutls, from an unchanged SSLSocket\n".getBytes(StandardCharsets.US_ASCII);
            try (SSLSocket socket = connectWhenListening(ctx, port, gnutls)) {
                socket.setSoTimeout(20_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
                OutputStream out = socket.getOutputStream();
                out.write(message);
                out.flush();
                byte[] echoed = socket.getInputStream().readNBytes(message.length);
                assertThat(echoed).isEqualTo(message);
            }
        }
    }

    private static SSLSocket connectWhenListening(SSLContext ctx, int port, Peer peer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            java.net.Socket plain = new java.net.Socket();
            try {
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            } catch (java.io.IOException e) {
                plain.close();
                assertThat(peer.isAlive()).as(peer.describe()).isTrue();
                assertThat(System.nanoTime()).as("listening on " + port).isLessThan(deadline);
                Thread.sleep(50);
                continue;
            }
            // Layered over the connected socket, as HttpsURLConnection does through a proxy.
            return (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true);
        }
    }

    @Test
    void sslServerSocketServesOpensslClient() throws Exception {
        SSLContext ctx = Stacks.JTLS.server(TestPki.get().ecServer);
        try (SSLServerSocket listener = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(20_000);
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[1024];
                    while (!got.toString(StandardCharsets.US_ASCII).contains("\n")) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        got.write(buf, 0, n);
                    }
                    s.getOutputStream().write(("served " + s.getSession().getCipherSuite() + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    return got.toString(StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int port = listener.getLocalPort();
            try (Peer client = OpenSsl.client("s_client", List.of("-connect", "127.0.0.1:" + port,
                    "-servername", "localhost", "-CAfile", TestPki.get().rootPem.toString(), "-verify_return_error",
                    "-ign_eof"), "ping from s_client\n".getBytes(StandardCharsets.US_ASCII))) {
                assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo("ping from s_client\n");
                String out = client.stdoutText();
                assertThat(out).contains("Verify return code: 0 (ok)").contains("served TLS_ECDHE_ECDSA_WITH_");
                assertThat(out).contains("Protocol  : TLSv1.2");
            }
        }
    }
}
