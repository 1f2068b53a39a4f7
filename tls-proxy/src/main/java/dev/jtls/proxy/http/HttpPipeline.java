package dev.jtls.proxy.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flow.FlowControlHandler;

/**
 * The HTTP/1.1 half of a client pipeline, one handler per concern, after TLS: the connection's clocks
 * (idle, request head, body), the strict codec, the smuggling and syntax checks, the bounded body
 * buffer, one-request-at-a-time flow control, and the proxying itself.
 */
public final class HttpPipeline {
    private HttpPipeline() {
    }

    public static void install(ChannelPipeline p, ListenerContext listener) {
        ClientDeadlines deadlines = new ClientDeadlines(listener.config().timeouts().idle(),
                listener.config().timeouts().requestHeader());
        FrontendHandler frontend = new FrontendHandler(listener);
        p.addLast("deadlines", deadlines);
        p.addLast("http", new StrictServerCodec(listener.limits().maxInitialLineBytes(), listener.limits().maxHeaderBytes()));
        p.addLast("validate", new RequestValidator(
                refusal -> frontend.refused(refusal.request(), refusal.status().code()), deadlines::headReceived));
        p.addLast("body", new BoundedAggregator(listener.limits().maxBodyBytes(),
                oversized -> frontend.refused(oversized instanceof io.netty.handler.codec.http.HttpRequest
                        ? (io.netty.handler.codec.http.HttpRequest) oversized : null, 413)));
        p.addLast("flow", new FlowControlHandler());
        p.addLast("proxy", frontend);
        deadlines.onRequestTimeout(() -> frontend.refused(null, 408));
    }
}
