package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jtls engine and SunJSSE's, side by side: the same script run with each in the same role
 * against the same SunJSSE peer must observe the same statuses where the SSLEngine javadoc leaves
 * room. The handshake is compared as the sequence of distinct handshake statuses the engine
 * reports (NEED_TASK left out: jtls runs its handshake inline; how many records a flight takes is
 * each engine's own business).
 */
class SunJsseSideBySideTest {
    @ParameterizedTest(name = "as client: {0}")
    @ValueSource(booleans = {true, false})
    void sameStatusesAsSunJsse(boolean asClient) throws Exception {
        List<String> sun = script(asClient, false);
        List<String> jtls = script(asClient, true);
        assertThat(jtls).containsExactlyElementsOf(sun);
    }

    private static List<String> script(boolean asClient, boolean underTestIsJtls) throws Exception {
        SSLContext mine = underTestIsJtls ? (asClient ? TestPki.jtlsClient() : TestPki.jtlsServer())
                : (asClient ? TestPki.sunClient() : TestPki.sunServer());
        SSLContext peerCtx = asClient ? TestPki.sunServer() : TestPki.sunClient();
        List<String> trace = new ArrayList<>();

        // Before anything: not handshaking; after beginHandshake a client must wrap, a server unwrap.
        EngineLink l = asClient ? new EngineLink(mine.createSSLEngine("localhost", 443), peerCtx.createSSLEngine())
                : new EngineLink(peerCtx.createSSLEngine("localhost", 443), mine.createSSLEngine());
        SSLEngine e = asClient ? l.client : l.server;
        List<SSLEngineResult> results = asClient ? l.clientResults : l.serverResults;
        trace.add("before begin " + e.getHandshakeStatus() + " in " + e.isInboundDone() + " out " + e.isOutboundDone());
        e.beginHandshake();
        trace.add("after begin " + e.getHandshakeStatus());
        if (asClient) {
            // unwrap while a flight is waiting to go: nothing consumed, still NEED_WRAP.
            SSLEngineResult r = e.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(16384));
            trace.add("unwrap first " + brief(r));
            // application data offered during the handshake is not consumed.
            ByteBuffer net = ByteBuffer.allocate(65536);
            r = e.wrap(ByteBuffer.wrap(new byte[10]), net);
            trace.add("first wrap " + r.getStatus() + " " + r.getHandshakeStatus() + " consumed " + r.bytesConsumed()
                    + " produced>0 " + (r.bytesProduced() > 0));
            net.flip();
            l.clientToServer.put(net);
        }
        l.run();
        trace.add("handshake " + handshakeStatuses(results));
        trace.add("finished reported " + EngineLink.count(results, HandshakeStatus.FINISHED));
        trace.add("after handshake " + e.getHandshakeStatus() + " suite " + e.getSession().getCipherSuite().startsWith("TLS_"));

        // Data both ways.
        SSLEngine peer = asClient ? l.server : l.client;
        ByteBuffer net = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        SSLEngineResult r = e.wrap(ByteBuffer.wrap(new byte[100]), net);
        trace.add("data wrap " + brief(r));
        net.flip();
        r = peer.unwrap(net, ByteBuffer.allocate(16384));
        trace.add("peer data unwrap " + brief(r));
        net.clear();
        peer.wrap(ByteBuffer.wrap(new byte[100]), net);
        net.flip();
        r = e.unwrap(net, ByteBuffer.allocate(16384));
        trace.add("data unwrap " + brief(r));

        // close_notify from the engine under test, and the peer's answer.
        e.closeOutbound();
        trace.add("closeOutbound " + e.getHandshakeStatus() + " in " + e.isInboundDone() + " out " + e.isOutboundDone());
        net.clear();
        r = e.wrap(ByteBuffer.wrap(new byte[10]), net);
        trace.add("close wrap " + brief(r) + " in " + e.isInboundDone() + " out " + e.isOutboundDone());
        r = e.wrap(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(1000));
        trace.add("wrap after close " + brief(r));
        net.flip();
        r = peer.unwrap(net, ByteBuffer.allocate(16384));
        trace.add("peer unwrap close " + brief(r));
        net.clear();
        r = peer.wrap(ByteBuffer.allocate(0), net);
        trace.add("peer wrap close " + brief(r));
        net.flip();
        r = e.unwrap(net, ByteBuffer.allocate(16384));
        trace.add("unwrap peer close " + brief(r) + " in " + e.isInboundDone() + " out " + e.isOutboundDone());

        // An engine closed before it ever started.
        SSLEngine fresh = mine.createSSLEngine("localhost", 443);
        fresh.setUseClientMode(asClient);
        fresh.closeOutbound();
        trace.add("fresh closeOutbound " + fresh.getHandshakeStatus() + " out " + fresh.isOutboundDone());
        r = fresh.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1000));
        trace.add("fresh wrap " + r.getStatus() + " out " + fresh.isOutboundDone());

        // closeInbound without the peer's close_notify, after a handshake.
        EngineLink t = asClient ? new EngineLink(mine.createSSLEngine("localhost", 443), peerCtx.createSSLEngine())
                : new EngineLink(peerCtx.createSSLEngine("localhost", 443), mine.createSSLEngine());
        t.run();
        SSLEngine te = asClient ? t.client : t.server;
        try {
            te.closeInbound();
            trace.add("closeInbound no exception");
        } catch (SSLException x) {
            trace.add("closeInbound SSLException");
        }
        trace.add("after closeInbound in " + te.isInboundDone());
        r = te.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(te.getSession().getPacketBufferSize()));
        trace.add("wrap after closeInbound " + r.getStatus() + " produced>0 " + (r.bytesProduced() > 0) + " out " + te.isOutboundDone());
        return trace;
    }

    private static String brief(SSLEngineResult r) {
        return r.getStatus() + "/" + r.getHandshakeStatus() + " consumed>0 " + (r.bytesConsumed() > 0) + " produced>0 "
                + (r.bytesProduced() > 0);
    }

    private static List<HandshakeStatus> handshakeStatuses(List<SSLEngineResult> results) {
        List<HandshakeStatus> out = new ArrayList<>();
        for (SSLEngineResult r : results) {
            HandshakeStatus hs = r.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK || r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                continue;
            }
            if (out.isEmpty() || out.get(out.size() - 1) != hs) {
                out.add(hs);
            }
            if (hs == HandshakeStatus.FINISHED) {
                break;
            }
        }
        return out;
    }
}
