package dev.jtls.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.flow.FlowControlHandler;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * The HTTP/1.1 half of a client pipeline, one handler per concern, after TLS: the connection's clocks
 * (idle, request head, body), the strict codec, the smuggling and syntax checks, the bounded body
 * buffer, one-request-at-a-time flow control, and the proxying itself.
 *
 * <p>Only the clocks are there from the start: the rest is put in when the first byte of a request
 * arrives. A connection that completes its handshake and then waits (or closes, as handshake-only
 * clients do) holds the clocks and a stand-in instead of six handlers, and no codec state.
 */
public final class HttpPipeline {
    private HttpPipeline() {
    }

    public static void install(ChannelPipeline p, ListenerContext listener) {
        ClientDeadlines deadlines = new ClientDeadlines(listener.config().timeouts().idle(),
                listener.config().timeouts().requestHeader());
        p.addLast("deadlines", deadlines);
        p.addLast("await-request", new Deferred(listener, deadlines));
    }

    /** The handlers that take a request apart and proxy it, after {@code base} (the clocks). */
    private static void installRequestHandlers(ChannelPipeline p, String base, ListenerContext listener,
                                               ClientDeadlines deadlines) {
        FrontendHandler frontend = new FrontendHandler(listener);
        p.addAfter(base, "proxy", frontend);
        p.addAfter(base, "flow", new FlowControlHandler());
        p.addAfter(base, "body", new BoundedAggregator(listener.limits().maxBodyBytes(),
                oversized -> frontend.refused(oversized instanceof HttpRequest ? (HttpRequest) oversized : null, 413)));
        p.addAfter(base, "validate", new RequestValidator(
                refusal -> frontend.refused(refusal.request(), refusal.status().code()), deadlines::headReceived));
        p.addAfter(base, "http", new StrictServerCodec(listener.limits().maxInitialLineBytes(),
                listener.limits().maxHeaderBytes()));
        deadlines.onRequestTimeout(() -> frontend.refused(null, 408));
    }

    /**
     * Stands in for the request handlers until the first bytes of a request come: then puts them in
     * its place and hands the bytes on. Until then it does what the last handler would do to a
     * connection with no request in progress: closes it on drain or on an error.
     */
    private static final class Deferred extends ChannelInboundHandlerAdapter {
        private final ListenerContext listener;
        private final ClientDeadlines deadlines;

        Deferred(ListenerContext listener, ClientDeadlines deadlines) {
            this.listener = listener;
            this.deadlines = deadlines;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf && !((ByteBuf) msg).isReadable()) {
                ((ByteBuf) msg).release();
                return;
            }
            ChannelPipeline p = ctx.pipeline();
            installRequestHandlers(p, ctx.name(), listener, deadlines);
            p.remove(this);
            // A removed context still forwards to what follows it: the codec now.
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == FrontendHandler.DRAIN) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnError(ctx, cause);
        }
    }

    /**
     * Closes a client connection after an error reached the end of its pipeline. A transport error
     * (the peer reset the connection) needs nothing: Netty closes the channel itself right after a read
     * fails with an IOException, and closing through the pipeline first would have TLS seal and write
     * a close_notify (RFC 5246 §7.2.1) to a peer that is gone, only to fail again on a broken pipe.
     */
    static void closeOnError(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException && !(cause instanceof SSLException)) {
            return;
        }
        ctx.close();
    }
}
