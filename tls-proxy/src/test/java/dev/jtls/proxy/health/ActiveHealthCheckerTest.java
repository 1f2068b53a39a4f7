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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
        List<BackendConfig> backends = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            backends.add(new BackendConfig("b" + i, "127.0.0.1", ports[i], 1));
        }
        PoolConfig config = new PoolConfig("web", PolicyKind.ROUND_ROBIN, null, backends,
                new HealthCheckConfig(kind, path, 200, INTERVAL, timeout, 2, 2),
                new PassiveHealthConfig(0, Duration.ofSeconds(30), false), Duration.ZERO, null, null, null);
        return new PoolState(config, Clock.systemUTC(),
                (p, b, from, to, reason) -> events.add(p + " " + b + " " + from + "→" + to + ": " + reason));
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
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
            Thread.sleep(5 * INTERVAL.toMillis());
            assertThat(b.status()).isEqualTo(BackendState.Status.UP);
            assertThat(events).isEmpty();

            server.close().sync();
            await("DOWN", () -> b.status() == BackendState.Status.DOWN);
            // The listener is told after the state changes: wait for its line too.
            await("1 state change line(s)", () -> events.size() >= 1);
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).startsWith("web b0 UP→DOWN: 2 health checks failed (last: ")
                    .containsIgnoringCase("refused");

            httpServer(port, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
            await("UP", () -> b.status() == BackendState.Status.UP);
            // The listener is told after the state changes: wait for its line too.
            await("2 state change line(s)", () -> events.size() >= 2);
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
            await("a few checks", () -> requests.get() >= 3);
            assertThat(b.status()).isEqualTo(BackendState.Status.UP);
            assertThat(seen.get(0)).isEqualTo("GET /healthz 127.0.0.1:" + port(server));

            status.set(503);
            await("DOWN", () -> b.status() == BackendState.Status.DOWN);
            await("the state change line", () -> !events.isEmpty());
            assertThat(events).containsExactly("web b0 UP→DOWN: 2 health checks failed (last: HTTP 503 (expected 200))");

            status.set(200);
            await("UP", () -> b.status() == BackendState.Status.UP);
            // The listener is told after the state changes: wait for its line too.
            await("2 state change line(s)", () -> events.size() >= 2);
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
            await("DOWN", () -> b.status() == BackendState.Status.DOWN);
            // Two failed checks, each bounded by the timeout, and not sooner: the timeout is what failed them.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_TIMEOUT);
            await("the state change line", () -> !events.isEmpty());
            assertThat(events).containsExactly("web b0 UP→DOWN: 2 health checks failed (last: timed out after 300ms)");
        } finally {
            checker.stop();
        }
    }

    @Test
    void followsAddedBackEndsAndStopsReporting() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        Channel up = httpServer(0, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        Channel gone = httpServer(0, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        int gonePort = port(gone);
        gone.close().sync();
        PoolState pool = pool(HealthCheckConfig.Kind.TCP, "/", port(up));
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        pool.add(new BackendConfig("late", "127.0.0.1", gonePort, 1));
        BackendState late = pool.backend("late").orElseThrow();
        await("the added back end DOWN", () -> late.status() == BackendState.Status.DOWN);
        assertThat(pool.backends().get(0).status()).isEqualTo(BackendState.Status.UP);
        checker.stop();
        await("the added back end's line", () -> events.stream().anyMatch(e -> e.startsWith("web late UP→DOWN")));
        int after = events.size();
        httpServer(gonePort, status, new AtomicInteger(), new CopyOnWriteArrayList<>());
        Thread.sleep(6 * INTERVAL.toMillis());
        assertThat(events).hasSize(after);
        assertThat(late.status()).isEqualTo(BackendState.Status.DOWN);
    }

    @Test
    void typeNoneChecksNothing() throws Exception {
        PoolState pool = pool(HealthCheckConfig.Kind.NONE, "/", 1);
        ActiveHealthChecker checker = new ActiveHealthChecker(pool, group);
        checker.start();
        Thread.sleep(4 * INTERVAL.toMillis());
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
            await("the plain back end DOWN: it does not speak TLS", () -> pool.backends().get(1).status() == BackendState.Status.DOWN);
            await("checks over TLS", () -> requests.get() >= 3);
            assertThat(pool.backends().get(0).status()).as(events.toString()).isEqualTo(BackendState.Status.UP);
            assertThat(handshakes.get()).isGreaterThanOrEqualTo(requests.get());
            // The listener is told after the state changes: wait for its line too.
            await("1 state change line(s)", () -> events.size() >= 1);
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).startsWith("web b1 UP→DOWN: 2 health checks failed (last: ");
        } finally {
            checker.stop();
        }
    }
}
