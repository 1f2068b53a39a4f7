package dev.jtls.proxy.server;

import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.record.TlsAlertException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/**
 * Records what a client connection's handshake settled ({@link TlsFacts} on the channel) and reports
 * it: full or resumed, or failed and why (the alert's name, or "timeout" when the handshake deadline
 * passed). A resumed session was created before this connection began (RFC 5246 §7.3: an abbreviated
 * handshake takes up an existing session), which is how it is told from a full one.
 */
final class HandshakeObserver extends ChannelInboundHandlerAdapter {
    private final String listener;
    private final ProxyEvents events;
    private long connectedAtMillis;

    HandshakeObserver(String listener, ProxyEvents events) {
        this.listener = listener;
        this.events = events;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connectedAtMillis = System.currentTimeMillis();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
            if (done.isSuccess()) {
                SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
                TlsFacts facts = facts(engine, connectedAtMillis);
                ctx.channel().attr(TlsFacts.KEY).set(facts);
                events.handshakeCompleted(listener, facts);
            } else {
                events.handshakeFailed(listener, reason(done.cause()));
                ctx.close();
            }
            ctx.fireUserEventTriggered(evt);
            ctx.pipeline().remove(this);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    static TlsFacts facts(SSLEngine engine, long connectedAtMillis) {
        SSLSession session = engine.getSession();
        String sni = null;
        if (session instanceof ExtendedSSLSession) {
            for (SNIServerName n : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                    sni = ((SNIHostName) n).getAsciiName();
                }
            }
        }
        String alpn = engine.getApplicationProtocol();
        return new TlsFacts(sni, session.getCipherSuite(), session.getCreationTime() < connectedAtMillis,
                alpn == null || alpn.isEmpty() ? null : alpn);
    }

    /** The alert's name (lower case, as the RFC writes it), "timeout", or the failure's kind. */
    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TlsAlertException) {
                return ((TlsAlertException) t).description().name().toLowerCase(Locale.ROOT);
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return "timeout";
            }
        }
        return cause instanceof java.nio.channels.ClosedChannelException ? "closed" : "error";
    }
}
