package dev.jtls.proxy.admin;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.AdminConfig;
import dev.jtls.proxy.metrics.ProxyMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The admin listener: HTTP/1.1 (Netty's codec) on {@link AdminConfig#bind()} — loopback unless the
 * configuration says otherwise — serving {@code GET /metrics} to anyone who can reach it and the
 * token-guarded runtime API ({@link AdminApi}) to the holder of the admin token. Requests are capped at
 * 8 KiB of head and 64 KiB of body; a connection idle for 30 s is closed.
 */
public final class AdminServer implements AutoCloseable {
    /** Re-reads the configuration; returns a one-line summary, throws with a reason to refuse it. */
    @FunctionalInterface
    public interface Reloader {
        String reload() throws Exception;
    }

    static final int MAX_BODY = 64 * 1024;
    static final int READ_TIMEOUT_SECONDS = 30;

    private final AdminConfig config;
    private final AdminApi api;
    private final ExecutorService blocking;
    private EventLoopGroup ownGroup;
    private Channel serverChannel;

    /**
     * @param pools the running pools (a reload swaps what it returns)
     * @param reloader {@code POST /reload}; null: not offered (404)
     */
    public AdminServer(AdminConfig config, ProxyMetrics metrics, Supplier<Map<String, PoolState>> pools, Reloader reloader) {
        this.config = config;
        this.blocking = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jtls-proxy-admin-reload");
            t.setDaemon(true);
            return t;
        });
        this.api = new AdminApi(config.token(), metrics, pools, reloader, blocking);
    }

    /** Starts on its own one-thread event loop. */
    public InetSocketAddress start() throws InterruptedException {
        ownGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        return start(ownGroup);
    }

    /**
     * Binds on {@code group} (NIO) and returns the bound address (the port when the configuration said 0).
     *
     * @throws IllegalStateException when the configuration has no admin bind address
     */
    public InetSocketAddress start(EventLoopGroup group) throws InterruptedException {
        InetSocketAddress bind = config.bind();
        if (bind == null) {
            throw new IllegalStateException("the admin listener is off (no admin bind address configured)");
        }
        if (bind.isUnresolved()) {
            bind = new InetSocketAddress(bind.getHostString(), bind.getPort()); // resolved once, at start
        }
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                        ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192));
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                        ch.pipeline().addLast(new Handler());
                    }
                })
                .bind(bind).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops listening (open admin connections end with their event loop). */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        blocking.shutdownNow();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                write(ctx, AdminResponse.error(400, "malformed request"), false);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            byte[] body = new byte[req.content().readableBytes()];
            req.content().getBytes(req.content().readerIndex(), body);
            api.handle(req.method().name(), uri.rawPath(), uri.parameters(),
                            req.headers().get(HttpHeaderNames.AUTHORIZATION), body)
                    .whenComplete((r, e) -> write(ctx, e == null ? r : AdminResponse.error(500, "admin error: " + e.getMessage()), keepAlive));
        }

        private void write(ChannelHandlerContext ctx, AdminResponse r, boolean keepAlive) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            if (r.headerName() != null) {
                res.headers().set(r.headerName(), r.headerValue());
            }
            if (!keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(res);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
