package dev.jtls.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP/1.1 back end on 127.0.0.1 that records what it got: requests, their headers, the
 * TCP connections it accepted. It answers {@code 200} with its name as the body; {@code /status/NNN}
 * answers NNN, {@code /echo} the request body, {@code /big/N} N bytes chunked. It can be slowed, made to close idle keep-alive connections early, killed (listener
 * and connections closed) and restarted on the same port.
 */
public final class TestBackend implements AutoCloseable {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    public final String name;
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger connections = new AtomicInteger();
    public final ConcurrentLinkedDeque<HttpHeaders> seen = new ConcurrentLinkedDeque<>();
    public final ConcurrentLinkedDeque<String> bodies = new ConcurrentLinkedDeque<>();
    public final Map<String, String> responseHeaders = new ConcurrentHashMap<>();
    public volatile long delayMillis;
    /** > 0: close a keep-alive connection after this long without a request (the back end's own timeout). */
    public volatile long idleCloseMillis;
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Channel server;
    private int port;

    private TestBackend(String name) {
        this.name = name;
    }

    public static TestBackend start(String name) throws InterruptedException {
        TestBackend b = new TestBackend(name);
        b.bind(0);
        return b;
    }

    public int port() {
        return port;
    }

    private void bind(int wanted) throws InterruptedException {
        server = new ServerBootstrap().group(GROUP).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        open.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted)).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops listening and drops every connection (as a crashed server would). */
    public void kill() {
        server.close().awaitUninterruptibly();
        open.close().awaitUninterruptibly();
    }

    /** Listens again on the same port. */
    public void restart() throws InterruptedException {
        bind(port);
    }

    @Override
    public void close() {
        kill();
    }

    /** {@code n} bytes of a repeating pattern, chunked (RFC 9112 §7.1), in 16 KiB chunks. */
    private static void sendChunked(ChannelHandlerContext ctx, int n) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        byte[] chunk = new byte[16 << 10];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        for (int sent = 0; sent < n; sent += chunk.length) {
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, Math.min(chunk.length, n - sent))));
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private ScheduledFuture<?> idleClose;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (idleClose != null) {
                idleClose.cancel(false);
            }
            requests.incrementAndGet();
            seen.add(req.headers().copy());
            bodies.add(req.content().toString(StandardCharsets.UTF_8));
            while (seen.size() > 64) {
                seen.pollFirst();
                bodies.pollFirst();
            }
            if (req.uri().startsWith("/big/")) {
                sendChunked(ctx, Integer.parseInt(req.uri().substring(5)));
                return;
            }
            HttpResponseStatus status = HttpResponseStatus.OK;
            if (req.uri().startsWith("/status/")) {
                status = HttpResponseStatus.valueOf(Integer.parseInt(req.uri().substring(8)));
            }
            byte[] body = req.uri().startsWith("/echo") ? ByteBufUtil.getBytes(req.content())
                    : name.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            HttpUtil.setContentLength(r, body.length);
            responseHeaders.forEach((k, v) -> r.headers().add(k, v));
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, "close");
            }
            Runnable send = () -> {
                var f = ctx.writeAndFlush(r);
                if (!keepAlive) {
                    f.addListener(ChannelFutureListener.CLOSE);
                } else if (idleCloseMillis > 0) {
                    idleClose = ctx.executor().schedule(() -> ctx.close(), idleCloseMillis, TimeUnit.MILLISECONDS);
                }
            };
            if (delayMillis > 0) {
                ctx.executor().schedule(send, delayMillis, TimeUnit.MILLISECONDS);
            } else {
                send.run();
            }
        }
    }
}
