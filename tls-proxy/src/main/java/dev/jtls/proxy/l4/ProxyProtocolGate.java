package dev.jtls.proxy.l4;

import dev.jtls.proxy.config.Cidr;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a listener's pipeline: the PROXY protocol gate. A connection from a source in
 * the listener's {@code proxyProtocol} list must begin with a PROXY protocol version 2 header (decoded
 * by Netty's {@link HAProxyMessageDecoder}) within the deadline, and the header's source address
 * becomes the connection's client address; any other start (a v1 text header, a TLS record) is closed.
 * A connection from any other source that begins with a PROXY header (v1 or v2) is closed: only the
 * trusted L4 tier may say who the client is. Either way the real client address ends up in the channel
 * attribute {@link #CLIENT_ADDRESS} (read it with {@link #clientAddress(Channel)}) and the gate leaves
 * the pipeline, so the bytes after the header reach the next handler (TLS) untouched.
 *
 * <p>Deciding takes at most 12 bytes (the v2 signature's length, PROXY protocol spec §2.2); nothing
 * more is buffered by the gate, and the decoder itself caps the v2 header at 232 bytes plus TLVs.
 * Sharing: one instance per channel.
 */
public final class ProxyProtocolGate extends ChannelInboundHandlerAdapter {

    /** The real client: the PROXY header's source from a trusted L4 tier, else the peer's address. */
    public static final AttributeKey<InetSocketAddress> CLIENT_ADDRESS =
            AttributeKey.valueOf(ProxyProtocolGate.class, "CLIENT_ADDRESS");

    /** PROXY protocol spec §2.2: the v2 signature {@code \r\n\r\n\0\r\nQUIT\n}. */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** PROXY protocol spec §2.1: a v1 header starts with "PROXY ". */
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

    private enum Start { NEED_MORE, V1, V2, OTHER }

    private final List<Cidr> trusted;
    private final Duration headerTimeout;
    private boolean begun;
    private boolean trustedSource;
    /** The first bytes, held until they show whether a PROXY header starts here (fewer than 12). */
    private ByteBuf pending;
    private ScheduledFuture<?> deadline;

    /**
     * @param trusted the sources allowed (and required) to send a PROXY v2 header; empty: nobody
     * @param headerTimeout how long a trusted source has to send the whole header
     */
    public ProxyProtocolGate(List<Cidr> trusted, Duration headerTimeout) {
        this.trusted = List.copyOf(trusted == null ? List.of() : trusted);
        this.headerTimeout = headerTimeout;
    }

    /** The client address of {@code ch}: {@link #CLIENT_ADDRESS} when set, else the peer's address. */
    public static InetSocketAddress clientAddress(Channel ch) {
        InetSocketAddress a = ch.attr(CLIENT_ADDRESS).get();
        if (a != null) {
            return a;
        }
        SocketAddress remote = ch.remoteAddress();
        return remote instanceof InetSocketAddress ? (InetSocketAddress) remote : null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(ctx);
        ctx.fireChannelActive();
    }

    private void begin(ChannelHandlerContext ctx) {
        if (begun) {
            return;
        }
        begun = true;
        SocketAddress remote = ctx.channel().remoteAddress();
        InetAddress source = remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
        trustedSource = CidrMatcher.anyContains(trusted, source);
        if (trustedSource) {
            deadline = ctx.executor().schedule((Runnable) ctx::close, headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } else if (remote instanceof InetSocketAddress) {
            ctx.channel().attr(CLIENT_ADDRESS).set((InetSocketAddress) remote);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        begin(ctx);
        ByteBuf in = (ByteBuf) msg;
        pending = pending == null ? in : ctx.alloc().compositeBuffer().addComponents(true, pending, in);
        Start start = classify(pending);
        if (start == Start.NEED_MORE) {
            return; // fewer than 12 bytes, all a prefix of a PROXY header so far
        }
        ByteBuf all = pending;
        pending = null;
        if (trustedSource) {
            if (start != Start.V2) {
                ReferenceCountUtil.release(all);
                ctx.close(); // a trusted source must send a PROXY v2 header first
                return;
            }
            String self = ctx.name();
            ctx.pipeline().addAfter(self, self + ".receiver", new Receiver());
            ctx.pipeline().addAfter(self, self + ".decoder", new HAProxyMessageDecoder());
        } else if (start != Start.OTHER) {
            ReferenceCountUtil.release(all);
            ctx.close(); // PROXY header from a source that may not send one
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(all);
    }

    private static Start classify(ByteBuf seen) {
        int n = seen.readableBytes();
        int at = seen.readerIndex();
        if (n == 0) {
            return Start.NEED_MORE;
        }
        if (prefixMatches(seen, at, n, V2_SIGNATURE)) {
            return n >= V2_SIGNATURE.length ? Start.V2 : Start.NEED_MORE;
        }
        if (prefixMatches(seen, at, n, V1_PREFIX)) {
            return n >= V1_PREFIX.length ? Start.V1 : Start.NEED_MORE;
        }
        return Start.OTHER;
    }

    private static boolean prefixMatches(ByteBuf b, int at, int n, byte[] prefix) {
        for (int i = 0; i < Math.min(n, prefix.length); i++) {
            if (b.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (!trustedSource) {
            cancelDeadline();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        ctx.fireChannelInactive();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** Takes the decoded header (v2 only), records the client address and leaves. */
    private final class Receiver extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage)) {
                ctx.fireChannelRead(msg);
                return;
            }
            HAProxyMessage m = (HAProxyMessage) msg;
            try {
                cancelDeadline();
                if (m.protocolVersion() != HAProxyProtocolVersion.V2) {
                    ctx.close();
                    return;
                }
                InetSocketAddress client = client(m, ctx.channel());
                if (client == null) {
                    ctx.close();
                    return;
                }
                ctx.channel().attr(CLIENT_ADDRESS).set(client);
                ctx.pipeline().remove(this);
            } finally {
                m.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A malformed header (HAProxyProtocolException): the decoder has closed the channel.
            cancelDeadline();
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancelDeadline();
            ctx.fireChannelInactive();
        }
    }

    /**
     * PROXY protocol spec §2.2: LOCAL is the L4 tier speaking for itself (health checks): the peer is
     * the client. PROXY over TCP4/TCP6 names the client; any other family (UNIX, UDP, UNSPEC) does not
     * describe a TCP client we can hash on, so the peer address stands in.
     */
    private static InetSocketAddress client(HAProxyMessage m, Channel ch) {
        SocketAddress peer = ch.remoteAddress();
        InetSocketAddress fallback = peer instanceof InetSocketAddress ? (InetSocketAddress) peer : null;
        if (m.command() == HAProxyCommand.LOCAL) {
            return fallback;
        }
        HAProxyProxiedProtocol p = m.proxiedProtocol();
        if (p != HAProxyProxiedProtocol.TCP4 && p != HAProxyProxiedProtocol.TCP6) {
            return fallback;
        }
        // The decoder has already checked the address is a literal of the right family; parsed
        // without any name look-up.
        InetAddress source = NetUtil.createInetAddressFromIpAddressString(m.sourceAddress());
        return source == null ? null : new InetSocketAddress(source, m.sourcePort());
    }
}
