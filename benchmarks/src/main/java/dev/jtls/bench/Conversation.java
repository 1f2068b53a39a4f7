package dev.jtls.bench;

import dev.jtls.connection.TlsConnection;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Two endpoints of one implementation talking in memory on one thread, through two reused
 * network buffers: the handshake pump of every handshake benchmark, with the {@link WireCheck}
 * of the server's first flight.
 */
final class Conversation {
    /** One side: takes network bytes, gives network bytes. */
    interface End {
        void receive(ByteBuffer fromPeer) throws SSLException;

        void send(ByteBuffer toPeer) throws SSLException;

        boolean handshakeDone();
    }

    final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    final WireCheck wire = new WireCheck();

    /** Runs a handshake to completion on both sides and parses the server's first flight into {@link #wire}. */
    void handshake(End client, End server) throws SSLException {
        toServer.clear();
        toClient.clear();
        boolean firstFlight = true;
        for (int round = 0; round < 16; round++) {
            client.send(toServer);
            toServer.flip();
            server.receive(toServer);
            toServer.compact();
            int before = toClient.position();
            server.send(toClient);
            if (firstFlight && toClient.position() > before) {
                wire.serverFlight(toClient.array(), before, toClient.position());
                firstFlight = false;
            }
            toClient.flip();
            client.receive(toClient);
            toClient.compact();
            if (client.handshakeDone() && server.handshakeDone() && toServer.position() == 0
                    && toClient.position() == 0) {
                return;
            }
        }
        throw new IllegalStateException("handshake did not complete in 16 rounds");
    }

    /** A jtls sans-IO connection as an end. */
    static End of(TlsConnection c) {
        return new End() {
            @Override
            public void receive(ByteBuffer fromPeer) {
                c.receive(fromPeer);
            }

            @Override
            public void send(ByteBuffer toPeer) {
                c.takeOutgoing(toPeer);
            }

            @Override
            public boolean handshakeDone() {
                return c.isHandshakeComplete();
            }
        };
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** A JSSE engine as an end; delegated tasks run inline; handshake records carry no application data. */
    static End of(SSLEngine engine, ByteBuffer appIn) {
        return new End() {
            @Override
            public void receive(ByteBuffer fromPeer) throws SSLException {
                while (fromPeer.hasRemaining()) {
                    SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks(engine);
                        continue;
                    }
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        return;
                    }
                    appIn.clear();
                    SSLEngineResult r = engine.unwrap(fromPeer, appIn);
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return;
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new IllegalStateException("unwrap: " + r);
                    }
                    runTasks(engine);
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        return;
                    }
                }
            }

            @Override
            public void send(ByteBuffer toPeer) throws SSLException {
                while (true) {
                    SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks(engine);
                        continue;
                    }
                    if (hs != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        return;
                    }
                    SSLEngineResult r = engine.wrap(EMPTY, toPeer);
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new IllegalStateException("wrap: " + r);
                    }
                }
            }

            @Override
            public boolean handshakeDone() {
                return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
            }
        };
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
            t.run();
        }
    }
}
