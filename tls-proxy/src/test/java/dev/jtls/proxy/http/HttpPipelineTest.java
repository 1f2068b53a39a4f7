package dev.jtls.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.testing.ProxyConfigs;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a client connection holds before and after its first request: only the clocks and a stand-in
 * until a request byte arrives, then the whole HTTP chain; and the stand-in closes like the last
 * handler would (drain, errors).
 */
class HttpPipelineTest {
    private static final List<String> WAITING = List.of("deadlines", "await-request");
    private static final List<String> SERVING = List.of("deadlines", "http", "validate", "body", "flow", "proxy");

    private static EmbeddedChannel channel() {
        var listener = ProxyConfigs.http(null, List.of(), List.of(), ProxyConfigs.timeouts(), 0);
        ListenerContext ctx = ListenerContext.of(listener, ProxyConfigs.limits(), Map.of(),
                new BackendConnector(NioSocketChannel.class), ProxyEvents.NONE, new AtomicBoolean());
        EmbeddedChannel ch = new EmbeddedChannel();
        HttpPipeline.install(ch.pipeline(), ctx);
        return ch;
    }

    private static List<String> handlers(EmbeddedChannel ch) {
        return ch.pipeline().names().stream().filter(n -> !n.startsWith("DefaultChannelPipeline$")).toList();
    }

    @Test
    void anIdleConnectionHoldsOnlyTheClocksUntilARequestByteArrives() {
        EmbeddedChannel ch = channel();
        assertThat(handlers(ch)).isEqualTo(WAITING);
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertThat(handlers(ch)).isEqualTo(WAITING);

        // The first bytes are handed on to the codec put in their place: a request split anywhere works.
        assertThat(SmugglingDefenceTest.send(ch, "GE")).isEmpty();
        assertThat(handlers(ch)).isEqualTo(SERVING);
        assertThat(SmugglingDefenceTest.send(ch, "T /x HTTP/1.1\r\nHost: a\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ").contains("path '/x'");
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void drainClosesAConnectionThatNeverSentARequest() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireUserEventTriggered(FrontendHandler.DRAIN);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aProtocolErrorClosesTheConnection() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new DecoderException("bad record"));
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aTransportErrorIsLeftToTheTransportWhichClosesItself() {
        // Netty closes the channel after a failed read without going through the pipeline (so TLS does
        // not write a close_notify to a peer that reset the connection); the pipeline only hears of it.
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset"));
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat((Object) ch.readOutbound()).isNull();
        ch.finishAndReleaseAll();
    }
}
