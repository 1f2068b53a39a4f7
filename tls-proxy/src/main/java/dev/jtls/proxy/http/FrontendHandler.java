package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.PickKey;
import dev.jtls.proxy.l4.ProxyProtocolGate;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The last handler of a client connection: takes one whole request at a time (the next is not read
 * before the response is out, so pipelined requests wait their turn), routes it by Host and path to a
 * pool, rewrites it for the back end and hands it to a {@link ProxyExchange}; when the response is
 * out, keeps the connection for the next request or closes it ({@code Connection: close} either way,
 * HTTP/1.0 without keep-alive, draining).
 */
public final class FrontendHandler extends ChannelDuplexHandler implements ProxyExchange.Done {

    /** Fired down a client pipeline when the proxy drains: finish the request in progress, then close. */
    public static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private final ListenerContext listener;
    private ChannelHandlerContext ctx;
    private ClientDeadlines deadlines;
    private ProxyExchange exchange;
    private boolean closeAfterResponse;
    /** The client's address and forwarding fields: the same for every request of the connection. */
    private InetSocketAddress clientSocket;
    private ForwardedHeaders.Hop hop;
    // The request in progress (one at a time), for the access log and the connection's fate.
    private long started;
    private String method;
    private String target;
    private String poolName;
    private long bytesIn;
    private boolean closeRequested;

    public FrontendHandler(ListenerContext listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.deadlines = ctx.pipeline().get(ClientDeadlines.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest) || exchange != null) {
            // Only whole requests reach here, one at a time (FlowControlHandler holds the next).
            ReferenceCountUtil.release(msg);
            return;
        }
        handle((FullHttpRequest) msg);
    }

    private void handle(FullHttpRequest req) {
        started = System.nanoTime();
        if (deadlines != null) {
            deadlines.requestComplete();
        }
        ctx.channel().config().setAutoRead(false);
        closeRequested = !HttpUtil.isKeepAlive(req) || listener.draining().get() || closeAfterResponse;
        String requested = req.uri();
        String host = req.headers().get(HttpHeaderNames.HOST);
        String path = requested;
        if (!requested.startsWith("/") && !requested.equals("*")) {
            // RFC 9112 §3.2.2: in absolute-form the target's authority replaces Host.
            URI uri = URI.create(requested);
            host = uri.getRawAuthority();
            path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
        }
        if (host == null) {
            host = defaultHost();
        }
        if (hop == null) {
            // Known by the first request: a PROXY protocol header comes before TLS.
            clientSocket = ProxyProtocolGate.clientAddress(ctx.channel());
            hop = listener.forwarded().forClient(clientSocket == null ? null : clientSocket.getAddress());
        }
        InetAddress client = clientSocket == null ? null : clientSocket.getAddress();
        Optional<String> routed = listener.router().route(host, path);
        PoolRuntime pool = routed.isPresent() ? listener.pools().get(routed.get()) : null;
        this.bytesIn = req.content().readableBytes();
        this.method = req.method().name();
        this.target = path;
        this.poolName = pool == null ? null : pool.name();
        if (pool == null) {
            req.release();
            ctx.writeAndFlush(Responses.error(HttpResponseStatus.NOT_FOUND, "no route for host '" + host
                    + "' and path '" + path + "'", closeRequested));
            finished(new ProxyExchange.Outcome(404, null, 0, -1, 0, closeRequested));
            return;
        }
        // The hash key is the client's, before the request is rewritten for the back end.
        PickKey key = PickKeys.of(pool.config().hashKey(), client, req.headers());
        HttpVersion clientVersion = req.protocolVersion();
        toBackend(req, path, host);
        exchange = new ProxyExchange(ctx, req, pool, key, listener.connector(), clientVersion, this);
        exchange.start();
    }

    /**
     * Rewrites the request, in place, as the back end gets it: HTTP/1.1, origin-form, hop-by-hop fields
     * gone, ours added (the client's request is not needed any more, so nothing is copied).
     */
    private void toBackend(FullHttpRequest req, String path, String host) {
        HttpHeaders headers = req.headers();
        boolean hadLength = headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        HopByHop.strip(headers);
        // The proxy answered any Expect: 100-continue itself (the body is here already).
        headers.remove(HttpHeaderNames.EXPECT);
        if (!host.equals(headers.get(HttpHeaderNames.HOST))) {
            headers.set(HttpHeaderNames.HOST, host);
        }
        hop.apply(headers, host);
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
        req.setUri(path);
        int length = req.content().readableBytes();
        boolean framed = length > 0 || hadLength || req.method().equals(HttpMethod.POST) || req.method().equals(HttpMethod.PUT);
        if (framed && headers.getInt(HttpHeaderNames.CONTENT_LENGTH, -1) != length) {
            HttpUtil.setContentLength(req, length);
        }
    }

    /**
     * RFC 9112 §3.2: the HTTP/1.1 request to the back end needs a Host, and an HTTP/1.0 client may have
     * sent none: the name it asked TLS for, else this listener's address.
     */
    private String defaultHost() {
        TlsFacts tls = ctx.channel().attr(TlsFacts.KEY).get();
        if (tls != null && tls.sni() != null) {
            return tls.sni();
        }
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        return local == null ? "localhost" : local.getHostString() + ":" + local.getPort();
    }

    @Override
    public boolean closeAfterResponse() {
        return closeRequested || closeAfterResponse || listener.draining().get();
    }

    @Override
    public void finished(ProxyExchange.Outcome outcome) {
        exchange = null;
        listener.events().exchangeCompleted(new ExchangeRecord(listener.name(), clientSocket,
                ctx.channel().attr(TlsFacts.KEY).get(), method, target, poolName, outcome.backend(), outcome.status(),
                bytesIn, outcome.bytesOut(), System.nanoTime() - started, outcome.backendNanos(), outcome.attempts()));
        if (!ctx.channel().isActive()) {
            return;
        }
        if (outcome.closeClient() || closeAfterResponse || listener.draining().get()) {
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (deadlines != null) {
            deadlines.responseComplete();
        }
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    /** A request refused before routing (validator, body limit, deadline): logged like any other. */
    public void refused(HttpRequest request, int status) {
        listener.events().exchangeCompleted(new ExchangeRecord(listener.name(), ProxyProtocolGate.clientAddress(ctx.channel()),
                ctx.channel().attr(TlsFacts.KEY).get(), request == null ? null : request.method().name(),
                request == null ? null : request.uri(), null, null, status, 0, 0, 0, -1, 0));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == DRAIN) {
            closeAfterResponse = true;
            if (exchange == null) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpPipeline.closeOnError(ctx, cause);
    }
}
