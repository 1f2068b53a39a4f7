package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.record.AlertDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SniPassthroughTest {
    private static TestNet net;
    private static final ConcurrentLinkedQueue<TestNet.Recorder> atA = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<TestNet.Recorder> atB = new ConcurrentLinkedQueue<>();
    private static PoolState poolA;
    private static PoolState poolB;

    @BeforeAll
    static void start() throws Exception {
        net = new TestNet();
        Channel a = net.recording(atA, null);
        Channel b = net.recording(atB, null);
        poolA = TestPools.pool("a", TestNet.port(a));
        poolB = TestPools.pool("b", TestNet.port(b));
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    private static final SniRouter ROUTER = new SniRouter(Map.of("*.a.test", "a", "gone.test", "gone"), null);

    private static EmbeddedChannel embedded(SniRouter router, Duration timeout) {
        Function<String, PoolState> pools = Map.of("a", poolA, "b", poolB)::get;
        return new EmbeddedChannel(new SniPassthrough(router, pools, RelaySettings.DEFAULT, timeout));
    }

    /** Feeds {@code input}; returns the alert the handler answered with (and checks it closed). */
    private static AlertDescription alertFor(byte[] input) {
        EmbeddedChannel ch = embedded(ROUTER, Duration.ofSeconds(10));
        ch.writeInbound(Unpooled.wrappedBuffer(input));
        ByteBuf out = ch.readOutbound();
        assertThat(out).as("an alert record").isNotNull();
        byte[] record = ByteBufUtil.getBytes(out);
        out.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(record).hasSize(7);
        assertThat(Arrays.copyOf(record, 5)).containsExactly(21, 3, 3, 0, 2);
        assertThat(record[5]).as("fatal").isEqualTo((byte) 2);
        Object up = ch.readInbound();
        assertThat(up).as("nothing passed up").isNull();
        ch.finishAndReleaseAll();
        return AlertDescription.fromCode(record[6] & 0xff);
    }

    @Test
    void nonTlsInputGetsAnAlertAtOnce() {
        assertThat(alertFor("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(alertFor(new byte[] {22, 2, 0, 0, 5, 1, 2, 3, 4, 5})).isEqualTo(AlertDescription.PROTOCOL_VERSION);
        assertThat(alertFor(new byte[] {22, 3, 1, 0x48, 0x01})).isEqualTo(AlertDescription.RECORD_OVERFLOW);
        // An application-data record before any hello.
        assertThat(alertFor(new byte[] {23, 3, 3, 0, 1, 0})).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void theFirstHandshakeMessageMustBeAWellFormedClientHello() {
        byte[] serverHelloHeader = {2, 0, 0, 4, 1, 2, 3, 4};
        assertThat(alertFor(Hellos.records(serverHelloHeader, 100))).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        byte[] hello = Hellos.clientHello("x.a.test", 0);
        byte[] truncated = Arrays.copyOf(hello, hello.length - 3);
        truncated[3] = (byte) (truncated[3] - 3); // consistent length, body cut inside the extensions
        assertThat(alertFor(Hellos.records(truncated, 1000))).isEqualTo(AlertDescription.DECODE_ERROR);
        // A hello claiming more than the cap is refused from its header alone.
        assertThat(alertFor(Hellos.records(new byte[] {1, 0, 0x50, 0}, 100))).isEqualTo(AlertDescription.DECODE_ERROR);
    }

    @Test
    void namesNoPoolServesAreRefused() {
        assertThat(alertFor(Hellos.records(Hellos.clientHello("www.other.test", 0), 16384)))
                .isEqualTo(AlertDescription.UNRECOGNIZED_NAME);
        // RFC 8446 §9.2: a server that needs server_name answers its absence with missing_extension.
        assertThat(alertFor(Hellos.records(Hellos.clientHello(null, 0), 16384)))
                .isEqualTo(AlertDescription.MISSING_EXTENSION);
        // Configured but not running (a reload took it away).
        assertThat(alertFor(Hellos.records(Hellos.clientHello("gone.test", 0), 16384)))
                .isEqualTo(AlertDescription.INTERNAL_ERROR);
    }

    @Test
    void aClientThatNeverFinishesItsHelloIsClosedAtTheDeadline() throws Exception {
        EmbeddedChannel ch = embedded(ROUTER, Duration.ofMillis(50));
        byte[] partial = Arrays.copyOf(Hellos.records(Hellos.clientHello("x.a.test", 0), 16384), 20);
        ch.writeInbound(Unpooled.wrappedBuffer(partial));
        assertThat(ch.isOpen()).isTrue();
        Thread.sleep(100);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientThatHalfClosesBeforeItsHelloIsWholeIsClosed() throws Exception {
        int port = TestNet.port(net.server(ch -> ch.pipeline().addLast(new SniPassthrough(ROUTER,
                Map.of("a", poolA)::get, RelaySettings.DEFAULT, Duration.ofSeconds(10)))));
        try (Socket s = TestNet.connect(port)) {
            s.getOutputStream().write(Arrays.copyOf(Hellos.records(Hellos.clientHello("x.a.test", 0), 16384), 30));
            s.shutdownOutput();
            long start = System.nanoTime();
            assertThat(TestNet.closedByPeer(s)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theHeldBytesAreCapped() {
        EmbeddedChannel ch = embedded(ROUTER, Duration.ofSeconds(10));
        // Records of 1-byte fragments: the hello is legal but would need more than MAX_HELD bytes.
        byte[] slow = Hellos.records(Hellos.clientHello("x.a.test", 8000), 1);
        assertThat(slow.length).isGreaterThan(SniPassthrough.MAX_HELD);
        for (int at = 0; at < slow.length && ch.isOpen(); at += 4096) {
            ch.writeInbound(Unpooled.wrappedBuffer(slow, at, Math.min(4096, slow.length - at)));
        }
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    /** Sends {@code bytes} in pieces through a passthrough listener; returns what the chosen back end got. */
    private static byte[] through(ConcurrentLinkedQueue<TestNet.Recorder> backend, byte[] bytes, int piece) throws Exception {
        Function<String, PoolState> pools = Map.of("a", poolA, "b", poolB)::get;
        SniRouter router = new SniRouter(Map.of("*.a.test", "a"), "b");
        int port = TestNet.port(net.server(ch -> ch.pipeline().addLast(
                new SniPassthrough(router, pools, RelaySettings.DEFAULT, Duration.ofSeconds(5)))));
        backend.clear();
        try (Socket s = TestNet.connect(port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            for (int at = 0; at < bytes.length; at += piece) {
                out.write(bytes, at, Math.min(piece, bytes.length - at));
                out.flush();
                Thread.sleep(1);
            }
            s.shutdownOutput();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (backend.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(backend).as("a connection reached the expected back end").isNotEmpty();
            TestNet.Recorder r = backend.peek();
            while (r.received().length < bytes.length && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return r.received();
        }
    }

    @Test
    void aHelloSpanningRecordsAndPacketsIsRoutedByNameAndRelayedUntouched() throws Exception {
        byte[] records = Hellos.records(Hellos.clientHello("www.a.test", 3000), 700);
        byte[] withMore = Arrays.copyOf(records, records.length + 5);
        System.arraycopy(new byte[] {20, 3, 3, 0, 1}, 0, withMore, records.length, 5); // what follows goes too
        assertThat(through(atA, withMore, 333)).isEqualTo(withMore);
    }

    @Test
    void noNameGoesToTheDefaultPool() throws Exception {
        byte[] records = Hellos.records(Hellos.clientHello(null, 0), 16384);
        assertThat(through(atB, records, records.length)).isEqualTo(records);
    }
}
