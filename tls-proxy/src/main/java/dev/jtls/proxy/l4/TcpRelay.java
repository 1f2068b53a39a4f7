package dev.jtls.proxy.l4;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PickKey;
import dev.jtls.proxy.balance.PoolState;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The L4 relay: the last handler of a {@code tcp} listener's pipeline (after TLS termination) or what
 * {@link SniPassthrough} hands over to. It picks a back end from the pool (the pick key is the client
 * address, {@link ProxyProtocolGate#clientAddress}), connects on the client's own event loop (no
 * cross-thread hand-off), then copies bytes both ways untouched.
 *
 * <ul>
 *   <li>Start: when the TLS handshake has succeeded if an {@link SslHandler} is in the pipeline, else
 *       at once. The client is not read from until the back end is connected; what had already been
 *       read (capped at {@value #MAX_PENDING} bytes) is written first.</li>
 *   <li>Connect: the pool's connect deadline; a failure before any byte was relayed is reported to the
 *       pool (passive health) and the next back end is tried, up to {@code maxAttempts}; none left
 *       closes the client.</li>
 *   <li>Back-pressure: a side's reading stops while the other side's channel is not writable
 *       (Netty's write-buffer water marks) and resumes when it is again, so a slow reader never makes
 *       the proxy buffer without bound.</li>
 *   <li>Half-close: a client FIN (plain TCP, passthrough) or close_notify (TLS) shuts the back end's
 *       output down and the back end's answer still flows; a back-end FIN shuts the client's output down
 *       when it is plain TCP, or ends the client connection when it is TLS (TLS 1.2 has no half-close:
 *       RFC 5246 §7.2.1). When both directions are done, both channels close.</li>
 *   <li>Accounting: the back end is {@code acquire}d while connecting or connected and
 *       {@code release}d exactly once; a completed connect is a passive-health success.</li>
 * </ul>
 * One instance per client channel.
 */
public final class TcpRelay extends ChannelInboundHandlerAdapter {
    /** Client bytes held while the back end connects; more closes the client. */
    public static final int MAX_PENDING = 256 * 1024;

    private final PoolState pool;
    private final RelaySettings settings;
    private final Set<BackendState> tried = new HashSet<>();
    private CompositeByteBuf pending;
    private ByteBuf initial;
    private ChannelHandlerContext ctx;
    private Channel backend;
    private BackendState current;
    private int attempts;
    private boolean started;
    private boolean finished;
    private boolean clientInputDone;
    private boolean backendInputDone;
    private long toBackend;
    private long toClient;

    public TcpRelay(PoolState pool, RelaySettings settings) {
        this(pool, settings, null);
    }

    /**
     * @param initial bytes already read from the client (passthrough's ClientHello), sent first;
     *     this relay takes ownership of the buffer
     */
    public TcpRelay(PoolState pool, RelaySettings settings, ByteBuf initial) {
        this.pool = pool;
        this.settings = settings;
        this.initial = initial;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            startWhenReady();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startWhenReady();
        ctx.fireChannelActive();
    }

    private void startWhenReady() {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            start();
        } else {
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    start();
                }
            });
        }
    }

    private void start() {
        if (started || !ctx.channel().isActive()) {
            return;
        }
        started = true;
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        if (ctx.pipeline().get(SslHandler.class) == null) {
            // A plain client (passthrough) may half-close: see its FIN as an event, not a close.
            client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        pending = ctx.alloc().compositeBuffer(64);
        if (initial != null) {
            pending.addComponent(true, initial);
            initial = null;
        }
        connectNext();
    }

    private void connectNext() {
        Optional<BackendState> pick = attempts < settings.maxAttempts()
                ? pool.pick(pickKey(), tried) : Optional.empty();
        if (pick.isEmpty()) {
            settings.events().noBackend(pool.name());
            ctx.close();
            return;
        }
        BackendState b = pick.get();
        tried.add(b);
        attempts++;
        b.acquire();
        current = b;
        Duration connect = pool.config().timeouts() != null && pool.config().timeouts().connect() != null
                ? pool.config().timeouts().connect() : RelaySettings.DEFAULT_CONNECT_TIMEOUT;
        Bootstrap bootstrap = new Bootstrap()
                .group(ctx.channel().eventLoop())
                .channel(backendChannelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, connect.toMillis())))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (settings.backendPipeline() != null) {
                            settings.backendPipeline().configure(ch, b);
                        }
                        if (!settings.idleTimeout().isZero()) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
                        }
                        ch.pipeline().addLast(new BackendSide());
                    }
                });
        bootstrap.connect(b.address()).addListener((ChannelFutureListener) f -> connected(f, b));
    }

    private PickKey pickKey() {
        InetSocketAddress client = ProxyProtocolGate.clientAddress(ctx.channel());
        return client == null || client.getAddress() == null ? PickKey.NONE : PickKey.of(client.getAddress());
    }

    private Class<? extends Channel> backendChannelType() {
        if (settings.channelType() != null) {
            return settings.channelType();
        }
        Channel client = ctx.channel();
        return client instanceof SocketChannel ? client.getClass() : NioSocketChannel.class;
    }

    private void connected(ChannelFuture f, BackendState b) {
        if (finished) {
            // The client went away while connecting; finish() has released b.
            f.channel().close();
            return;
        }
        if (!f.isSuccess()) {
            String reason = f.cause() == null ? "connect failed" : String.valueOf(f.cause().getMessage());
            settings.events().connectFailed(pool.name(), b.name(), reason);
            pool.reportFailure(b, "connect to " + b.address() + ": " + reason);
            b.release();
            current = null;
            connectNext();
            return;
        }
        backend = f.channel();
        pool.reportSuccess(b);
        settings.events().connected(pool.name(), b.name());
        if (settings.sendProxyHeader()) {
            InetSocketAddress client = ProxyProtocolGate.clientAddress(ctx.channel());
            SocketAddress local = ctx.channel().localAddress();
            if (client != null && local instanceof InetSocketAddress) {
                backend.write(ProxyProtocolHeader.encode(ProxyProtocolHeader.message(client, (InetSocketAddress) local)),
                        backend.voidPromise());
            }
        }
        if (pending.isReadable()) {
            toBackend += pending.readableBytes();
            backend.write(pending, backend.voidPromise());
        } else {
            pending.release();
        }
        pending = null;
        backend.flush();
        if (clientInputDone) {
            shutdownOutput(backend);
        }
        backend.config().setAutoRead(true);
        backend.read();
        ctx.channel().config().setAutoRead(backend.isWritable());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf) || finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        if (backend == null) {
            if (pending == null || pending.readableBytes() + buf.readableBytes() > MAX_PENDING) {
                buf.release();
                ctx.close();
                return;
            }
            pending.addComponent(true, buf);
            return;
        }
        toBackend += buf.readableBytes();
        backend.write(buf, backend.voidPromise());
        if (!backend.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE || evt instanceof SslCloseCompletionEvent) {
            clientInputDone = true;
            if (backend != null) {
                shutdownOutput(backend);
            }
            closeIfBothDone();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseBuffers();
    }

    private void closeIfBothDone() {
        if (clientInputDone && backendInputDone) {
            ctx.close();
            if (backend != null) {
                backend.close();
            }
        }
    }

    /** Ends our sending side: TCP FIN for a plain channel, close_notify when TLS is on it. */
    private static void shutdownOutput(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl != null) {
            ssl.closeOutbound();
        } else if (ch instanceof DuplexChannel) {
            ch.flush();
            ((DuplexChannel) ch).shutdownOutput();
        } else {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        releaseBuffers();
        if (current != null) {
            current.release();
            settings.events().closed(pool.name(), current.name(), toBackend, toClient);
        }
    }

    private void releaseBuffers() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (initial != null) {
            initial.release();
            initial = null;
        }
    }

    /** The back-end channel's last handler: copies to the client with the same back-pressure. */
    private final class BackendSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext bctx, Object msg) {
            Channel client = ctx.channel();
            if (!(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            toClient += ((ByteBuf) msg).readableBytes();
            client.write(msg, client.voidPromise());
            if (!client.isWritable()) {
                bctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext bctx) {
            ctx.channel().flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext bctx) {
            ctx.channel().config().setAutoRead(bctx.channel().isWritable());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext bctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                backendInputDone = true;
                Channel client = ctx.channel();
                if (ctx.pipeline().get(SslHandler.class) != null) {
                    client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                } else {
                    shutdownOutput(client);
                    closeIfBothDone();
                }
            } else if (evt instanceof IdleStateEvent) {
                bctx.close();
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext bctx) {
            ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            finish();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext bctx, Throwable cause) {
            bctx.close();
        }
    }
}
