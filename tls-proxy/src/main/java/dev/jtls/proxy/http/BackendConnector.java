package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.config.KeepAliveConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections to the back ends: for each event loop and back end a LIFO deque of idle
 * connections, touched only from its own loop (no lock; a client connection's requests go out on
 * connections of the same loop, so a response needs no hand-off between threads). LIFO keeps the
 * fewest connections warm and lets the rest reach their idle timeout. Netty's ChannelPool family was
 * considered: it offers neither an idle timeout nor a per-back-end cap across loops, which are the
 * point here. Limits, from the pool's {@link KeepAliveConfig}:
 * <ul>
 *   <li>{@code maxIdle} idle connections per back end and loop (more are closed on release);</li>
 *   <li>{@code maxPerBackend} open connections per back end over all loops (beyond: the acquire fails
 *       and the request is tried elsewhere or answered 503);</li>
 *   <li>{@code idleTimeout}, shorter than the back end's own, so the proxy closes first;</li>
 *   <li>{@code maxRequests} per connection (0: no limit).</li>
 * </ul>
 */
public final class BackendConnector {

    /** The back end already has {@code maxPerBackend} connections open. */
    public static final class PoolExhaustedException extends Exception {
        private static final long serialVersionUID = 1L;

        PoolExhaustedException(String message) {
            super(message, null, false, false);
        }
    }

    private final Class<? extends Channel> channelClass;
    private final Map<EventLoop, Map<BackendState, ArrayDeque<BackendConnection>>> idle = new ConcurrentHashMap<>();
    private final Map<BackendState, AtomicInteger> open = new ConcurrentHashMap<>();

    public BackendConnector(Class<? extends Channel> channelClass) {
        this.channelClass = channelClass;
    }

    /**
     * An idle connection to {@code backend} on {@code loop} (most recently used first), unless
     * {@code fresh}; else a new one. Called on {@code loop}.
     */
    public Future<BackendConnection> acquire(EventLoop loop, PoolRuntime pool, BackendState backend, boolean fresh) {
        Promise<BackendConnection> promise = loop.newPromise();
        if (!fresh) {
            ArrayDeque<BackendConnection> deque = deque(loop, backend);
            BackendConnection c;
            while ((c = deque.pollLast()) != null) {
                c.cancelIdleClose();
                if (c.channel().isActive()) {
                    return promise.setSuccess(c);
                }
            }
        }
        AtomicInteger count = open.computeIfAbsent(backend, b -> new AtomicInteger());
        int max = pool.config().keepAlive().maxPerBackend();
        if (max > 0 && count.incrementAndGet() > max) {
            count.decrementAndGet();
            return promise.setFailure(new PoolExhaustedException(
                    "back end " + backend.name() + " already has " + max + " connections open (keep_alive.max_per_backend)"));
        } else if (max <= 0) {
            count.incrementAndGet();
        }
        BackendConnection connection = new BackendConnection(backend);
        ChannelFuture connect = new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        pool.config().timeouts().connect().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (pool.backendTls() != null) {
                            ch.pipeline().addLast("tls", new SslHandler(pool.clientEngine(backend)));
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec(responseDecoderConfig(), false, true));
                        ch.pipeline().addLast("exchange", connection);
                    }
                })
                .connect(backend.address());
        connect.channel().closeFuture().addListener(f -> {
            count.decrementAndGet();
            connection.cancelIdleClose();
            deque(loop, backend).remove(connection);
        });
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
            } else if (pool.backendTls() != null) {
                connect.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        promise.trySuccess(connection);
                    } else {
                        connect.channel().close();
                        promise.tryFailure(h.cause());
                    }
                });
            } else {
                promise.trySuccess(connection);
            }
        });
        return promise;
    }

    /**
     * The request on {@code c} is over and the connection may carry another: back to the idle deque,
     * or closed when the deque is full or the connection has served {@code maxRequests}.
     */
    public void release(PoolRuntime pool, BackendConnection c) {
        c.end();
        KeepAliveConfig keepAlive = pool.config().keepAlive();
        Channel ch = c.channel();
        if (!ch.isActive()) {
            return;
        }
        ArrayDeque<BackendConnection> deque = deque(ch.eventLoop(), c.backend());
        boolean spent = keepAlive.maxRequests() > 0 && c.requests() >= keepAlive.maxRequests();
        if (spent || deque.size() >= keepAlive.maxIdle()) {
            ch.close();
            return;
        }
        deque.addLast(c);
        // Closing takes it out of the deque (the close listener set up in acquire).
        c.closeWhenIdleFor(keepAlive.idleTimeout().toNanos());
    }

    /** Gives a connection up (its exchange failed or it cannot be reused). */
    public void discard(BackendConnection c) {
        c.end();
        c.channel().close();
    }

    /** Idle connections to {@code backend} over all loops (metrics; approximate while loops run). */
    public int idleCount(BackendState backend) {
        int n = 0;
        for (Map<BackendState, ArrayDeque<BackendConnection>> m : idle.values()) {
            ArrayDeque<BackendConnection> d = m.get(backend);
            n += d == null ? 0 : d.size();
        }
        return n;
    }

    /** Open connections to {@code backend} (idle and busy). */
    public int openCount(BackendState backend) {
        AtomicInteger n = open.get(backend);
        return n == null ? 0 : n.get();
    }

    /** Closes every idle connection (shutdown). */
    public void closeIdle() {
        for (Map.Entry<EventLoop, Map<BackendState, ArrayDeque<BackendConnection>>> e : idle.entrySet()) {
            e.getKey().execute(() -> {
                for (ArrayDeque<BackendConnection> d : e.getValue().values()) {
                    BackendConnection c;
                    while ((c = d.pollLast()) != null) {
                        c.cancelIdleClose();
                        c.channel().close();
                    }
                }
            });
        }
    }

    private ArrayDeque<BackendConnection> deque(EventLoop loop, BackendState backend) {
        return idle.computeIfAbsent(loop, l -> new HashMap<>()).computeIfAbsent(backend, b -> new ArrayDeque<>());
    }

    /** Responses are parsed as strictly as requests: a back end must not split a response either. */
    private static HttpDecoderConfig responseDecoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(64 << 10)
                .setMaxChunkSize(64 << 10)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false);
    }
}
