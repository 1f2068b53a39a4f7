package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.Pump;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** One jtls client against one SunJSSE server engine, in memory, with application data both ways. */
final class Conversation {
    final TlsConnection client;
    final SSLEngine server;
    final ByteBuffer clientIn = ByteBuffer.allocate(3 << 20);
    final ByteBuffer serverIn = ByteBuffer.allocate(3 << 20);
    final ByteBuffer serverOut = ByteBuffer.allocate(3 << 20);
    /** Rewrites the server's bytes before the client sees them (identity by default). */
    UnaryOperator<ByteBuffer> serverTamper = UnaryOperator.identity();
    /** What the server engine threw, if anything. */
    SSLException serverFailure;

    Conversation(TlsConfig config, String serverName, SSLEngine server) {
        this.client = TlsConnection.client(config, serverName);
        this.server = server;
    }

    Conversation(TlsConfig config, SSLEngine server, String host, int port) {
        this.client = TlsConnection.client(config, host, port);
        this.server = server;
    }

    /** Pumps until quiet; a failure on either side ends the pumping (both are recorded). */
    Conversation pump() {
        Pump.Endpoint jsse = Pump.of(server, serverOut, serverIn);
        Pump.Endpoint tampered = new Pump.Endpoint() {
            @Override
            public boolean receive(ByteBuffer fromPeer) throws SSLException {
                return jsse.receive(fromPeer);
            }

            @Override
            public boolean send(ByteBuffer out) throws SSLException {
                ByteBuffer tmp = ByteBuffer.allocate(out.remaining());
                boolean progress = jsse.send(tmp);
                tmp.flip();
                out.put(serverTamper.apply(tmp));
                return progress;
            }
        };
        try {
            Pump.run(Pump.of(client, clientIn), tampered, 10_000);
        } catch (TlsAlertException e) {
            // The client failed: deliver its fatal alert to the server.
            ByteBuffer alert = ByteBuffer.allocate(1 << 16);
            client.takeOutgoing(alert);
            alert.flip();
            try {
                server.unwrap(alert, serverIn);
            } catch (SSLException se) {
                serverFailure = se;
            }
        } catch (SSLException e) {
            serverFailure = e;
            // Deliver the server's alert, if any, to the client.
            ByteBuffer alert = ByteBuffer.allocate(1 << 16);
            try {
                server.wrap(ByteBuffer.allocate(0), alert);
            } catch (SSLException ignored) {
                // nothing more to send
            }
            alert.flip();
            try {
                client.receive(alert);
            } catch (TlsAlertException ignored) {
                // recorded in client.failure()
            }
        }
        return this;
    }

    Negotiated negotiated() {
        for (HandshakeEvent e : client.events()) {
            if (e instanceof Negotiated) {
                return (Negotiated) e;
            }
        }
        throw new AssertionError("no Negotiated event in " + client.events());
    }

    /** Sends {@code n} random bytes each way and checks they arrive unchanged. */
    void exchange(int n, long seed) {
        byte[] up = new byte[n];
        byte[] down = new byte[n];
        Random r = new Random(seed);
        r.nextBytes(up);
        r.nextBytes(down);
        clientIn.clear();
        serverIn.clear();
        client.write(ByteBuffer.wrap(up));
        serverOut.put(down);
        pump();
        assertThat(client.failure()).isNull();
        assertThat(serverFailure).isNull();
        assertThat(serverIn.position()).isEqualTo(n);
        assertThat(clientIn.position()).isEqualTo(n);
        assertThat(java.util.Arrays.copyOf(serverIn.array(), n)).isEqualTo(up);
        assertThat(java.util.Arrays.copyOf(clientIn.array(), n)).isEqualTo(down);
    }
}
