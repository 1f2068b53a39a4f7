package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PickKey;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.HashSet;
import java.util.Set;

/**
 * One request on its way through a pool: pick a back end, get a keep-alive connection to it, send the
 * (fully buffered) request, stream the response back to the client. Runs on the client's event loop,
 * as do the back-end connections it uses. What is retried, and why (RFC 9110 §9.2.2, RFC 9112 §9.3.1):
 * <ul>
 *   <li>a connect failure: on another back end, for any method (nothing was sent);</li>
 *   <li>a request never written (the pooled connection was already gone): on a fresh connection;</li>
 *   <li>a reused connection that closes before any byte of the response (the back end timed it out as
 *       we wrote): on a fresh connection to the same back end, for idempotent methods only — any other
 *       may have been acted upon;</li>
 *   <li>a fresh connection that fails before the response: idempotent methods once on another back
 *       end; others get 502.</li>
 * </ul>
 * Nothing is retried once a byte of the response went to the client. No response in time: 504.
 */
final class ProxyExchange implements BackendConnection.Listener {
    private static final int MAX_ATTEMPTS = 4;
    private static final int MAX_STALE_RETRIES = 2;

    /** How the exchange ended, for the client connection and the access log. */
    record Outcome(int status, String backend, long bytesOut, long backendNanos, int attempts, boolean closeClient) {
    }

    /** The client side: told once when the exchange is over. */
    interface Done {
        void finished(Outcome outcome);

        /** Whether the client connection ends after this response (asked by the client, or draining); asked late. */
        boolean closeAfterResponse();
    }

    private final ChannelHandlerContext client;
    private final FullHttpRequest request;
    private final PoolRuntime pool;
    private final PickKey key;
    private final BackendConnector connector;
    private final boolean idempotent;
    private final HttpVersion clientVersion;
    private final Done done;
    /** Told when the request is written (or not) to a back end; one instance for every attempt. */
    private final ChannelFutureListener onWritten = this::written;

    /** Back ends this request is not tried on again; most requests need none (made on the first). */
    private Set<BackendState> excluded = Set.of();
    private int attempts;
    private int staleRetries;
    private boolean triedAnother;
    private BackendState backend;
    private BackendConnection connection;
    private boolean written;
    private long sentAt;
    private boolean responseStarted;
    /** Parts of the response written to the client and not flushed yet. */
    private boolean flushPending;
    private boolean skippingInterim;
    private boolean backendReusable;
    private boolean closeClient;
    private int status;
    private long bytesOut;
    private boolean finished;
    private HttpResponseStatus lastFailureStatus = HttpResponseStatus.BAD_GATEWAY;
    private String lastFailure;

    /**
     * @param request already rewritten for the back end (HTTP/1.1, origin-form, its fields); the exchange
     *     owns it and releases it when over
     */
    ProxyExchange(ChannelHandlerContext client, FullHttpRequest request, PoolRuntime pool, PickKey key,
                  BackendConnector connector, HttpVersion clientVersion, Done done) {
        this.client = client;
        this.request = request;
        this.pool = pool;
        this.key = key;
        this.connector = connector;
        this.idempotent = idempotent(request);
        this.clientVersion = clientVersion;
        this.done = done;
    }

    /** RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS (and TRACE) are idempotent. */
    static boolean idempotent(FullHttpRequest request) {
        HttpMethod m = request.method();
        return m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || m.equals(HttpMethod.PUT)
                || m.equals(HttpMethod.DELETE) || m.equals(HttpMethod.OPTIONS) || m.equals(HttpMethod.TRACE);
    }

    void start() {
        pickAndSend();
    }

    private void pickAndSend() {
        if (attempts >= MAX_ATTEMPTS) {
            fail(lastFailureStatus, lastFailure);
            return;
        }
        var picked = pool.state().pick(key, excluded);
        if (picked.isEmpty()) {
            if (attempts == 0) {
                fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy back end in pool '" + pool.name() + "'");
            } else {
                fail(lastFailureStatus, lastFailure);
            }
            return;
        }
        send(picked.get(), false);
    }

    private void send(BackendState b, boolean fresh) {
        attempts++;
        backend = b;
        b.acquire();
        Future<BackendConnection> f = connector.acquire(client.channel().eventLoop(), pool, b, fresh);
        if (f.isDone()) {
            connected(b, f);
        } else {
            f.addListener(x -> connected(b, f));
        }
    }

