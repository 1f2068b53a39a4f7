package dev.jtls.testing;

import dev.jtls.connection.TlsConnection;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Moves bytes between two in-memory TLS endpoints — a jtls {@link TlsConnection} and a JSSE
 * {@link SSLEngine} (SunJSSE or BCJSSE), or two TlsConnections — until neither makes progress.
 * For handshake and data tests; no sockets, no threads.
 */
public final class Pump {
    /** One side of a conversation: it can take network bytes and give network bytes. */
    public interface Endpoint {
        /** Feeds bytes from the peer; returns true if anything happened. */
        boolean receive(ByteBuffer fromPeer) throws SSLException;

        /** Writes bytes for the peer into {@code out}; returns true if any were written. */
        boolean send(ByteBuffer out) throws SSLException;
    }

    private Pump() {
    }

    /** Runs the two endpoints against each other until both are idle; at most {@code maxRounds} rounds. */
    public static void run(Endpoint a, Endpoint b, int maxRounds) throws SSLException {
        ByteBuffer aToB = ByteBuffer.allocate(1 << 20);
        ByteBuffer bToA = ByteBuffer.allocate(1 << 20);
        for (int round = 0; round < maxRounds; round++) {
            boolean progress = a.send(aToB);
            aToB.flip();
            progress |= b.receive(aToB);
            aToB.compact();
            progress |= b.send(bToA);
            bToA.flip();
            progress |= a.receive(bToA);
            bToA.compact();
            if (!progress && aToB.position() == 0 && bToA.position() == 0) {
                return;
            }
        }
        throw new IllegalStateException("no quiescence after " + maxRounds + " rounds");
    }

    /** A jtls connection as an endpoint; received application data accumulates in {@code appIn}. */
    public static Endpoint of(TlsConnection c, ByteBuffer appIn) {
        return new Endpoint() {
            @Override
            public boolean receive(ByteBuffer fromPeer) {
                int before = fromPeer.remaining();
                c.receive(fromPeer);
                int read = appIn == null ? 0 : c.read(appIn);
                return fromPeer.remaining() != before || read > 0;
            }

            @Override
            public boolean send(ByteBuffer out) {
                return c.takeOutgoing(out) > 0;
            }
        };
    }

    /** A JSSE engine as an endpoint (delegated tasks run inline); application data goes to {@code appIn}. */
    public static Endpoint of(SSLEngine engine, ByteBuffer appOut, ByteBuffer appIn) {
        return new Endpoint() {
            @Override
            public boolean receive(ByteBuffer fromPeer) throws SSLException {
                boolean progress = false;
                while (fromPeer.hasRemaining() && !engine.isInboundDone()) {
                    SSLEngineResult r = engine.unwrap(fromPeer, appIn);
                    runTasks(engine);
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        break;
                    }
                    progress = true;
                }
                return progress;
            }

            @Override
            public boolean send(ByteBuffer out) throws SSLException {
                boolean progress = false;
                ByteBuffer src = appOut == null ? ByteBuffer.allocate(0) : appOut;
                while (!engine.isOutboundDone()) {
                    if (appOut != null) {
                        appOut.flip();
                    }
                    SSLEngineResult r;
                    try {
                        r = engine.wrap(src, out);
                    } finally {
                        if (appOut != null) {
                            appOut.compact();
                        }
                    }
                    runTasks(engine);
                    if (r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
                        break;
                    }
                    progress = true;
                }
                return progress;
            }
        };
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
            t.run();
        }
    }
}
