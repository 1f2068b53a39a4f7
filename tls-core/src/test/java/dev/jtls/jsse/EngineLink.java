package dev.jtls.jsse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Two SSLEngines wired back to back in memory, driven the way an application drives them (the
 * loop of the JDK's SSLEngine tests): wrap into a network buffer, unwrap from the peer's, run
 * delegated tasks, repeat until neither side moves. Every result is recorded per side. The
 * receiving side may be shown its network bytes {@code chunk} at a time (1: a byte per read).
 */
final class EngineLink {
    final SSLEngine client;
    final SSLEngine server;
    final ByteBuffer clientToServer;
    final ByteBuffer serverToClient;
    final ByteBuffer clientOut = ByteBuffer.allocate(0);
    final ByteBuffer serverOut = ByteBuffer.allocate(0);
    final ByteBuffer clientIn;
    final ByteBuffer serverIn;
    final List<SSLEngineResult> clientResults = new ArrayList<>();
    final List<SSLEngineResult> serverResults = new ArrayList<>();
    int chunk = Integer.MAX_VALUE;
    private ByteBuffer clientSend = clientOut;
    private ByteBuffer serverSend = serverOut;

    EngineLink(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        this.clientToServer = ByteBuffer.allocate(4 * packet);
        this.serverToClient = ByteBuffer.allocate(4 * packet);
        this.clientIn = ByteBuffer.allocate(1 << 22);
        this.serverIn = ByteBuffer.allocate(1 << 22);
    }

    /** Data each side sends from now on (read mode); null for none. */
    void send(ByteBuffer fromClient, ByteBuffer fromServer) {
        clientSend = fromClient == null ? clientOut : fromClient;
        serverSend = fromServer == null ? serverOut : fromServer;
    }

    /** Pumps until neither side makes progress; at most {@code maxRounds} rounds. */
    void run(int maxRounds) throws SSLException {
        for (int round = 0; round < maxRounds; round++) {
            boolean progress = wrapAll(client, clientSend, clientToServer, clientResults);
            progress |= wrapAll(server, serverSend, serverToClient, serverResults);
            progress |= unwrapAll(server, clientToServer, serverIn, serverResults);
            progress |= unwrapAll(client, serverToClient, clientIn, clientResults);
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("no quiescence after " + maxRounds + " rounds: client " + client.getHandshakeStatus()
                + ", server " + server.getHandshakeStatus());
    }

    /** The first SSLException each side threw while {@link #runExpectingFailure} pumped. */
    SSLException clientError;
    SSLException serverError;

    /**
     * Pumps as {@link #run}, but an SSLException from one side is recorded (the first per side) and
     * pumping goes on, so that the fatal alert the failing engine then has to send reaches the peer.
     */
    void runExpectingFailure() {
        for (int round = 0; round < 10_000; round++) {
            boolean progress = false;
            try {
                progress |= wrapAll(client, clientSend, clientToServer, clientResults);
            } catch (SSLException e) {
                progress |= clientError == null;
                clientError = clientError == null ? e : clientError;
            }
            try {
                progress |= wrapAll(server, serverSend, serverToClient, serverResults);
            } catch (SSLException e) {
                progress |= serverError == null;
                serverError = serverError == null ? e : serverError;
            }
            try {
                progress |= unwrapAll(server, clientToServer, serverIn, serverResults);
            } catch (SSLException e) {
                progress |= serverError == null;
                serverError = serverError == null ? e : serverError;
            }
            try {
                progress |= unwrapAll(client, serverToClient, clientIn, clientResults);
            } catch (SSLException e) {
                progress |= clientError == null;
                clientError = clientError == null ? e : clientError;
            }
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("no quiescence after 10000 rounds");
    }

    void run() throws SSLException {
        run(10_000);
    }

    /** Bytes the server's wraps produced: a resumption's flight, with no certificate, is far smaller. */
    long serverBytes() {
        return serverResults.stream().mapToLong(SSLEngineResult::bytesProduced).sum();
    }

    long clientBytes() {
        return clientResults.stream().mapToLong(SSLEngineResult::bytesProduced).sum();
    }

    /** The encoded size of the chain the client got from the server. */
    int serverChainLength() throws Exception {
        int length = 0;
        for (java.security.cert.Certificate cert : client.getSession().getPeerCertificates()) {
            length += cert.getEncoded().length;
        }
        return length;
    }

    private static boolean wrapAll(SSLEngine e, ByteBuffer app, ByteBuffer net, List<SSLEngineResult> results)
            throws SSLException {
        boolean progress = false;
        while (true) {
            SSLEngineResult r = e.wrap(app, net);
            results.add(r);
            runTasks(e);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (net.position() == 0) {
                    throw new AssertionError("BUFFER_OVERFLOW into an empty buffer of " + net.capacity());
                }
                return progress;
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                return progress;
            }
            progress = true;
        }
    }

    private boolean unwrapAll(SSLEngine e, ByteBuffer net, ByteBuffer app, List<SSLEngineResult> results)
            throws SSLException {
        net.flip();
        boolean progress = false;
        try {
            int visible = Math.min(net.remaining(), chunk);
            while (true) {
                ByteBuffer view = net.duplicate();
                view.limit(net.position() + visible);
                SSLEngineResult r = e.unwrap(view, app);
                results.add(r);
                runTasks(e);
                int consumed = view.position() - net.position();
                if (consumed != r.bytesConsumed()) {
                    throw new AssertionError("bytesConsumed " + r.bytesConsumed() + " but the position moved " + consumed);
                }
                net.position(view.position());
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    if (consumed != 0) {
                        throw new AssertionError("BUFFER_UNDERFLOW consumed " + consumed + " bytes");
                    }
                    if (visible < net.remaining()) {
                        visible = (int) Math.min(net.remaining(), (long) visible + chunk);
                        continue;
                    }
                    return progress;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    throw new AssertionError("BUFFER_OVERFLOW into an application buffer with " + app.remaining() + " free");
                }
                if (consumed == 0 && r.bytesProduced() == 0) {
                    return progress;
                }
                progress = true;
                visible -= consumed;
                if (visible == 0) {
                    visible = Math.min(net.remaining(), chunk);
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return progress;
                }
            }
        } finally {
            net.compact();
        }
    }

    static void runTasks(SSLEngine e) {
        for (Runnable t = e.getDelegatedTask(); t != null; t = e.getDelegatedTask()) {
            t.run();
        }
    }

    static long count(List<SSLEngineResult> results, SSLEngineResult.HandshakeStatus hs) {
        return results.stream().filter(r -> r.getHandshakeStatus() == hs).count();
    }
}
