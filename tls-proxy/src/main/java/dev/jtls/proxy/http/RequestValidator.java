package dev.jtls.proxy.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.function.Consumer;

/**
 * Refuses what must never be forwarded (request smuggling and malformed messages), right after the
 * decoder: whatever the strict codec flagged (Content-Length with Transfer-Encoding, duplicate or
 * malformed Content-Length, chunked not last, bare LF, obs-fold, invalid field names or values, bad
 * chunks), a missing or repeated Host in HTTP/1.1 (RFC 9112 §3.2), a request-target that is not
 * origin-form, absolute-form or {@code OPTIONS *} (RFC 9112 §3.2), CONNECT; oversized heads get 431,
 * oversized request lines 414. The client gets the status with {@code Connection: close} and the
 * connection is closed once it is written; nothing after the bad message is read.
 */
public final class RequestValidator extends ChannelInboundHandlerAdapter {

    /** A refusal: status and why, for the response body and the access log. */
    public record Refusal(HttpResponseStatus status, String reason, HttpRequest request) {
    }

    private final Consumer<Refusal> onRefusal;
    private final Runnable onHead;
    private boolean refused;

    /** @param onHead told when a valid request head has arrived (the header deadline is met) */
    public RequestValidator(Consumer<Refusal> onRefusal, Runnable onHead) {
        this.onRefusal = onRefusal;
        this.onHead = onHead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject) {
            HttpObject http = (HttpObject) msg;
            Refusal refusal = msg instanceof HttpRequest ? check((HttpRequest) msg) : checkContent(http);
            if (refusal != null) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, refusal);
                return;
            }
            if (msg instanceof HttpRequest) {
                onHead.run();
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        refused = true;
        ctx.channel().config().setAutoRead(false);
        onRefusal.accept(refusal);
        ctx.writeAndFlush(Responses.error(refusal.status(), refusal.reason(), true))
                .addListener(ChannelFutureListener.CLOSE);
    }

    static Refusal check(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return failure(result.cause(), request);
        }
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1) && !request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            return new Refusal(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.1 and HTTP/1.0 are served", request);
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "more than one Host field (RFC 9112 §3.2)", request);
        }
        if (hosts.isEmpty() && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "an HTTP/1.1 request needs a Host field (RFC 9112 §3.2)", request);
        }
        if (request.method().equals(HttpMethod.CONNECT)) {
            return new Refusal(HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT is not served by this proxy", request);
        }
        String target = request.uri();
        boolean origin = target.startsWith("/");
        boolean asterisk = target.equals("*") && request.method().equals(HttpMethod.OPTIONS);
        boolean absolute = target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
        if (!origin && !asterisk && !absolute) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "the request-target is not origin-form or absolute-form (RFC 9112 §3.2)", request);
        }
        if (absolute && !validAbsolute(target)) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "the absolute-form request-target has no valid authority (RFC 9112 §3.2.2)", request);
        }
        return null;
    }

    private static boolean validAbsolute(String target) {
        try {
            return new java.net.URI(target).getRawAuthority() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Refusal checkContent(HttpObject content) {
        if (content instanceof HttpContent && content.decoderResult().isFailure()) {
            return failure(content.decoderResult().cause(), null);
        }
        return null;
    }

    private static Refusal failure(Throwable cause, HttpRequest request) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request head is too large", request);
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long", request);
        }
        if (cause instanceof TooLongFrameException) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "a part of the request is too large", request);
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Refusal(HttpResponseStatus.BAD_REQUEST, "malformed request: " + why, request);
    }
}
