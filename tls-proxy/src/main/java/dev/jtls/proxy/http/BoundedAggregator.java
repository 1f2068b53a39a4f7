package dev.jtls.proxy.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Consumer;

/**
 * Request bodies are buffered whole, up to {@code limits.max_body_bytes}, before anything goes to a
 * back end: a request can then be retried on another connection or back end, and a slow client
 * cannot hold a back-end connection while it trickles a body. A larger body is refused with 413
 * (RFC 9110 §15.5.14) and the connection closed (the rest of the body is never read).
 */
public final class BoundedAggregator extends HttpObjectAggregator {
    private final Consumer<HttpMessage> onOversized;

    public BoundedAggregator(long maxBodyBytes, Consumer<HttpMessage> onOversized) {
        super((int) Math.min(Integer.MAX_VALUE, maxBodyBytes), true);
        this.onOversized = onOversized;
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
