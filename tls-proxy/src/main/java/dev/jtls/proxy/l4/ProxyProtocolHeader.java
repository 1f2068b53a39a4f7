package dev.jtls.proxy.l4;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Sends a PROXY protocol v2 header to a back end (PROXY protocol spec §2.2), so that it learns the
 * real client as the proxy did: written first on a fresh back-end connection, before any relayed byte.
 * The bytes come from Netty's {@link HAProxyMessageEncoder}.
 */
public final class ProxyProtocolHeader {
    private ProxyProtocolHeader() {
    }

    /**
     * The v2 PROXY header (command PROXY, TCP over IPv4 or IPv6) for a connection from {@code client}
     * that was accepted on {@code destination}. The spec has one family per header: when the two
     * differ, both are written as IPv6 (an IPv4 address as {@code ::ffff:a.b.c.d}).
     */
    public static HAProxyMessage message(InetSocketAddress client, InetSocketAddress destination) {
        InetAddress src = client.getAddress();
        InetAddress dst = destination.getAddress();
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        return new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                literal(src, v4), literal(dst, v4), client.getPort(), destination.getPort());
    }

    /** The header's bytes (a new heap buffer the caller owns). */
    public static ByteBuf encode(HAProxyMessage message) {
        // The encoder is a MessageToByteEncoder (its encode method is protected): run it through a
        // throw-away channel rather than re-implementing the v2 layout.
        EmbeddedChannel ch = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        try {
            ch.writeOutbound(message);
            return ch.readOutbound();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** Writes the header for ({@code client}, {@code destination}) on {@code backend}; flushes. */
    public static ChannelFuture write(Channel backend, InetSocketAddress client, InetSocketAddress destination) {
        return backend.writeAndFlush(encode(message(client, destination)));
    }

    private static String literal(InetAddress a, boolean v4) {
        if (v4 || a instanceof Inet6Address) {
            return a.getHostAddress();
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
        try {
            // getByAddress would hand back an Inet4Address for a mapped address; build the v6 one.
            return Inet6Address.getByAddress(null, mapped, -1).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always a valid IPv6 address
        }
    }
}
