package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.Alert;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** jtls's blocking socket as a client of SunJSSE's SSLServerSocket over real loopback TCP. */
class TlsSocketTest {
    private static final Issued CA = TestCerts.ca("Socket Test CA", Kind.EC_P256);
    private static final Issued LEAF = TestCerts.leaf(CA, "localhost", Kind.EC_P256, List.of("localhost"));

    private static SSLServerSocket sunServer() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", LEAF.privateKey(), new char[0], new Certificate[] {LEAF.certificate(), CA.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(kmf.getKeyManagers(), null, null);
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static TlsConfig clientConfig() {
        return TlsConfig.builder().trust(new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC())).build();
    }

    @Test
    void talksToSunJsseOverTcpAndClosesWithCloseNotify() throws Exception {
        try (SSLServerSocket server = sunServer()) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[5];
                    int n = in.readNBytes(buf, 0, 5);
                    s.getOutputStream().write(new String(buf, 0, n, StandardCharsets.US_ASCII).toUpperCase()
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    return new String(buf, 0, n, StandardCharsets.US_ASCII) + " eof=" + in.read();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            int port = server.getLocalPort();
            List<String> ladder = new ArrayList<>();
            TlsConfig config = clientConfig();
            TlsConnection conn = TlsConnection.client(config, new TlsTrace() {
                @Override
                public void handshake(Direction d, byte[] m) {
                    ladder.add(d + " " + (m[0] & 0xff));
                }

                @Override
                public void alert(Direction d, Alert a) {
                    ladder.add(d + " alert " + a.description());
                }
            }, "localhost", port);
            try (TlsSocket tls = new TlsSocket(new Socket(InetAddress.getLoopbackAddress(), port), conn)) {
                tls.handshake();
                OutputStream out = tls.getOutputStream();
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = tls.getInputStream().readNBytes(5);
                assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HELLO");
                assertThat(conn.events()).anySatisfy(e -> assertThat(e).isInstanceOf(Negotiated.class));
            }
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("hello eof=-1");
            // ClientHello; ServerHello, Certificate, ServerKeyExchange, ServerHelloDone; ClientKeyExchange,
            // Finished; (SunJSSE's NewSessionTicket,) Finished.
            assertThat(ladder).startsWith("SENT 1", "RECEIVED 2", "RECEIVED 11", "RECEIVED 12", "RECEIVED 14",
                    "SENT 16", "SENT 20");
            assertThat(ladder).containsSubsequence("SENT 20", "RECEIVED 20", "SENT alert CLOSE_NOTIFY");
            assertThat(ladder).contains("SENT alert CLOSE_NOTIFY");
        }
    }

    /**
     * Regression: each write goes to the network at once, before any read or close. (The output
     * stream's flush() call resolved to OutputStream's own no-op, so a request sat in jtls until the
     * client read or closed, and a peer waiting for it before answering never got it.)
     */
    @Test
    void aWriteIsSentAtOnceWithoutAReadOrClose() throws Exception {
        try (SSLServerSocket server = sunServer()) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    return new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            TlsConnection conn = TlsConnection.client(clientConfig(), "localhost", server.getLocalPort());
            try (TlsSocket tls = new TlsSocket(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()), conn)) {
                tls.getOutputStream().write("early".getBytes(StandardCharsets.US_ASCII));
                assertThat(conn.hasOutgoing()).as("nothing left unsent after write").isFalse();
                // Neither read nor close before the server has the bytes.
                assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("early");
            }
        }
    }

    @Test
    void anUntrustedServerFailsTheHandshakeWithTheReason() throws Exception {
        try (SSLServerSocket server = sunServer()) {
            CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (Exception expected) {
                    // jtls refuses the certificate; SunJSSE sees the alert.
                }
            });
            Issued otherCa = TestCerts.ca("Other CA", Kind.EC_P256);
            TlsConfig config = TlsConfig.builder()
                    .trust(new PinnedTrustVerifier(List.of(otherCa.certificate()), Clock.systemUTC())).build();
            TlsConnection conn = TlsConnection.client(config, "localhost", server.getLocalPort());
            try (TlsSocket tls = new TlsSocket(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()), conn)) {
                assertThatThrownBy(tls::handshake).isInstanceOf(SSLException.class).hasMessageContaining("Socket Test CA");
                assertThat(conn.failure().description().rfcName()).isEqualTo("unknown_ca");
            }
        }
    }
}
