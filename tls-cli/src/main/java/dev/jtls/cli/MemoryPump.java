package dev.jtls.cli;

import dev.jtls.connection.TlsConnection;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Moves network bytes between two in-memory TLS endpoints (two jtls {@link TlsConnection}s, or two
 * {@link SSLEngine}s) on the calling thread until neither has anything more to do: the wire of
 * {@code jtls bench}, with no sockets in the figures. Application data an endpoint receives is
 * counted and dropped.
 */
final class MemoryPump {
    /** Enough for any handshake flight of the bench (chains of two certificates) and a 16 KiB record. */
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_ROUNDS = 64;

    /** One side of the wire. */
    interface Side {
        /** Writes what this side has to send into {@code net}; true if anything was written. */
        boolean send(ByteBuffer net) throws SSLException;

        /** Takes bytes from {@code net} (flipped for reading); true if anything was consumed or produced. */
        boolean receive(ByteBuffer net) throws SSLException;

        /** Application data bytes received so far. */
        long received();
    }

    private final ByteBuffer aToB = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer bToA = ByteBuffer.allocate(BUFFER);

    /** Runs until both sides are idle and the wire is empty. */
    void run(Side a, Side b) throws SSLException {
        aToB.clear();
        bToA.clear();
        for (int round = 0; round < MAX_ROUNDS; round++) {
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
        throw new IllegalStateException("the two endpoints still had work after " + MAX_ROUNDS + " rounds");
    }

    /** A jtls connection; {@link TlsConnection#write} queues the data it sends. */
    static Side of(TlsConnection c) {
        ByteBuffer sink = ByteBuffer.allocate(BUFFER);
        return new Side() {
            private long received;

            @Override
            public boolean send(ByteBuffer net) {
                return c.takeOutgoing(net) > 0;
            }

            @Override
            public boolean receive(ByteBuffer net) {
                boolean progress = false;
                while (true) {
                    int consumed = c.receive(net);
                    sink.clear();
                    int read = c.read(sink);
                    received += read;
                    if (consumed == 0 && read == 0) {
                        return progress;
                    }
                    progress = true;
                }
            }

            @Override
            public long received() {
                return received;
            }
        };
    }

    /** A JSSE engine; it sends whatever {@code outgoing} holds (flipped for reading), delegated tasks run inline. */
    static Side of(SSLEngine engine, ByteBuffer outgoing) {
        ByteBuffer sink = ByteBuffer.allocate(Math.max(BUFFER, engine.getSession().getApplicationBufferSize()));
        return new Side() {
            private long received;

            @Override
            public boolean send(ByteBuffer net) throws SSLException {
                boolean progress = false;
                while (!engine.isOutboundDone()) {
                    SSLEngineResult r = engine.wrap(outgoing, net);
                    runTasks(engine);
                    if (r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
                        return progress;
                    }
                    progress = true;
                }
                return progress;
            }

            @Override
            public boolean receive(ByteBuffer net) throws SSLException {
                boolean progress = false;
                while (net.hasRemaining() && !engine.isInboundDone()) {
                    sink.clear();
                    SSLEngineResult r = engine.unwrap(net, sink);
                    runTasks(engine);
                    received += r.bytesProduced();
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        break;
                    }
                    progress = true;
                }
                return progress;
            }

            @Override
            public long received() {
                return received;
            }
        };
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
            t.run();
        }
    }
}
