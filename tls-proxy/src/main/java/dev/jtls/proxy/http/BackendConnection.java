package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.BackendState;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection to a back end, and the last handler of its pipeline: it hands the
 * response of the request in progress to that request's {@link Listener}; idle in the pool, it has
 * none, and anything the back end sends then (or its closing) just retires the connection.
 */
public final class BackendConnection extends ChannelInboundHandlerAdapter {

    /** The request in progress on this connection. */
    public interface Listener {
        void onResponse(BackendConnection connection, HttpObject part);

        /** The connection ended before the response did ({@code cause} null: the back end closed it). */
        void onClosed(BackendConnection connection, Throwable cause);

        /** The response's head did not begin within the time given to {@link #awaitResponse}. */
        void onResponseTimeout(BackendConnection connection);

        /** The back end's bytes of one read are all handed over (the moment to flush them on). */
        void onReadComplete(BackendConnection connection);
    }

    private final BackendState backend;
    private Channel channel;
    private Listener listener;
    private int requests;
    private boolean reused;
    /** Both clocks move with every request on a keep-alive connection: lazily (see LazyDeadline). */
    private LazyDeadline idleClose;
    private LazyDeadline response;

    BackendConnection(BackendState backend) {
        this.backend = backend;
    }

    public BackendState backend() {
        return backend;
    }

    public Channel channel() {
        return channel;
    }

    /** Whether this connection carried a request before the current one (so it may have gone stale). */
    public boolean reused() {
        return reused;
    }

    public int requests() {
        return requests;
    }

    /** Starts a request: from now the responses go to {@code l}. */
    void begin(Listener l) {
        cancelIdleClose();
        reused = requests > 0;
        requests++;
        listener = l;
    }

    /** The request is over (its response complete, or given up): the connection has no listener. */
    void end() {
        listener = null;
        if (response != null) {
            response.disarm();
        }
    }

    /** The response's head must begin within {@code nanos} (0: no limit), else the listener is told. */
    void awaitResponse(long nanos) {
        response.arm(nanos);
    }

    /** The response's head is here: its deadline is met. */
    void responseBegun() {
        response.disarm();
    }

    /** Idle in the pool from now: closed if still idle after {@code nanos}. */
    void closeWhenIdleFor(long nanos) {
        idleClose.arm(nanos);
    }

    void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.disarm();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        idleClose = new LazyDeadline(ctx.executor(), ctx::close);
        response = new LazyDeadline(ctx.executor(), this::responseTimedOut);
    }

    private void responseTimedOut() {
        Listener l = listener;
        if (l != null) {
            l.onResponseTimeout(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Listener l = listener;
        if (l == null) {
            // RFC 9112 §9.3: nothing may arrive on an idle connection; it cannot be trusted with a request.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpObject) {
            l.onResponse(this, (HttpObject) msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Listener l = listener;
        if (l != null) {
            l.onReadComplete(this);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        idleClose.stop();
        response.stop();
        Listener l = listener;
        listener = null;
        if (l != null) {
            l.onClosed(this, null);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Listener l = listener;
        listener = null;
        if (l != null) {
            l.onClosed(this, cause);
        }
        ctx.close();
    }
}
