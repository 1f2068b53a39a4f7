package dev.jtls.proxy.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Request bodies are buffered whole, up to {@code limits.max_body_bytes}, before anything goes to a
 * back end: a request can then be retried on another connection or back end, and a slow client
 * cannot hold a back-end connection while it trickles a body. A larger body is refused with 413
 * (RFC 9110 §15.5.14) and the connection closed (the rest of the body is never read). A request
 * without a body (most of them: RFC 9112 §6.3, neither Content-Length nor Transfer-Encoding, or a
 * Content-Length of 0) is passed on whole at once, without an aggregation buffer.
 */
public final class BoundedAggregator extends HttpObjectAggregator {
    private final Consumer<HttpMessage> onOversized;
    /** A body-less request went on whole: the decoder's empty end of it is dropped here. */
    private boolean endOfBodiless;

    public BoundedAggregator(long maxBodyBytes, Consumer<HttpMessage> onOversized) {
        super((int) Math.min(Integer.MAX_VALUE, maxBodyBytes), true);
        this.onOversized = onOversized;
    }

    @Override
    public boolean acceptInboundMessage(Object msg) throws Exception {
        return endOfBodiless && msg instanceof LastHttpContent || super.acceptInboundMessage(msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
        if (endOfBodiless && msg instanceof LastHttpContent) {
            // Released by the caller; the decoder sends an empty one for a request without a body.
            endOfBodiless = false;
            return;
        }
        if (msg instanceof HttpRequest && bodiless((HttpRequest) msg)) {
            HttpRequest r = (HttpRequest) msg;
            endOfBodiless = true;
            out.add(new DefaultFullHttpRequest(r.protocolVersion(), r.method(), r.uri(), Unpooled.EMPTY_BUFFER,
                    r.headers(), EmptyHttpHeaders.INSTANCE));
            return;
        }
        super.decode(ctx, msg, out);
    }

    /**
     * RFC 9112 §6.3: no Transfer-Encoding and no Content-Length (or 0) is a request without a body; one
     * that expects 100-continue goes the usual way (the aggregator answers the expectation).
     */
    private static boolean bodiless(HttpRequest r) {
        if (r instanceof FullHttpMessage || !r.decoderResult().isSuccess()) {
            return false;
        }
        HttpHeaders h = r.headers();
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        return (length == null || length.equals("0")) && !h.contains(HttpHeaderNames.TRANSFER_ENCODING)
                && !h.contains(HttpHeaderNames.EXPECT);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        onOversized.accept(oversized);
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Responses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "the request body is larger than " + maxContentLength() + " bytes", true))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
