package dev.jtls.jsse;

import static dev.jtls.jsse.EnginePeers.CLIENT_CTX;
import static dev.jtls.jsse.EnginePeers.LOOPBACK;
import static dev.jtls.jsse.EnginePeers.SERVER_CTX;
import static dev.jtls.jsse.EnginePeers.async;
import static dev.jtls.jsse.EnginePeers.await;
import static dev.jtls.jsse.EnginePeers.echoOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every socket an SSLSocketFactory makes, layering over an existing socket, and HttpsURLConnection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineSocketFactoryTest {
    private static void talk(Socket s) throws Exception {
        SSLSocket ssl = (SSLSocket) s;
        ssl.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        ssl.getOutputStream().flush();
        assertThat(new String(ssl.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
        assertThat(ssl.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(ssl.getUseClientMode()).isTrue();
    }

    @Test
    void everyConstructorConnectsAndTheFactoryUsesItsSource() throws Exception {
        EnginePeers.CountingSource source = new EnginePeers.CountingSource(CLIENT_CTX);
        EngineSocketFactory factory = new EngineSocketFactory(source);
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            int port = server.getLocalPort();
            for (int i = 0; i < 5; i++) {
                CompletableFuture<Long> echoed = echoOnce(server);
                int before = source.made.get();
                try (Socket s = switch (i) {
                    case 0 -> factory.createSocket("localhost", port);
                    case 1 -> factory.createSocket("localhost", port, LOOPBACK, 0);
                    case 2 -> factory.createSocket(LOOPBACK, port);
                    case 3 -> factory.createSocket(LOOPBACK, port, LOOPBACK, 0);
                    default -> {
                        Socket u = factory.createSocket();
                        u.bind(new InetSocketAddress(LOOPBACK, 0));
                        u.connect(new InetSocketAddress("localhost", port), 5000);
                        yield u;
                    }
                }) {
                    assertThat(s).isInstanceOf(EngineSocket.class);
                    assertThat(s.isConnected()).isTrue();
                    assertThat(s.getPort()).isEqualTo(port);
                    assertThat(s.getInetAddress()).isEqualTo(LOOPBACK);
                    assertThat(s.getLocalAddress()).isEqualTo(LOOPBACK);
                    talk(s);
                }
                await(echoed);
                assertThat(source.made.get()).as("constructor %d", i).isGreaterThan(before);
            }
        }
    }

    @Test
    void defaultSuitesAreTheEnginesDefaults() {
        EngineSocketFactory factory = EnginePeers.ourClients(CLIENT_CTX);
        // The same lists as SunJSSE's own factories of the same context give.
        assertThat(factory.getDefaultCipherSuites()).containsExactly(
                CLIENT_CTX.getSocketFactory().getDefaultCipherSuites());
        assertThat(factory.getSupportedCipherSuites()).containsExactly(
                CLIENT_CTX.getSocketFactory().getSupportedCipherSuites());
        EngineServerSocketFactory servers = new EngineServerSocketFactory(EngineSource.of(SERVER_CTX));
        assertThat(servers.getDefaultCipherSuites()).containsExactly(
                SERVER_CTX.getServerSocketFactory().getDefaultCipherSuites());
        assertThat(servers.getSupportedCipherSuites()).containsExactly(
                SERVER_CTX.getServerSocketFactory().getSupportedCipherSuites());
    }

    /** HttpsURLConnection through a proxy and Jetty layer TLS over their own connected socket. */
    @Test
    void layeredOverAConnectedSocketRespectsAutoClose() throws Exception {
        EngineSocketFactory factory = EnginePeers.ourClients(CLIENT_CTX);
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            for (boolean autoClose : new boolean[] {false, true}) {
                CompletableFuture<Long> echoed = echoOnce(server);
                Socket plain = new Socket(LOOPBACK, server.getLocalPort());
                Socket tls = factory.createSocket(plain, "localhost", server.getLocalPort(), autoClose);
                SSLParameters p = ((SSLSocket) tls).getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // "localhost" reached the engine
                ((SSLSocket) tls).setSSLParameters(p);
                talk(tls);
                assertThat(((SSLSocket) tls).getSession().getPeerHost()).isEqualTo("localhost");
                assertThat(tls.getLocalPort()).isEqualTo(plain.getLocalPort());
                tls.close();
                assertThat(await(echoed)).isEqualTo(4L);
                assertThat(tls.isClosed()).isTrue();
                assertThat(plain.isClosed()).isEqualTo(autoClose);
                plain.close();
            }
        }
        Socket unconnected = new Socket();
        assertThatThrownBy(() -> factory.createSocket(unconnected, "localhost", 1, true))
                .isInstanceOf(SocketException.class);
    }

    /**
     * A server that read the ClientHello's first bytes itself (to pick a certificate by SNI) hands
     * them back with the accepted socket; the engine sees them first.
     */
    @Test
    void serverModeOverConsumedBytesForSniSniffing() throws Exception {
        EngineSocketFactory factory = EnginePeers.ourClients(SERVER_CTX); // server mode on layering with consumed
        try (ServerSocket plainServer = new ServerSocket(0, 50, LOOPBACK)) {
            List<String> sniSeen = new CopyOnWriteArrayList<>();
            CompletableFuture<String> served = async(() -> {
                try (Socket plain = plainServer.accept()) {
                    byte[] head = plain.getInputStream().readNBytes(11); // record header and handshake header
                    assertThat(head[0]).isEqualTo((byte) 22); // handshake record
                    SSLSocket tls = (SSLSocket) factory.createSocket(plain, new ByteArrayInputStream(head), true);
                    assertThat(tls.getUseClientMode()).isFalse();
                    SSLParameters p = tls.getSSLParameters();
                    p.setSNIMatchers(List.of(new SNIMatcher(0) {
                        @Override
                        public boolean matches(SNIServerName name) {
                            sniSeen.add(((SNIHostName) name).getAsciiName());
                            return true;
                        }
                    }));
                    tls.setSSLParameters(p);
                    long n = EnginePeers.echo(tls);
                    tls.close();
                    return n + " " + plain.isClosed();
                }
            });
            try (SSLSocket client = EnginePeers.jdkClient(CLIENT_CTX, plainServer.getLocalPort())) {
                SSLParameters cp = client.getSSLParameters();
                cp.setServerNames(List.of(new SNIHostName("engine.test")));
                client.setSSLParameters(cp);
                client.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                assertThat(client.getInputStream().readNBytes(4)).isEqualTo("pong".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(await(served)).isEqualTo("4 true");
            assertThat(sniSeen).containsExactly("engine.test");
        }
    }

    /** The JDK's HTTPS client, given our factory, against the JDK's HttpsServer (SunJSSE engines). */
    @Test
    void httpsUrlConnectionRunsOverOurSockets() throws Exception {
        HttpsServer http = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        http.setHttpsConfigurator(new HttpsConfigurator(SERVER_CTX));
        byte[] body = EnginePeers.bytes(300_000, 5);
        http.createContext("/data", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("X-Request-Bytes", Integer.toString(request.length));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(EnginePeers.POOL);
        http.start();
        try {
            EnginePeers.CountingSource source = new EnginePeers.CountingSource(CLIENT_CTX);
            EngineSocketFactory factory = new EngineSocketFactory(source);
            for (int i = 0; i < 2; i++) {
                URL url = new URL("https://localhost:" + http.getAddress().getPort() + "/data");
                HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
                c.setSSLSocketFactory(factory);
                c.setDoOutput(true);
                c.setRequestMethod("POST");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(new byte[1234]);
                }
                assertThat(c.getResponseCode()).isEqualTo(200);
                assertThat(c.getHeaderField("X-Request-Bytes")).isEqualTo("1234");
                assertThat(c.getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_");
                assertThat(c.getServerCertificates()[0]).isEqualTo(EnginePeers.SERVER.certificate());
                try (InputStream in = c.getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(body);
                }
            }
            assertThat(source.made.get()).isPositive();
        } finally {
            http.stop(0);
        }
    }
}