    private void connected(BackendState b, Future<BackendConnection> f) {
        if (finished) {
            // The client went away while this connect was under way: undo its accounting.
            b.release();
            if (f.isSuccess()) {
                connector.discard(f.getNow());
            }
            return;
        }
        if (!f.isSuccess()) {
            b.release();
            exclude(b);
            if (f.cause() instanceof BackendConnector.PoolExhaustedException) {
                lastFailureStatus = HttpResponseStatus.SERVICE_UNAVAILABLE;
            } else {
                pool.state().reportFailure(b, "connect: " + describe(f.cause()));
                lastFailureStatus = HttpResponseStatus.BAD_GATEWAY;
            }
            lastFailure = "cannot reach back end " + b.name() + ": " + describe(f.cause());
            pickAndSend();
            return;
        }
        BackendConnection c = f.getNow();
        connection = c;
        written = false;
        sentAt = System.nanoTime();
        c.begin(this);
        // The deadline is armed before the write: a write that fails at once retries from inside it.
        c.awaitResponse(pool.config().timeouts().response().toNanos());
        c.channel().writeAndFlush(attempt()).addListener(onWritten);
    }

    /**
     * The request for one attempt: its own view of the body (an attempt that fails part-way leaves the
     * next one the whole body) and the same header object (the encoder only reads it; a duplicate of the
     * whole request would copy every field per attempt).
     */
    private FullHttpRequest attempt() {
        return new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                request.content().retainedDuplicate(), request.headers(), EmptyHttpHeaders.INSTANCE);
    }

    private void written(ChannelFuture w) {
        BackendConnection c = connection;
        if (c == null || c.channel() != w.channel()) {
            return;
        }
        if (w.isSuccess()) {
            written = true;
        } else {
            onClosed(c, w.cause());
        }
    }

    @Override
    public void onResponse(BackendConnection c, HttpObject part) {
        if (c != connection || finished) {
            ReferenceCountUtil.release(part);
            return;
        }
        if (part instanceof HttpResponse) {
            HttpResponse r = (HttpResponse) part;
            if (r.decoderResult().isFailure()) {
                ReferenceCountUtil.release(part);
                backendBroke(c, "sent a malformed response: " + describe(r.decoderResult().cause()), true);
                return;
            }
            if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                // RFC 9110 §15.2: interim responses are not forwarded (the proxy answered Expect itself);
                // a protocol switch (101) is not possible through it.
                skippingInterim = true;
                if (r.status().code() == 101) {
                    backendBroke(c, "switched protocols, which this proxy does not carry", true);
                }
                ReferenceCountUtil.release(part);
                return;
            }
            c.responseBegun();
            responseStarted = true;
            status = r.status().code();
            if (status >= 500 && pool.config().passive() != null && pool.config().passive().count5xx()) {
                pool.state().reportFailure(backend, "answered " + status);
            } else {
                pool.state().reportSuccess(backend);
            }
            // Flushed with the body's end, or at the end of this read from the back end.
            client.write(toClient(r), client.voidPromise());
            flushPending = true;
        }
        if (part instanceof HttpContent) {
            HttpContent content = (HttpContent) part;
            if (skippingInterim) {
                content.release();
                skippingInterim = !(part instanceof LastHttpContent);
                return;
            }
            if (content.decoderResult().isFailure()) {
                content.release();
                backendBroke(c, "sent a malformed body: " + describe(content.decoderResult().cause()), false);
                return;
            }
            bytesOut += content.content().readableBytes();
            if (part instanceof LastHttpContent) {
                LastHttpContent last = (LastHttpContent) part;
                // Trailers are not forwarded (Trailer is removed with the hop-by-hop fields); the body
                // goes on as it is, head, body and end in one flush.
                client.writeAndFlush(last.trailingHeaders().isEmpty() ? last : new DefaultLastHttpContent(last.content()),
                        client.voidPromise());
                flushPending = false;
                complete(c);
            } else {
                // Flushed once per read from the back end (onReadComplete), not per part: fewer, fuller
                // TLS records and writes for a large body.
                client.write(content, client.voidPromise());
                flushPending = true;
                if (!client.channel().isWritable()) {
                    client.flush();
                    flushPending = false;
                    c.channel().config().setAutoRead(false);
                }
            }
        } else if (!(part instanceof HttpResponse)) {
            ReferenceCountUtil.release(part);
        }
    }

    @Override
    public void onReadComplete(BackendConnection c) {
        if (flushPending && c == connection) {
            flushPending = false;
            client.flush();
        }
    }

    /** The response head as the client gets it: hop-by-hop fields gone, framing and Connection ours. */
    private HttpResponse toClient(HttpResponse r) {
        boolean bodyPossible = !request.method().equals(HttpMethod.HEAD)
                && r.status().code() != 204 && r.status().code() != 304;
        boolean hasLength = r.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        // RFC 9112 §6.3: a body without length or chunking ends with the connection.
        backendReusable = HttpUtil.isKeepAlive(r) && (!bodyPossible || hasLength || chunked);
        HopByHop.strip(r.headers());
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
        closeClient = done.closeAfterResponse();
        if (bodyPossible && !hasLength) {
            if (clientVersion.equals(HttpVersion.HTTP_1_1)) {
                HttpUtil.setTransferEncodingChunked(r, true);
            } else {
                closeClient = true;
            }
        }
        if (closeClient) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return r;
    }

    private void complete(BackendConnection c) {
        connection = null;
        backend.release();
        c.channel().config().setAutoRead(true);
        if (backendReusable) {
            connector.release(pool, c);
        } else {
            connector.discard(c);
        }
        end(new Outcome(status, backend.name(), bytesOut, System.nanoTime() - sentAt, attempts, closeClient));
    }

    @Override
    public void onClosed(BackendConnection c, Throwable cause) {
        if (c != connection || finished) {
            return;
        }
        connection = null;
        backend.release();
        connector.discard(c);
        if (responseStarted) {
            // Part of the response is with the client already: the only honest signal left is to close.
            client.close();
            end(new Outcome(status, backend.name(), bytesOut, System.nanoTime() - sentAt, attempts, true));
            return;
        }
        String why = cause == null ? "closed the connection before responding" : describe(cause);
        if (!written || (c.reused() && idempotent)) {
            // Never sent, or sent on a connection the back end had given up: a fresh connection decides.
            if (staleRetries++ < MAX_STALE_RETRIES) {
                send(backend, true);
                return;
            }
        }
        pool.state().reportFailure(backend, why);
        lastFailureStatus = HttpResponseStatus.BAD_GATEWAY;
        lastFailure = "back end " + backend.name() + " " + why;
        if (idempotent && !triedAnother) {
            triedAnother = true;
            exclude(backend);
            pickAndSend();
        } else {
            fail(lastFailureStatus, lastFailure);
        }
    }

    private void backendBroke(BackendConnection c, String why, boolean countFailure) {
        connection = null;
        backend.release();
        connector.discard(c);
        if (countFailure) {
            pool.state().reportFailure(backend, why);
        }
        if (responseStarted) {
            client.close();
            end(new Outcome(status, backend.name(), bytesOut, System.nanoTime() - sentAt, attempts, true));
        } else {
            fail(HttpResponseStatus.BAD_GATEWAY, "back end " + backend.name() + " " + why);
        }
    }

    @Override
    public void onResponseTimeout(BackendConnection c) {
        if (c != connection || finished || responseStarted) {
            return;
        }
        connection = null;
        backend.release();
        connector.discard(c);
        pool.state().reportFailure(backend, "no response within " + pool.config().timeouts().response().toMillis() + " ms");
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, "back end " + backend.name() + " did not answer within "
                + pool.config().timeouts().response().toMillis() + " ms");
    }

    /** The client can take more: let the back end's bytes flow again. */
    void clientWritable() {
        if (connection != null && client.channel().isWritable()) {
            connection.channel().config().setAutoRead(true);
        }
    }

    /** The client went away: give up the back-end side (its response cannot be delivered). */
    void clientClosed() {
        if (finished) {
            return;
        }
        finished = true;
        if (connection != null) {
            BackendConnection c = connection;
            connection = null;
            backend.release();
            connector.discard(c);
        }
        request.release();
        done.finished(new Outcome(responseStarted ? status : 499, backend == null ? null : backend.name(),
                bytesOut, -1, attempts, true));
    }

    private void fail(HttpResponseStatus s, String reason) {
        status = s.code();
        boolean close = done.closeAfterResponse();
        client.writeAndFlush(Responses.error(s, reason, close));
        end(new Outcome(status, backend == null ? null : backend.name(), 0, -1, attempts, close));
    }

    private void end(Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        request.release();
        done.finished(outcome);
    }

    private void exclude(BackendState b) {
        if (excluded.isEmpty()) {
            excluded = new HashSet<>();
        }
        excluded.add(b);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
