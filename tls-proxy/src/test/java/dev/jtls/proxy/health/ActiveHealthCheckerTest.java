package dev.jtls.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.jsse.JtlsProvider;
import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.testing.Await;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks against real loopback servers that go away and come back. */
class ActiveHealthCheckerTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    /** Generous, so that a busy machine does not fail a check; only the silent back end waits for it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Channel> servers = Collections.synchronizedList(new ArrayList<>());
    /** Connections accepted by the servers of a test: each TCP or HTTP check makes one. */
    private final AtomicInteger accepted = new AtomicInteger();

    @AfterEach
    void close() throws InterruptedException {
        for (Channel s : servers) {
            s.close().await(2000);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5000);
    }

    /** An HTTP server on {@code port} (0: any) answering every request with {@code status}. */
    private Channel httpServer(int port, AtomicInteger status, AtomicInteger requests, List<String> paths) throws InterruptedException {
        return httpServer(port, null, status, requests, paths);
    }

    private Channel httpServer(int port, SslContext tls, AtomicInteger status, AtomicInteger requests,
            List<String> paths) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        accepted.incrementAndGet();
                        if (tls != null) {
                            c.pipeline().addLast(tls.newHandler(c.alloc()));
                        }
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        requests.incrementAndGet();
                                        paths.add(req.method() + " " + req.uri() + " " + req.headers().get("Host"));
                                        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.valueOf(status.get())))
                                                .addListener(ChannelFutureListener.CLOSE);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        servers.add(ch);
        return ch;
    }

    /** A server that accepts and never answers. */
    private Channel silentServer() throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        // reads nothing, writes nothing
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        servers.add(ch);
        return ch;
    }

    private PoolState pool(HealthCheckConfig.Kind kind, String path, int... ports) {
        return pool(kind, path, TIMEOUT, ports);
    }

    private PoolState pool(HealthCheckConfig.Kind kind, String path, Duration timeout, int... ports) {
        return pool("web", kind, path, timeout, this::record, ports);
    }

    /** Back ends b0, b1… on the given loopback ports; rise and fall 2. */
    private static PoolState pool(String name, HealthCheckConfig.Kind kind, String path, Duration timeout,
            PoolState.StateListener listener, int... ports) {
        List<BackendConfig> backends = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            backends.add(new BackendConfig("b" + i, "127.0.0.1", ports[i], 1));
        }
        PoolConfig config = new PoolConfig(name, PolicyKind.ROUND_ROBIN, null, backends,
                new HealthCheckConfig(kind, path, 200, INTERVAL, timeout, 2, 2),
                new PassiveHealthConfig(0, Duration.ofSeconds(30), false), Duration.ZERO, null, null, null);
        return new PoolState(config, Clock.systemUTC(), listener);
    }

    /** The one log line per state change, as the proxy writes it. */
    private void record(String pool, String backend, BackendState.Status from, BackendState.Status to, String reason) {
        events.add(pool + " " + backend + " " + from + "→" + to + ": " + reason);
    }

    /**
     * Waits for the n-th line. A back end's status changes before its line is told, so a test that saw
     * the status waits for the line too before it looks at the lines.
     */
    private void awaitLines(int n) throws InterruptedException {
        Await.until(n + " state change lines (so far " + events + ")", () -> events.size() >= n);
    }

    /** A loopback port nothing listens on (bound, then closed): connecting there is refused. */
    private int closedPort() throws InterruptedException {
        Channel gone = httpServer(0, new AtomicInteger(200), new AtomicInteger(), new CopyOnWriteArrayList<>());
        int port = port(gone);
        gone.close().sync();
        return port;
    }

    /**
     * A second checker, on a pool of its own, of a back end that refuses: once its two failed rounds
     * have taken that back end DOWN, at least one interval has gone by on the same event loops, which
     * is the time a checker that should report nothing would have had to report.
     */
    private void awaitRoundsOfAWitness() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        PoolState witness = pool("witness", HealthCheckConfig.Kind.TCP, "/", TIMEOUT,
                (p, b, from, to, reason) -> lines.add(from + "→" + to), closedPort());
        ActiveHealthChecker checker = new ActiveHealthChecker(witness, group);
        checker.start();
        try {
            Await.until("the witness's back end DOWN", () -> lines.contains("UP→DOWN"));
        } finally {
            checker.stop();
        }
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Test
    void tcpCheckTakesAVanishedBackEndDownAndBringsItBackUp() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        Channel server = httpServer(0, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        int port = port(server);
        PoolState pool = pool(HealthCheckConfig.Kind.TCP, "/", port);
        BackendState b = pool.backends().get(0);
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        try {
            Await.until("a few checks", () -> accepted.get() >= 3);
            assertThat(b.status()).isEqualTo(BackendState.Status.UP);
            assertThat(events).isEmpty();

            server.close().sync();
            Await.until("DOWN", () -> b.status() == BackendState.Status.DOWN);
            awaitLines(1);
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).startsWith("web b0 UP→DOWN: 2 health checks failed (last: ")
                    .containsIgnoringCase("refused");

            httpServer(port, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
            Await.until("UP", () -> b.status() == BackendState.Status.UP);
            awaitLines(2);
            assertThat(events).hasSize(2);
            assertThat(events.get(1)).startsWith("web b0 DOWN→UP: 2 health checks passed (connected in ");
        } finally {
            checker.stop();
        }
    }

    @Test
    void httpCheckWantsTheExpectedStatusOnThePath() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        AtomicInteger requests = new AtomicInteger();
        List<String> seen = new CopyOnWriteArrayList<>();
        Channel server = httpServer(0, status, requests, seen);
        PoolState pool = pool(HealthCheckConfig.Kind.HTTP, "/healthz", port(server));
        BackendState b = pool.backends().get(0);
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        try {
            Await.until("a few checks", () -> requests.get() >= 3);
            assertThat(b.status()).isEqualTo(BackendState.Status.UP);
            assertThat(seen.get(0)).isEqualTo("GET /healthz 127.0.0.1:" + port(server));

            status.set(503);
            Await.until("DOWN", () -> b.status() == BackendState.Status.DOWN);
            awaitLines(1);
            assertThat(events).containsExactly("web b0 UP→DOWN: 2 health checks failed (last: HTTP 503 (expected 200))");

            status.set(200);
            Await.until("UP", () -> b.status() == BackendState.Status.UP);
            awaitLines(2);
            assertThat(events).hasSize(2);
            assertThat(events.get(1)).startsWith("web b0 DOWN→UP: 2 health checks passed (HTTP 200 in ");
        } finally {
            checker.stop();
        }
    }

    @Test
    void aBackEndThatNeverAnswersTimesOut() throws Exception {
        Channel silent = silentServer();
        PoolState pool = pool(HealthCheckConfig.Kind.HTTP, "/", SHORT_TIMEOUT, port(silent));
        BackendState b = pool.backends().get(0);
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        long start = System.nanoTime();
        checker.start();
        try {
            Await.until("DOWN", () -> b.status() == BackendState.Status.DOWN);
            awaitLines(1);
            // Two failed checks, each bounded by the timeout, and not sooner: the timeout is what failed them.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_TIMEOUT);
            assertThat(events).containsExactly("web b0 UP→DOWN: 2 health checks failed (last: timed out after 300ms)");
        } finally {
            checker.stop();
        }
    }

    @Test
    void followsAddedBackEndsAndStopsReporting() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        Channel up = httpServer(0, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        int gonePort = closedPort();
        PoolState pool = pool(HealthCheckConfig.Kind.TCP, "/", port(up));
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        pool.add(new BackendConfig("late", "127.0.0.1", gonePort, 1));
        BackendState late = pool.backend("late").orElseThrow();
        Await.until("the added back end DOWN", () -> late.status() == BackendState.Status.DOWN);
        awaitLines(1);
        assertThat(events.get(0)).startsWith("web late UP→DOWN: 2 health checks failed (last: ");
        assertThat(pool.backends().get(0).status()).isEqualTo(BackendState.Status.UP);
        checker.stop();
        List<String> atStop = List.copyOf(events);

        // The back end comes back; a stopped checker does not tell.
        httpServer(gonePort, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        awaitRoundsOfAWitness();
        assertThat(events).isEqualTo(atStop);
        assertThat(late.status()).isEqualTo(BackendState.Status.DOWN);
    }

    /** The race behind "stops reporting": an outcome being reported while stop() is called. */
    @Test
    void stopWaitsForTheReportInProgressAndNoneFollows() throws Exception {
        CountDownLatch telling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PoolState pool = pool("web", HealthCheckConfig.Kind.TCP, "/", TIMEOUT, (p, b, from, to, reason) -> {
            telling.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // the event loop is held mid-report
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            record(p, b, from, to, reason);
        }, closedPort());
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        assertThat(telling.await(10, TimeUnit.SECONDS)).as("the DOWN line is being told").isTrue();

        Thread stopper = new Thread(() -> {
            checker.stop();
            events.add("stop returned");
        });
        stopper.start();
        // Until the report is let go, stop() either waits for it or (the fault) has already returned.
        Await.until("stop() waiting or returned", () -> stopper.getState() == Thread.State.BLOCKED
                || stopper.getState() == Thread.State.WAITING || stopper.getState() == Thread.State.TERMINATED);
        release.countDown();
        stopper.join(10_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).startsWith("web b0 UP→DOWN: 2 health checks failed (last: ");
        assertThat(events.get(1)).isEqualTo("stop returned");

        awaitRoundsOfAWitness();
        assertThat(events).hasSize(2);
    }

    @Test
    void typeNoneChecksNothing() throws Exception {
        PoolState pool = pool(HealthCheckConfig.Kind.NONE, "/", closedPort());
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        awaitRoundsOfAWitness();
        checker.stop();
        assertThat(pool.backends().get(0).status()).isEqualTo(BackendState.Status.UP);
        assertThat(events).isEmpty();
    }

    /** HTTPS checks through jtls's SSLEngine, against a back end with the demo certificate. */
    @Test
    void httpsChecksGoThroughTheGivenTlsHandler() throws Exception {
        Path certs = Path.of("..", "examples", "certs");
        Path certFile = certs.resolve("demo-localhost.cert.pem");
        SslContext serverTls = SslContextBuilder
                .forServer(certFile.toFile(), certs.resolve("demo-localhost.key.pem").toFile())
                .protocols("TLSv1.2").build();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(certFile)) {
            trust.setCertificateEntry("demo", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new JtlsProvider());
        tmf.init(trust);
        SSLContext jtls = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        jtls.init(null, tmf.getTrustManagers(), null);
        AtomicInteger handshakes = new AtomicInteger();
        ActiveHealthChecker.TlsHandlers handlers = (alloc, backend) -> {
            SSLEngine engine = jtls.createSSLEngine("localhost", backend.getPort());
            engine.setUseClientMode(true);
            handshakes.incrementAndGet();
            return new SslHandler(engine);
        };

        AtomicInteger status = new AtomicInteger(200);
        AtomicInteger requests = new AtomicInteger();
        Channel https = httpServer(0, serverTls, status, requests, new CopyOnWriteArrayList<>());
        Channel plain = httpServer(0, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        // A more generous timeout: the first handshakes of a fresh JVM are slow on a busy machine.
        PoolState pool = pool(HealthCheckConfig.Kind.HTTP, "/healthz", Duration.ofSeconds(5), port(https), port(plain));
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group,
                NioSocketChannel.class, handlers);
        checker.start();
        try {
            Await.until("the plain back end DOWN: it does not speak TLS", () -> pool.backends().get(1).status() == BackendState.Status.DOWN);
            awaitLines(1);
            Await.until("checks over TLS", () -> requests.get() >= 3);
            assertThat(pool.backends().get(0).status()).as(events.toString()).isEqualTo(BackendState.Status.UP);
            assertThat(handshakes.get()).isGreaterThanOrEqualTo(requests.get());
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).startsWith("web b1 UP→DOWN: 2 health checks failed (last: ");
        } finally {
            checker.stop();
        }
    }
}
