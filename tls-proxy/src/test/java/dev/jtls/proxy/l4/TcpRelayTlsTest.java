package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.testing.TestPki;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mode: tcp}: jtls's SSLEngine in Netty's SslHandler terminates TLS, the relay pipes the plaintext. */
class TcpRelayTlsTest {
    private static TestNet net;
    private static SSLContext server;
    private static SSLContext client;
    private static final ConcurrentLinkedQueue<String> backendEvents = new ConcurrentLinkedQueue<>();
    private static PoolState pool;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        net = new TestNet();
        TestPki pki = TestPki.get();
        server = pki.jtlsServerContext(pki.leaf("relay", "relay.test"));
        client = pki.clientContext();
        int echo = TestNet.port(net.server(ch -> {
            backendEvents.add("accepted");
            ch.pipeline().addLast(new TestNet.Echo(() -> backendEvents.add("eof")));
        }, true));
        pool = TestPools.pool("tls", echo);
        port = TestNet.port(net.server(ch -> {
            SSLEngine engine = server.createSSLEngine();
            engine.setUseClientMode(false);
            ch.pipeline().addLast(new SslHandler(engine));
            ch.pipeline().addLast(new TcpRelay(pool, RelaySettings.DEFAULT));
        }));
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    @Test
    void plaintextIsRelayedAndCloseNotifyEndsTheBackEndsInput() throws Exception {
        backendEvents.clear();
        try (SSLSocket s = (SSLSocket) client.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(TestNet.TIMEOUT_MS);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
            byte[] msg = "through the terminated tunnel".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(msg);
            s.getOutputStream().flush();
            assertThat(s.getInputStream().readNBytes(msg.length)).isEqualTo(msg);
        } // close(): close_notify
        assertThat(TestPools.awaitIdle(pool)).isTrue();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!backendEvents.contains("eof") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(backendEvents).containsExactly("accepted", "eof");
    }

    @Test
    void noBackEndConnectionBeforeTheHandshakeSucceeds() throws Exception {
        backendEvents.clear();
        try (Socket s = TestNet.connect(port)) {
            s.getOutputStream().write("not a client hello at all".getBytes(StandardCharsets.US_ASCII));
            assertThat(TestNet.closedByPeer(s)).isTrue();
        }
        Thread.sleep(100);
        assertThat(backendEvents).isEmpty();
        assertThat(TestPools.awaitIdle(pool)).isTrue();
    }
}
