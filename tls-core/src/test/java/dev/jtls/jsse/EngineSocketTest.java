package dev.jtls.jsse;

import static dev.jtls.jsse.EnginePeers.CA;
import static dev.jtls.jsse.EnginePeers.CLIENT;
import static dev.jtls.jsse.EnginePeers.CLIENT_CTX;
import static dev.jtls.jsse.EnginePeers.CLIENT_WITH_KEY_CTX;
import static dev.jtls.jsse.EnginePeers.SERVER;
import static dev.jtls.jsse.EnginePeers.SERVER_CTX;
import static dev.jtls.jsse.EnginePeers.async;
import static dev.jtls.jsse.EnginePeers.await;
import static dev.jtls.jsse.EnginePeers.echoOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * EngineSocket and EngineServerSocket over SunJSSE engines: against each other and against the
 * JDK's own SSLSocket/SSLServerSocket in the other role, over real loopback TCP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineSocketTest {
    /** Who plays which role. */
    enum Pairing {
        OURS_BOTH(true, true), OUR_CLIENT_JDK_SERVER(true, false), JDK_CLIENT_OUR_SERVER(false, true);

        final boolean ourClient;
        final boolean ourServer;

        Pairing(boolean ourClient, boolean ourServer) {
            this.ourClient = ourClient;
            this.ourServer = ourServer;
        }

        SSLServerSocket server(SSLContext ctx) throws Exception {
            return ourServer ? EnginePeers.ourServer(ctx) : EnginePeers.jdkServer(ctx);
        }

        SSLSocket client(SSLContext ctx, int port) throws Exception {
            return ourClient ? (SSLSocket) EnginePeers.ourClients(ctx).createSocket("localhost", port)
                    : EnginePeers.jdkClient(ctx, port);
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void echoesAndAgreesOnTheSession(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            CompletableFuture<Long> echoed = echoOnce(server);
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                SSLParameters p = client.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the host "localhost" must reach the engine
                client.setSSLParameters(p);
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                out.write("hello, engine".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] back = in.readNBytes(13);
                assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo("hello, engine");
                SSLSession session = client.getSession();
                assertThat(session.isValid()).isTrue();
                assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
                assertThat(session.getPeerCertificates()[0]).isEqualTo(SERVER.certificate());
                assertThat(session.getPeerHost()).isEqualTo("localhost");
                client.shutdownOutput();
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(await(echoed)).isEqualTo(13L);
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void writesLargeArraysAcrossManyRecordsAndReadsAtLeastOneByte(Pairing pairing) throws Exception {
        byte[] data = EnginePeers.bytes(1_000_003, 7);
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            CompletableFuture<Long> echoed = echoOnce(server);
            try (SSLSocket client = pairing.client(CLIENT_CTX, server.getLocalPort())) {
                CompletableFuture<Void> writer = async(() -> {
                    client.getOutputStream().write(data); // one call: split into 2^14-byte records
                    client.getOutputStream().flush();
                    return null;
                });
                InputStream in = client.getInputStream();
                int first = in.read(new byte[100_000]);
                assertThat(first).isBetween(1, 100_000);
                byte[] rest = in.readNBytes(data.length - first);
                await(writer);
                assertThat(rest.length).isEqualTo(data.length - first);
                assertThat(java.util.Arrays.copyOfRange(data, first, data.length)).isEqualTo(rest);
                client.shutdownOutput();
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(await(echoed)).isEqualTo(data.length);
        }
    }

    @Test
    void availableCountsDecryptedBytesAfterAPartialRead() throws Exception {
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            CompletableFuture<Long> echoed = echoOnce(server);
            try (SSLSocket client = (SSLSocket) EnginePeers.ourClients(CLIENT_CTX).createSocket("localhost",
                    server.getLocalPort())) {
                InputStream in = client.getInputStream();
                assertThat(in.available()).isZero();
                client.getOutputStream().write(new byte[] {1, 2, 3, 4, 5});
                client.getOutputStream().flush();
                assertThat(in.read()).isEqualTo(1);
                assertThat(in.available()).isEqualTo(4);
                assertThat(in.read(new byte[10], 0, 10)).isEqualTo(4);
                assertThat(in.available()).isZero();
                assertThat(in.read(new byte[10], 0, 0)).isZero();
            }
            await(echoed);
        }
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void tellsEachListenerOnceWithTheSessionAndPeerCertificatesHoldingNoLock(Pairing pairing) throws Exception {
        try (SSLServerSocket server = pairing.server(SERVER_CTX)) {
            server.setNeedClientAuth(true);
            CompletableFuture<Certificate[]> serverSaw = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    Certificate[] peer = s.getSession().getPeerCertificates();
                    EnginePeers.echo(s);
                    return peer;
                }
            });
            try (SSLSocket client = pairing.client(CLIENT_WITH_KEY_CTX, server.getLocalPort())) {
                List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
                List<String> threads = new CopyOnWriteArrayList<>();
                client.addHandshakeCompletedListener(e -> {
                    events.add(e);
                    threads.add(Thread.currentThread().getName());
                    if (!pairing.ourClient) {
                        return; // the JDK's listener runs later on its own thread
                    }
                    // Another thread writes and reads on this socket: it could not if a lock were held here.
                    CompletableFuture<Integer> other = async(() -> {
                        client.getOutputStream().write('x');
                        client.getOutputStream().flush();
                        return client.getInputStream().read();
                    });
                    try {
                        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo('x');
                    } catch (Exception ex) {
                        throw new AssertionError("the socket was locked during the listener call", ex);
                    }
                });
                client.startHandshake();
                client.getOutputStream().write('y');
                client.getOutputStream().flush();
                assertThat(client.getInputStream().read()).isEqualTo('y');
                if (pairing.ourClient) {
                    // The JDK calls its listeners on its own thread; ours in the handshaking thread.
                    assertThat(threads).containsExactly(Thread.currentThread().getName());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (events.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(events).hasSize(1);
                HandshakeCompletedEvent e = events.get(0);
                assertThat(e.getSocket()).isSameAs(client);
                assertThat(e.getSession()).isSameAs(client.getSession());
                assertThat(e.getPeerCertificates()[0]).isEqualTo(SERVER.certificate());
                assertThat(e.getLocalCertificates()[0]).isEqualTo(CLIENT.certificate());
                assertThat(e.getCipherSuite()).isEqualTo(client.getSession().getCipherSuite());
                client.shutdownOutput();
            }
            assertThat(await(serverSaw)[0]).isEqualTo(CLIENT.certificate());
        }
    }

    @Test
    void removingAListenerNeverAddedIsRefused() throws Exception {
        try (Socket s = EnginePeers.ourClients(CLIENT_CTX).createSocket()) {
            SSLSocket ssl = (SSLSocket) s;
            assertThatThrownBy(() -> ssl.removeHandshakeCompletedListener(e -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ssl.addHandshakeCompletedListener(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
