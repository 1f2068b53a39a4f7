package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.config.Cidr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyProtocolGateTest {
    private static final byte[] PAYLOAD = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5};
    private static final InetSocketAddress REAL_CLIENT = new InetSocketAddress(ip("203.0.113.9"), 4444);

    /** Long enough for a header sent byte by byte on a loaded machine. */
    private static final Duration HEADER_DEADLINE = Duration.ofMillis(1500);
    private static TestNet net;
    private static int trustedPort;
    private static int untrustedPort;
    private static final ConcurrentLinkedQueue<TestNet.Recorder> recorders = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        net = new TestNet();
        Channel trusted = net.recording(recorders,
                () -> new ProxyProtocolGate(List.of(new Cidr(ip("127.0.0.0"), 8)), HEADER_DEADLINE));
        Channel untrusted = net.recording(recorders,
                () -> new ProxyProtocolGate(List.of(new Cidr(ip("10.0.0.0"), 8)), HEADER_DEADLINE));
        trustedPort = TestNet.port(trusted);
        untrustedPort = TestNet.port(untrusted);
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] header(HAProxyMessage m) {
        ByteBuf b = ProxyProtocolHeader.encode(m);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    static byte[] v2(InetSocketAddress client) {
        return header(ProxyProtocolHeader.message(client, new InetSocketAddress(ip("192.0.2.1"), 443)));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Sends {@code bytes} (one write each, with a pause between), then half-closes and waits for the server side to finish. */
    private TestNet.Recorder send(int port, byte[]... chunks) throws Exception {
        recorders.clear();
        try (Socket s = TestNet.connect(port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            for (byte[] c : chunks) {
                out.write(c);
                out.flush();
                if (chunks.length > 1) {
                    Thread.sleep(2);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (recorders.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            TestNet.Recorder r = recorders.peek();
            assertThat(r).as("the server accepted the connection").isNotNull();
            s.shutdownOutput();
            TestNet.closedByPeer(s);
            return r;
        }
    }

    @Test
    void aTrustedSourcesHeaderNamesTheClientAndTheBytesAfterItPassUntouched() throws Exception {
        TestNet.Recorder r = send(trustedPort, concat(v2(REAL_CLIENT), PAYLOAD));
        r.awaitClose();
        assertThat(r.received()).isEqualTo(PAYLOAD);
        assertThat(r.clientAddress).isEqualTo(REAL_CLIENT);
    }

    @Test
    void aHeaderArrivingByteByByteStillWorks() throws Exception {
        byte[] all = concat(v2(new InetSocketAddress(ip("2001:db8::7"), 9)), PAYLOAD);
        byte[][] chunks = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            chunks[i] = new byte[] {all[i]};
        }
        TestNet.Recorder r = send(trustedPort, chunks);
        r.awaitClose();
        assertThat(r.received()).isEqualTo(PAYLOAD);
        assertThat(r.clientAddress).isEqualTo(new InetSocketAddress(ip("2001:db8::7"), 9));
    }

    @Test
    void localCommandMeansThePeerIsTheClient() throws Exception {
        byte[] local = header(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL,
                HAProxyProxiedProtocol.UNKNOWN, null, null, 0, 0));
        TestNet.Recorder r = send(trustedPort, concat(local, PAYLOAD));
        r.awaitClose();
        assertThat(r.received()).isEqualTo(PAYLOAD);
        assertThat(r.clientAddress.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    }

    @Test
    void aTrustedSourceMustSendAHeader() throws Exception {
        TestNet.Recorder r = send(trustedPort, PAYLOAD);
        r.awaitClose();
        assertThat(r.received()).isEmpty();
    }

    @Test
    void aTrustedSourceMaySendVersion2Only() throws Exception {
        byte[] v1 = "PROXY TCP4 203.0.113.9 192.0.2.1 4444 443\r\n".getBytes(StandardCharsets.US_ASCII);
        TestNet.Recorder r = send(trustedPort, concat(v1, PAYLOAD));
        r.awaitClose();
        assertThat(r.received()).isEmpty();
    }

    @Test
    void aMalformedHeaderIsClosed() throws Exception {
        byte[] bad = v2(REAL_CLIENT);
        bad[12] = 0x31; // version 3
        TestNet.Recorder r = send(trustedPort, concat(bad, PAYLOAD));
        r.awaitClose();
        assertThat(r.received()).isEmpty();
    }

    @Test
    void aTrustedSourceThatSendsNothingIsClosedAtTheDeadline() throws Exception {
        recorders.clear();
        long start = System.nanoTime(); // before the connect: the deadline cannot start sooner
        try (Socket s = TestNet.connect(trustedPort)) {
            assertThat(TestNet.closedByPeer(s)).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThan(HEADER_DEADLINE.minusMillis(200)).isLessThan(HEADER_DEADLINE.plusSeconds(3));
        }
    }

    @Test
    void anUntrustedSourceSendingAHeaderIsRefused() throws Exception {
        TestNet.Recorder r = send(untrustedPort, concat(v2(REAL_CLIENT), PAYLOAD));
        r.awaitClose();
        assertThat(r.received()).isEmpty();
        byte[] v1 = "PROXY TCP4 203.0.113.9 192.0.2.1 4444 443\r\n".getBytes(StandardCharsets.US_ASCII);
        r = send(untrustedPort, v1);
        r.awaitClose();
        assertThat(r.received()).isEmpty();
    }

    @Test
    void anUntrustedSourceIsItsOwnClient() throws Exception {
        TestNet.Recorder r = send(untrustedPort, PAYLOAD);
        r.awaitClose();
        assertThat(r.received()).isEqualTo(PAYLOAD);
        assertThat(r.clientAddress.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    }

    @Test
    void theHeaderWriterMakesWhatNettysDecoderReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new HAProxyMessageDecoder());
        InetSocketAddress v6client = new InetSocketAddress(ip("2001:db8::1"), 5000);
        InetSocketAddress v4dest = new InetSocketAddress(ip("192.0.2.1"), 443);
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(header(ProxyProtocolHeader.message(v6client, v4dest))));
        HAProxyMessage m = ch.readInbound();
        try {
            // Mixed families: both written as IPv6, the IPv4 one mapped.
            assertThat(m.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP6);
            assertThat(ip(m.sourceAddress())).isEqualTo(ip("2001:db8::1"));
            assertThat(m.sourcePort()).isEqualTo(5000);
            assertThat(ip(m.destinationAddress())).isEqualTo(ip("192.0.2.1"));
            assertThat(m.destinationPort()).isEqualTo(443);
        } finally {
            m.release();
            ch.finishAndReleaseAll();
        }
        HAProxyMessage v4 = ProxyProtocolHeader.message(REAL_CLIENT, v4dest);
        assertThat(v4.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP4);
        assertThat(v4.sourceAddress()).isEqualTo("203.0.113.9");
    }
}
