package dev.jtls.proxy.health;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.HealthCheckConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Active health checks of one pool's back ends on a given Netty {@link EventLoopGroup} (no thread of
 * its own): every {@code interval}, each back end gets a TCP connect, or an HTTP/1.1 {@code GET path}
 * whose status must be {@code expect_status}; the whole check (connect, request, response head) must
 * finish within {@code timeout}. Each outcome goes to {@link PoolState#reportCheck}, whose rise/fall
 * counts decide UP and DOWN and whose listener writes the one log line per change.
 *
 * <p>Back ends added or removed at run time are followed (the list is read at every round); a back end
 * whose previous check has not finished is not checked again meanwhile. Host names are resolved by
 * Netty's default resolver at each connect.
 */
public final class ActiveHealthChecker {

    /** Adds TLS to a check's pipeline, for pools that re-encrypt toward their back ends. */
    @FunctionalInterface
    public interface TlsHandlers {
        ChannelHandler newHandler(ByteBufAllocator alloc, InetSocketAddress backend);
    }

    private final PoolState pool;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final TlsHandlers tls;
    private final HealthCheckConfig config;
    private final Set<BackendState> running = ConcurrentHashMap.newKeySet();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> rounds;
    private volatile boolean stopped;

    /** Plain TCP checks over NIO sockets. */
    public ActiveHealthChecker(PoolState pool, EventLoopGroup group) {
        this(pool, group, NioSocketChannel.class, null);
    }

    /**
     * @param channelType the socket channel class that goes with {@code group}'s transport
     * @param tls null: plain; else a TLS handler for each check (HTTP checks then speak HTTPS)
     */
    public ActiveHealthChecker(PoolState pool, EventLoopGroup group, Class<? extends Channel> channelType,
            TlsHandlers tls) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.group = Objects.requireNonNull(group, "group");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.tls = tls;
        this.config = pool.config().health();
    }

    /** Starts the rounds: the first at once, then every interval. Does nothing for type none. */
    public synchronized void start() {
        if (config == null || config.kind() == HealthCheckConfig.Kind.NONE || rounds != null || stopped) {
            return;
        }
        long interval = config.interval().toMillis();
        rounds = group.next().scheduleAtFixedRate(this::round, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the rounds and closes the checks in progress. Once it returns, nothing more is reported: an
     * outcome being reported on an event loop meanwhile is waited for, later ones are dropped.
     */
    public synchronized void stop() {
        stopped = true;
        ScheduledFuture<?> r = rounds;
        if (r != null) {
            r.cancel(false);
        }
        for (Channel c : open) {
            c.close();
        }
    }

    private void round() {
        for (BackendState b : pool.backends()) {
            if (stopped) {
                return;
            }
            if (running.add(b)) {
                check(b);
            }
        }
        report(pool::refresh);
    }

    /**
     * Reports to the pool unless stopped. The checker's monitor makes the look at the flag and the
     * report one step, so that {@link #stop()} cannot return between them; a pool's checks report a few
     * times per interval, so the event loops hardly ever wait on it.
     */
    private synchronized void report(Runnable toPool) {
        if (!stopped) {
            toPool.run();
        }
    }

    private void check(BackendState b) {
        Check check = new Check(b, System.nanoTime());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, config.timeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), b.address()));
                        }
                        if (config.kind() == HealthCheckConfig.Kind.HTTP) {
                            ch.pipeline().addLast(new HttpClientCodec(), new StatusHandler(check));
                        }
                    }
                });
        ChannelFuture connect;
        try {
            connect = bootstrap.connect(b.address());
        } catch (RuntimeException e) {
            check.done(false, "cannot connect: " + e.getMessage());
            return;
        }
        Channel ch = connect.channel();
        check.channel = ch;
        open.add(ch);
        ch.closeFuture().addListener(f -> open.remove(ch));
        if (stopped) {
            ch.close(); // stop() ran since this round began and may not have seen the channel
        }
        ScheduledFuture<?> deadline = ch.eventLoop().schedule(
                () -> check.done(false, "timed out after " + format(config.timeout())),
                config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        check.deadline = deadline;
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                check.done(false, describe(f.cause()));
                return;
            }
            // Connected: a close from now on, before the status line, is a failed check.
            f.channel().closeFuture().addListener(c -> check.done(false, "connection closed before a response"));
            if (config.kind() == HealthCheckConfig.Kind.TCP) {
                check.done(true, "connected in " + check.elapsedMillis() + " ms");
            } else {
                String host = b.address().getHostString();
                int port = b.address().getPort();
                DefaultFullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, config.path());
                get.headers()
                        .set(HttpHeaderNames.HOST, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port)
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                        .set(HttpHeaderNames.USER_AGENT, "jtls-proxy-health-check");
                f.channel().writeAndFlush(get).addListener((ChannelFuture w) -> {
                    if (!w.isSuccess()) {
                        check.done(false, "request not sent: " + describe(w.cause()));
                    }
                });
            }
        });
    }

    /** One check of one back end; its outcome is reported once, whichever event comes first. */
    private final class Check {
        private final BackendState backend;
        private final long startNanos;
        private boolean reported;
        volatile Channel channel;
        volatile ScheduledFuture<?> deadline;

        Check(BackendState backend, long startNanos) {
            this.backend = backend;
            this.startNanos = startNanos;
        }

        long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        void done(boolean passed, String detail) {
            synchronized (this) {
                if (reported) {
                    return;
                }
                reported = true;
            }
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            Channel c = channel;
            if (c != null) {
                c.close();
            }
            running.remove(backend);
            report(() -> pool.reportCheck(backend, passed, detail));
        }
    }

    /** Reads the status line of the response; the rest is not needed. */
    private final class StatusHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final Check check;

        StatusHandler(Check check) {
            this.check = check;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                int status = response.status().code();
                if (msg.decoderResult().isFailure()) {
                    check.done(false, "malformed response: " + describe(msg.decoderResult().cause()));
                } else if (status == config.expectStatus()) {
                    check.done(true, "HTTP " + status + " in " + check.elapsedMillis() + " ms");
                } else {
                    check.done(false, "HTTP " + status + " (expected " + config.expectStatus() + ")");
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            check.done(false, describe(cause));
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "failed";
        }
        String m = t.getMessage();
        return m == null || m.isEmpty() ? t.getClass().getSimpleName() : m;
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
