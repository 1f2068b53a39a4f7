package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSLEngine contract, in the spirit of the JDK's own SSLEngine tests, for the jtls engine
 * against SunJSSE's (jtls as client: {@code true}; as server: {@code false}).
 */
class JtlsEngineConformanceTest {
    private static EngineLink link(boolean jtlsIsClient) {
        return new EngineLink((jtlsIsClient ? TestPki.jtlsClient() : TestPki.sunClient()).createSSLEngine("localhost", 443),
                (jtlsIsClient ? TestPki.sunServer() : TestPki.jtlsServer()).createSSLEngine());
    }

    private static SSLEngine jtls(EngineLink l, boolean jtlsIsClient) {
        return jtlsIsClient ? l.client : l.server;
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void oneByteNetworkReads(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        l.chunk = 1;
        l.run();
        assertThat(EngineLink.count(l.clientResults, HandshakeStatus.FINISHED)).isEqualTo(1);
        assertThat(EngineLink.count(l.serverResults, HandshakeStatus.FINISHED)).isEqualTo(1);
        // Every unwrap of the jtls side that saw less than a record consumed nothing.
        assertThat((jtlsIsClient ? l.clientResults : l.serverResults).stream()
                .filter(r -> r.getStatus() == Status.BUFFER_UNDERFLOW)).allMatch(r -> r.bytesConsumed() == 0).isNotEmpty();
        byte[] up = JtlsEngineInteropTest.random(40_000, 3);
        byte[] down = JtlsEngineInteropTest.random(40_000, 4);
        l.send(ByteBuffer.wrap(up), ByteBuffer.wrap(down));
        l.run();
        assertThat(JtlsEngineInteropTest.received(l.serverIn)).isEqualTo(up);
        assertThat(JtlsEngineInteropTest.received(l.clientIn)).isEqualTo(down);
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void buffersExactlyAtSessionSizes(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        l.run();
        SSLEngine me = jtls(l, jtlsIsClient);
        SSLEngine peer = jtlsIsClient ? l.server : l.client;
        int packet = me.getSession().getPacketBufferSize();
        int app = me.getSession().getApplicationBufferSize();
        assertThat(app).isEqualTo(16384);
        assertThat(packet).isGreaterThanOrEqualTo(16384 + 5 + 256);

        byte[] data = JtlsEngineInteropTest.random(app, 5);
        ByteBuffer net = ByteBuffer.allocate(packet);
        SSLEngineResult r = me.wrap(ByteBuffer.wrap(data), net);
        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(r.bytesConsumed()).isEqualTo(app);
        net.flip();
        ByteBuffer plain = ByteBuffer.allocate(peer.getSession().getApplicationBufferSize());
        r = peer.unwrap(net, plain);
        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(Arrays.copyOf(plain.array(), plain.position())).isEqualTo(data);

        // And the other way, into an application buffer of exactly the session's size.
        net.clear();
        r = peer.wrap(ByteBuffer.wrap(data), net);
        net.flip();
        ByteBuffer mine = ByteBuffer.allocate(app);
        r = me.unwrap(net, mine);
        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(r.bytesProduced()).isEqualTo(app);
        assertThat(mine.array()).isEqualTo(data);
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void bufferOverflowConsumesNothingAndRecovers(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        SSLEngine me = jtls(l, jtlsIsClient);
        SSLEngine peer = jtlsIsClient ? l.server : l.client;
        if (jtlsIsClient) {
            // During the handshake: the ClientHello does not fit in 10 bytes.
            me.beginHandshake();
            SSLEngineResult r = me.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(10));
            assertThat(r.getStatus()).isEqualTo(Status.BUFFER_OVERFLOW);
            assertThat(r.bytesProduced()).isZero();
            assertThat(r.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        }
        l.run();

        ByteBuffer src = ByteBuffer.wrap(JtlsEngineInteropTest.random(1000, 6));
        SSLEngineResult r = me.wrap(src, ByteBuffer.allocate(10));
        assertThat(r.getStatus()).isEqualTo(Status.BUFFER_OVERFLOW);
        assertThat(r.bytesConsumed()).isZero();
        assertThat(src.position()).isZero();
        ByteBuffer net = ByteBuffer.allocate(me.getSession().getPacketBufferSize());
        r = me.wrap(src, net);
        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(r.bytesConsumed()).isEqualTo(1000);

        ByteBuffer fromPeer = ByteBuffer.allocate(peer.getSession().getPacketBufferSize());
        peer.wrap(ByteBuffer.wrap(JtlsEngineInteropTest.random(1000, 7)), fromPeer);
        fromPeer.flip();
        r = me.unwrap(fromPeer, ByteBuffer.allocate(100));
        assertThat(r.getStatus()).isEqualTo(Status.BUFFER_OVERFLOW);
        assertThat(r.bytesConsumed()).isZero();
        assertThat(fromPeer.position()).isZero();
        ByteBuffer plain = ByteBuffer.allocate(me.getSession().getApplicationBufferSize());
        r = me.unwrap(fromPeer, plain);
        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(Arrays.copyOf(plain.array(), plain.position())).isEqualTo(JtlsEngineInteropTest.random(1000, 7));
    }

    /** Every way of cutting a record short is BUFFER_UNDERFLOW with nothing consumed; the whole record then unwraps. */
    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void recordSplitAtEveryOffset(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        l.run();
        SSLEngine me = jtls(l, jtlsIsClient);
        SSLEngine peer = jtlsIsClient ? l.server : l.client;
        for (int cut = 0; cut < 200; cut++) {
            byte[] message = ("message " + cut + " ").repeat(4).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteBuffer net = ByteBuffer.allocate(peer.getSession().getPacketBufferSize());
            peer.wrap(ByteBuffer.wrap(message), net);
            net.flip();
            int length = net.remaining();
            if (cut >= length) {
                break;
            }
            ByteBuffer part = net.duplicate();
            part.limit(cut);
            ByteBuffer plain = ByteBuffer.allocate(me.getSession().getApplicationBufferSize());
            SSLEngineResult r = me.unwrap(part, plain);
            assertThat(r.getStatus()).as("cut at %d of %d", cut, length).isEqualTo(Status.BUFFER_UNDERFLOW);
            assertThat(r.bytesConsumed()).isZero();
            assertThat(part.position()).isZero();
            r = me.unwrap(net, plain);
            assertThat(r.getStatus()).isEqualTo(Status.OK);
            assertThat(r.bytesConsumed()).isEqualTo(length);
            assertThat(Arrays.copyOf(plain.array(), plain.position())).isEqualTo(message);
        }
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void gatheringScatteringDirectAndReadOnly(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        l.run();
        SSLEngine me = jtls(l, jtlsIsClient);
        SSLEngine peer = jtlsIsClient ? l.server : l.client;
        byte[] data = JtlsEngineInteropTest.random(3000, 8);
        ByteBuffer a = ByteBuffer.wrap(data, 0, 1000).slice().asReadOnlyBuffer();
        ByteBuffer b = ByteBuffer.allocateDirect(1500).put(data, 1000, 1500).flip();
        ByteBuffer c = ByteBuffer.wrap(data, 2500, 500).slice();
        ByteBuffer net = ByteBuffer.allocateDirect(me.getSession().getPacketBufferSize());
        SSLEngineResult r = me.wrap(new ByteBuffer[] {ByteBuffer.allocate(0), a, b, c}, 1, 3, net);
        assertThat(r.bytesConsumed()).isEqualTo(3000);
        assertThat(a.hasRemaining() || b.hasRemaining() || c.hasRemaining()).isFalse();
        net.flip();
        ByteBuffer plain = ByteBuffer.allocate(peer.getSession().getApplicationBufferSize());
        peer.unwrap(net, plain);
        assertThat(Arrays.copyOf(plain.array(), plain.position())).isEqualTo(data);

        ByteBuffer back = ByteBuffer.allocate(peer.getSession().getPacketBufferSize());
        peer.wrap(ByteBuffer.wrap(data), back);
        back.flip();
        ByteBuffer d1 = ByteBuffer.allocateDirect(100);
        ByteBuffer d2 = ByteBuffer.allocate(16384);
        r = me.unwrap(back.asReadOnlyBuffer(), new ByteBuffer[] {d1, d2});
        assertThat(r.bytesProduced()).isEqualTo(3000);
        byte[] got = new byte[3000];
        d1.flip().get(got, 0, 100);
        d2.flip().get(got, 100, 2900);
        assertThat(got).isEqualTo(data);

        assertThatThrownBy(() -> me.wrap(ByteBuffer.allocate(1), ByteBuffer.allocate(100).asReadOnlyBuffer()))
                .isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> me.unwrap(ByteBuffer.allocate(1), ByteBuffer.allocate(100).asReadOnlyBuffer()))
                .isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> me.wrap(new ByteBuffer[] {a}, 1, 1, net)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> me.wrap((ByteBuffer) null, net)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void closeInTheMiddleOfTheHandshake(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        SSLEngine me = jtls(l, jtlsIsClient);
        // ClientHello out, the server's flight back; then the jtls side gives up.
        ByteBuffer net = ByteBuffer.allocate(65536);
        l.client.beginHandshake();
        l.client.wrap(ByteBuffer.allocate(0), net);
        net.flip();
        l.server.beginHandshake();
        l.server.unwrap(net, ByteBuffer.allocate(16384));
        EngineLink.runTasks(l.server);
        me.closeOutbound();
        assertThat(me.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        assertThat(me.isOutboundDone()).isFalse();
        l.runExpectingFailure();
        assertThat(me.isOutboundDone()).isTrue();
        assertThat(me.isInboundDone()).isTrue();
        assertThat(me.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
        SSLEngine peer = jtlsIsClient ? l.server : l.client;
        assertThat(peer.isInboundDone()).isTrue();
        assertThat(me.wrap(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(20000)).getStatus()).isEqualTo(Status.CLOSED);
        assertThat(me.unwrap(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(20000)).getStatus()).isEqualTo(Status.CLOSED);
    }

    @Test
    void closeInboundWithoutCloseNotifyIsATruncation() throws Exception {
        EngineLink l = link(true);
        l.run();
        assertThatThrownBy(l.client::closeInbound).isInstanceOf(SSLException.class)
                .hasMessage("inbound closed before receiving peer's close_notify: possible truncation attack");
        assertThat(l.client.isInboundDone()).isTrue();
        assertThat(l.client.isOutboundDone()).isFalse();
        assertThat(l.client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
        assertThat(l.client.unwrap(ByteBuffer.allocate(100), ByteBuffer.allocate(20000)).getStatus()).isEqualTo(Status.CLOSED);
        // Closing the outbound side still sends close_notify, which the peer takes as one.
        l.client.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(1000);
        SSLEngineResult r = l.client.wrap(ByteBuffer.allocate(0), net);
        assertThat(r.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(r.bytesProduced()).isPositive();
        assertThat(l.client.isOutboundDone()).isTrue();
        net.flip();
        assertThat(l.server.unwrap(net, ByteBuffer.allocate(20000)).getStatus()).isEqualTo(Status.CLOSED);
        assertThat(l.server.isInboundDone()).isTrue();
    }

    @Test
    void closeInboundDuringTheHandshakeAbortsIt() throws Exception {
        EngineLink l = link(true);
        l.client.beginHandshake();
        ByteBuffer net = ByteBuffer.allocate(20000);
        l.client.wrap(ByteBuffer.allocate(0), net);
        assertThatThrownBy(l.client::closeInbound).isInstanceOf(SSLException.class)
                .hasMessageContaining("possible truncation attack");
        assertThat(l.client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        net.clear();
        SSLEngineResult r = l.client.wrap(ByteBuffer.allocate(0), net);
        assertThat(r.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(r.bytesProduced()).isEqualTo(7);
        assertThat(net.get(0)).isEqualTo((byte) 21);
        assertThat(net.get(5)).isEqualTo((byte) 2);
        assertThat(net.get(6)).isEqualTo((byte) 80);
        assertThat(l.client.isOutboundDone()).isTrue();
    }

    /** The javadoc lets wrap and unwrap run at the same time on two threads; data must arrive intact both ways. */
    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void concurrentWrapAndUnwrap(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(jtlsIsClient);
        l.run();
        int total = 2_000_000;
        byte[] up = JtlsEngineInteropTest.random(total, 9);
        byte[] down = JtlsEngineInteropTest.random(total, 10);
        ConcurrentLinkedQueue<ByteBuffer> toServer = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ByteBuffer> toClient = new ConcurrentLinkedQueue<>();
        // Thread 1: client wraps, server unwraps. Thread 2: server wraps, client unwraps.
        CompletableFuture<byte[]> atServer = CompletableFuture.supplyAsync(() -> pump(l.client, l.server, up, toServer));
        CompletableFuture<byte[]> atClient = CompletableFuture.supplyAsync(() -> pump(l.server, l.client, down, toClient));
        assertThat(atServer.get(60, TimeUnit.SECONDS)).isEqualTo(up);
        assertThat(atClient.get(60, TimeUnit.SECONDS)).isEqualTo(down);
    }

    private static byte[] pump(SSLEngine from, SSLEngine to, byte[] data, ConcurrentLinkedQueue<ByteBuffer> queue) {
        try {
            ByteBuffer src = ByteBuffer.wrap(data);
            ByteBuffer received = ByteBuffer.allocate(data.length);
            ByteBuffer plain = ByteBuffer.allocate(to.getSession().getApplicationBufferSize());
            while (received.hasRemaining()) {
                if (src.hasRemaining()) {
                    ByteBuffer net = ByteBuffer.allocate(from.getSession().getPacketBufferSize());
                    SSLEngineResult r = from.wrap(src, net);
                    assertThat(r.getStatus()).isEqualTo(Status.OK);
                    queue.add(net.flip());
                }
                ByteBuffer net = queue.poll();
                if (net != null) {
                    plain.clear();
                    SSLEngineResult r = to.unwrap(net, plain);
                    assertThat(r.getStatus()).isEqualTo(Status.OK);
                    assertThat(net.hasRemaining()).isFalse();
                    received.put(plain.flip());
                }
            }
            return received.array();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
