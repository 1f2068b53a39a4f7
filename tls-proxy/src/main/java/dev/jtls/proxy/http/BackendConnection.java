package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.BackendState;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

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
    }

    private final BackendState backend;
    private Channel channel;
    private Listener listener;
    private int requests;
    private boolean reused;
    private ScheduledFuture<?> idleClose;

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
    }

    void idleClose(ScheduledFuture<?> f) {
        idleClose = f;
    }

    void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
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
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelIdleClose();
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
