package dev.jtls.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.testing.ProxyConfigs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The client pipeline (no TLS) on an EmbeddedChannel: every ambiguous or malformed request is refused
 * with the right status and the connection closed, and nothing of it reaches routing (a request that
 * passes gets 404 here: the listener has no routes).
 */
class SmugglingDefenceTest {
    private final List<ExchangeRecord> records = new ArrayList<>();

    private EmbeddedChannel channel() {
        var listener = ProxyConfigs.http(null, List.of(), List.of(), ProxyConfigs.timeouts(), 0);
        ListenerContext ctx = ListenerContext.of(listener, ProxyConfigs.limits(), Map.of(),
                new BackendConnector(NioSocketChannel.class), new ProxyEvents() {
                    @Override
                    public void exchangeCompleted(ExchangeRecord record) {
                        records.add(record);
                    }
                }, new AtomicBoolean());
        EmbeddedChannel ch = new EmbeddedChannel();
        HttpPipeline.install(ch.pipeline(), ctx);
        return ch;
    }

    static String send(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        CL and TE                 | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        TE and CL                 | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 4\\r\\n\\r\\n0\\r\\n\\r\\n
        duplicate CL differing    | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd
        duplicate CL equal        | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\nabc
        CL list                   | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3, 3\\r\\n\\r\\nabc
        CL with sign              | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: +3\\r\\n\\r\\nabc
        CL hex                    | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 0x3\\r\\n\\r\\nabc
        chunked not last          | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked, identity\\r\\n\\r\\n0\\r\\n\\r\\n
        chunked then identity     | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: identity\\r\\n\\r\\n0\\r\\n\\r\\n
        unknown coding            | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: xchunked\\r\\n\\r\\n0\\r\\n\\r\\n
        TE in HTTP/1.0            | 400 | POST / HTTP/1.0\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        space before colon        | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding : chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        obs-fold                  | 400 | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-A: 1\\r\\n 2\\r\\n\\r\\n
        obs-fold of TE            | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding:\\r\\n\\tchunked\\r\\n\\r\\n0\\r\\n\\r\\n
        bare LF                   | 400 | GET / HTTP/1.1\\nHost: a\\n\\n
        bare LF in a header       | 400 | GET / HTTP/1.1\\r\\nHost: a\\nX: b\\r\\n\\r\\n
        bare LF in a chunk        | 400 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\nabc\\r\\n0\\r\\n\\r\\n
        invalid header name       | 400 | GET / HTTP/1.1\\r\\nHo(st: a\\r\\n\\r\\n
        empty header name         | 400 | GET / HTTP/1.1\\r\\nHost: a\\r\\n: b\\r\\n\\r\\n
        NUL in a value            | 400 | GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\u0000b\\r\\n\\r\\n
        no Host                   | 400 | GET / HTTP/1.1\\r\\n\\r\\n
        two Hosts                 | 400 | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n
        bad target                | 400 | GET foo HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        absolute without host     | 400 | GET http:///x HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        absolute malformed        | 400 | GET http://a b/ HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        CONNECT                   | 405 | CONNECT a:443 HTTP/1.1\\r\\nHost: a:443\\r\\n\\r\\n
        """)
    void refusesAndCloses(String name, int status, String raw) {
        EmbeddedChannel ch = channel();
        String out = send(ch, unescape(raw) + "GET /second HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 " + status + " ").contains("connection: close");
        // The request after the bad one is never looked at, and the connection is closed.
        assertThat(out).doesNotContain("/second");
        assertThat(ch.isOpen()).isFalse();
        assertThat(records).hasSize(1).allMatch(r -> r.status() == status && r.pool() == null);
    }

    @Test
    void anAbsoluteFormTargetReplacesHost() {
        EmbeddedChannel ch = channel();
        String out = send(ch, "GET http://other.test:8080/p?q=1 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 404 ").contains("no route for host 'other.test:8080' and path '/p?q=1'");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void anOversizedHeadGets431() {
        EmbeddedChannel ch = channel();
        String out = send(ch, "GET / HTTP/1.1\r\nHost: a\r\nX: " + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 431 ");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void anOversizedRequestLineGets414() {
        EmbeddedChannel ch = channel();
        String out = send(ch, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 414 ");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void anOversizedBodyGets413() {
        EmbeddedChannel ch = channel();
        String out = send(ch, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + (2 << 20) + "\r\n\r\nabc");
        assertThat(out).startsWith("HTTP/1.1 413 ");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void wellFormedRequestsPassOneAtATimeOnAKeptConnection() {
        EmbeddedChannel ch = channel();
        String out = send(ch, "\r\nGET /a HTTP/1.1\r\nHost: a\r\nX-Sp: a b\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        // No route here: 404 for both, in order, and the connection stays open.
        assertThat(out.split("HTTP/1.1 404 ", -1)).hasSize(3);
        assertThat(ch.isOpen()).isTrue();
        assertThat(records).extracting(ExchangeRecord::target).containsExactly("/a", "/b");
        assertThat(records.get(1).bytesIn()).isEqualTo(3);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\u0000", "\u0000");
    }
}
