package dev.jtls.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client connection's clocks, between TLS and the HTTP codec (it sees raw bytes arrive):
 * <ul>
 *   <li>before the TLS handshake is done, none (the handshake deadline applies);</li>
 *   <li>idle between requests: closes the connection quietly (keep-alive timeout);</li>
 *   <li>the request head: from its first byte the whole head must arrive within the header deadline,
 *       else 408 and close (RFC 9110 §15.5.9) — a slowloris client trickling headers holds nothing
 *       for long;</li>
 *   <li>the request body: it must keep coming (each read rearms the idle clock), else 408;</li>
 *   <li>while the proxy works on a request, no clock runs here (the back-end deadlines apply).</li>
 * </ul>
 * The clocks move several times per request, so they share one {@link LazyDeadline}; a request whose
 * head arrives in one read never arms the head clock at all (it is armed after the read, only if the
 * head is still incomplete, counting from the read's start).
 */
public final class ClientDeadlines extends ChannelDuplexHandler {
    private static final String TIMEOUT_BODY = "the request did not arrive in time\n";
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain\r\n"
            + "Content-Length: " + TIMEOUT_BODY.length() + "\r\nConnection: close\r\n\r\n" + TIMEOUT_BODY)
            .getBytes(StandardCharsets.US_ASCII);

    private enum Phase { IDLE, HEAD, BODY, BUSY }

    private final long idleNanos;
    private final long headNanos;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.IDLE;
    private LazyDeadline deadline;
    private Runnable onTimeout = () -> { };

    public ClientDeadlines(Duration idle, Duration requestHeader) {
        this.idleNanos = idle.toNanos();
        this.headNanos = requestHeader.toNanos();
    }

    /** Told when a deadline closes the connection with 408 (the access log records it). */
    public void onRequestTimeout(Runnable action) {
        this.onTimeout = action;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.deadline = new LazyDeadline(ctx.executor(), this::expire);
        if (ctx.channel().isActive() && !behindTls()) {
            arm(idleNanos);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!behindTls()) {
            arm(idleNanos);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent && ((SslHandshakeCompletionEvent) evt).isSuccess() && phase == Phase.IDLE) {
            arm(idleNanos);
        }
        super.userEventTriggered(ctx, evt);
    }

    private boolean behindTls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
            if (phase == Phase.IDLE) {
                phase = Phase.HEAD;
                long firstByte = System.nanoTime();
                deadline.disarm();
                super.channelRead(ctx, msg);
                if (phase == Phase.HEAD && headNanos > 0) {
                    // The head did not come whole in this read: its clock runs from the first byte.
                    arm(Math.max(1, headNanos - (System.nanoTime() - firstByte)));
                }
                return;
            } else if (phase == Phase.BODY) {
                arm(idleNanos);
            }
        }
        super.channelRead(ctx, msg);
    }

    /** The request head was decoded: the body (if any) must keep arriving. */
    public void headReceived() {
        if (phase == Phase.HEAD || phase == Phase.IDLE) {
            phase = Phase.BODY;
            arm(idleNanos);
        }
    }

    /** The whole request is in: the proxy works on it. */
    public void requestComplete() {
        phase = Phase.BUSY;
        deadline.disarm();
    }

    /** The response is sent and the connection stays open: wait for the next request. */
    public void responseComplete() {
        phase = Phase.IDLE;
        arm(idleNanos);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.stop();
    }

    /** The current phase's clock: {@code nanos} from now (0: that clock is off). */
    private void arm(long nanos) {
        deadline.arm(nanos);
    }

    /** The deadline of the phase armed last has passed (every phase change re-arms or disarms it). */
    private void expire() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (phase == Phase.IDLE) {
            ctx.close();
        } else if (phase == Phase.HEAD || phase == Phase.BODY) {
            phase = Phase.BUSY;
            onTimeout.run();
            // Written below the HTTP codec: no response of its own is under way on this connection.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
