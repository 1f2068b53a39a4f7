package dev.jtls.proxy.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The client's address: the one the PROXY protocol header carried when the listener accepted it (set
 * as a channel attribute by the PROXY protocol handler), else the TCP peer.
 */
public final class ClientAddress {
    /** Set by the PROXY protocol handler for connections relayed by a trusted L4 tier. */
    public static final AttributeKey<InetSocketAddress> KEY = AttributeKey.valueOf(ClientAddress.class, "client");

    private ClientAddress() {
    }

    public static InetSocketAddress of(Channel channel) {
        InetSocketAddress relayed = channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
        if (relayed != null) {
            return relayed;
        }
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress ? (InetSocketAddress) remote : null;
    }
}
