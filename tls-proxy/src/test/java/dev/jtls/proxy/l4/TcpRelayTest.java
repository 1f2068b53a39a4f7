package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.testing.Await;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.Cidr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpRelayTest {
    private static TestNet net;
    private static int echoPort;
    private static int byePort;

    @BeforeAll
    static void start() throws Exception {
        net = new TestNet();
        echoPort = TestNet.port(net.server(ch -> ch.pipeline().addLast(new TestNet.Echo(() -> { })), true));
        byePort = TestNet.port(net.server(ch -> ch.pipeline().addLast(new CountThenBye()), true));
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    /** Reads to the client's FIN, then answers how many bytes it got and closes. */
    static final class CountThenBye extends ChannelInboundHandlerAdapter {
        long n;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            n += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("got " + n + " bytes", StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static int relay(PoolState pool, RelaySettings settings) throws InterruptedException {
        return TestNet.port(net.server(ch -> ch.pipeline().addLast(new TcpRelay(pool, settings))));
    }

    @Test
    void bytesGoBothWaysUntouchedAndTheBackEndIsReleased() throws Exception {
        PoolState pool = TestPools.pool("echo", echoPort);
        TestPools.Events events = new TestPools.Events();
        int port = relay(pool, RelaySettings.DEFAULT.withEvents(events));
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        try (Socket s = TestNet.connect(port)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(TestNet.readToEnd(s)).isEqualTo(data);
            writer.get(5, TimeUnit.SECONDS);
        }
        assertThat(TestPools.awaitIdle(pool)).isTrue();
        awaitEvent(events, "closed echo0 1048576 1048576");
        assertThat(events.seen).startsWith("connected echo0");
    }

    @Test
    void aClientHalfCloseStillGetsTheAnswer() throws Exception {
        PoolState pool = TestPools.pool("bye", byePort);
        int port = relay(pool, RelaySettings.DEFAULT);
        try (Socket s = TestNet.connect(port)) {
            s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            BackendState bye = pool.backend("bye0").orElseThrow();
            Await.until("the relay connected to the back end", () -> bye.inFlight() == 1);
            s.shutdownOutput();
            assertThat(new String(TestNet.readToEnd(s), StandardCharsets.US_ASCII)).isEqualTo("got 5 bytes");
        }
        assertThat(TestPools.awaitIdle(pool)).isTrue();
    }

    @Test
    void aFailedConnectIsRetriedOnAnotherBackEndAndReported() throws Exception {
        PoolState pool = TestPools.pool("mixed", TestPools.deadPort(), echoPort);
        TestPools.Events events = new TestPools.Events();
        int port = relay(pool, RelaySettings.DEFAULT.withEvents(events));
        for (int i = 0; i < 4; i++) {
            try (Socket s = TestNet.connect(port)) {
                s.getOutputStream().write(("ping" + i).getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(TestNet.readN(s, 5), StandardCharsets.US_ASCII)).isEqualTo("ping" + i);
            }
        }
        assertThat(TestPools.awaitIdle(pool)).isTrue();
        // The dead one failed once, was ejected (one failure ejects in this pool), never tried again.
        assertThat(events.seen.stream().filter(e -> e.startsWith("failed mixed0")).count()).isEqualTo(1);
        assertThat(pool.backend("mixed0").orElseThrow().status()).isEqualTo(BackendState.Status.EJECTED);
        assertThat(events.seen.stream().filter(e -> e.equals("connected mixed1")).count()).isEqualTo(4);
    }

    @Test
    void aBackEndThatNeverAnswersTheConnectIsGivenUpAtThePoolsDeadline() throws Exception {
        // A listening socket whose accept queue is full: Linux drops further SYNs, so a connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(f);
                    } catch (java.net.SocketTimeoutException queueFull) {
                        f.close();
                        break;
                    }
                }
                PoolState pool = TestPools.pool("slow", Duration.ofMillis(300), full.getLocalPort(), echoPort);
                TestPools.Events events = new TestPools.Events();
                int port = relay(pool, RelaySettings.DEFAULT.withEvents(events));
                // Two connections: whichever the policy picks first, one of them tries the full one.
                for (int i = 0; i < 2; i++) {
                    try (Socket s = TestNet.connect(port)) {
                        s.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
                        assertThat(new String(TestNet.readN(s, 4), StandardCharsets.US_ASCII)).isEqualTo("late");
                    }
                }
                assertThat(events.seen).contains("failed slow0", "connected slow1").doesNotContain("connected slow0");
                assertThat(events.reasons).singleElement().asString().contains("timed out");
                assertThat(TestPools.awaitIdle(pool)).isTrue();
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void noBackEndLeftClosesTheClient() throws Exception {
        PoolState pool = TestPools.pool("dead", TestPools.deadPort(), TestPools.deadPort());
        TestPools.Events events = new TestPools.Events();
        int port = relay(pool, RelaySettings.DEFAULT.withEvents(events));
        try (Socket s = TestNet.connect(port)) {
            s.getOutputStream().write("anyone?".getBytes(StandardCharsets.US_ASCII));
            assertThat(TestNet.closedByPeer(s)).isTrue();
        }
        assertThat(TestPools.awaitIdle(pool)).isTrue();
        awaitEvent(events, "none dead");
        assertThat(events.seen).contains("failed dead0", "failed dead1");
    }

    @Test
    void aProxyHeaderGoesFirstWhenAsked() throws Exception {
        ConcurrentLinkedQueue<TestNet.Recorder> recorders = new ConcurrentLinkedQueue<>();
        Channel backend = net.recording(recorders, () -> new ProxyProtocolGate(
                List.of(new Cidr(InetAddress.getLoopbackAddress(), 32)), Duration.ofSeconds(2)));
        PoolState pool = TestPools.pool("pp", TestNet.port(backend));
        int port = relay(pool, RelaySettings.DEFAULT.withProxyHeader(true));
        InetSocketAddress clientSide;
        try (Socket s = TestNet.connect(port)) {
            clientSide = (InetSocketAddress) s.getLocalSocketAddress();
            s.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            TestNet.closedByPeer(s);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (recorders.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        TestNet.Recorder r = recorders.peek().awaitClose();
        assertThat(new String(r.received(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(r.clientAddress).isEqualTo(clientSide);
    }

    @Test
    void aClientThatDoesNotReadStopsTheRelayFromReadingTheBackEnd() throws Exception {
        long total = 64L << 20;
        AtomicLong written = new AtomicLong();
        try (ServerSocket flood = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket b = flood.accept()) {
                    OutputStream out = b.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < total; sent += chunk.length) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            PoolState pool = TestPools.pool("flood", flood.getLocalPort());
            int port = relay(pool, RelaySettings.DEFAULT);
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(64 * 1024);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TestNet.TIMEOUT_MS);
                s.setSoTimeout(TestNet.TIMEOUT_MS);
                Thread.sleep(1000);
                // Stalled: only socket buffers and the relay's water marks hold data; nowhere near 64 MiB.
                assertThat(written.get()).isLessThan(40L << 20);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[256 * 1024];
                long got = 0;
                for (int n; got < total && (n = in.read(buf)) > 0; ) {
                    got += n;
                }
                assertThat(got).isEqualTo(total);
            }
            server.get(10, TimeUnit.SECONDS);
            assertThat(TestPools.awaitIdle(pool)).isTrue();
        }
    }

    private static void awaitEvent(TestPools.Events events, String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!events.seen.contains(event) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events.seen).contains(event);
    }
}
