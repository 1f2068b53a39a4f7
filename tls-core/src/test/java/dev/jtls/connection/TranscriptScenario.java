package dev.jtls.connection;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.SeededRandom;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One recorded flow: a key-exchange kind (which only the server's configuration picks; the client
 * keeps the default configuration, so its ClientHello is the default one) and a handshake flow.
 * Each side gets its own {@link SeededRandom} and both the credentials' fixed clock, so the same
 * code makes the same bytes. The two sides talk through {@link Peer}s that act on what they receive
 * and on nothing else — the client sends "ping" once connected and closes when "pong" is back; the
 * server answers "ping" with "pong" — so a side fed the recorded peer's flights must send its own
 * recorded flights.
 */
record TranscriptScenario(Exchange exchange, Flow flow) {
    static final String PING = "ping";
    static final String PONG = "pong";

    /** The key exchange and authentication the server is configured for. */
    enum Exchange {
        ECDHE_ECDSA_X25519("server-ecdsa", "client-ecdsa", null, null),
        ECDHE_ECDSA_P256("server-ecdsa", "client-ecdsa", NamedGroup.SECP256R1, null),
        ECDHE_RSA_X25519("server-rsa", "client-rsa", null, null),
        // CBC with encrypt-then-MAC: the records' explicit IVs come from the injected random too.
        ECDHE_RSA_P256_CBC("server-rsa", "client-rsa", NamedGroup.SECP256R1, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256),
        RSA("server-rsa", "client-rsa", null, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);

        final String serverKey;
        final String clientKey;
        final NamedGroup onlyGroup;
        final CipherSuite onlySuite;

        Exchange(String serverKey, String clientKey, NamedGroup onlyGroup, CipherSuite onlySuite) {
            this.serverKey = serverKey;
            this.clientKey = clientKey;
            this.onlyGroup = onlyGroup;
            this.onlySuite = onlySuite;
        }
    }

    /** The handshakes a transcript holds, one connection each. */
    enum Flow {
        /** A full handshake (the server issues a ticket, RFC 5077 §3.3). */
        FULL(1),
        /** A full handshake without tickets, then one resumed by its session id (RFC 5246 §7.3). */
        RESUMED_BY_ID(2),
        /** A full handshake, then one resumed by the ticket it got (RFC 5077 §3.1). */
        RESUMED_BY_TICKET(2),
        /** A full handshake where the server requires a client certificate (RFC 5246 §7.4.4). */
        CLIENT_AUTH(1);

        final int connections;

        Flow(int connections) {
            this.connections = connections;
        }
    }

    /** The resource name: e.g. {@code ecdhe_ecdsa_x25519-resumed_by_id}. */
    String name() {
        return exchange.name().toLowerCase(Locale.ROOT) + "-" + flow.name().toLowerCase(Locale.ROOT);
    }

    TlsConfig clientConfig(TranscriptCredentials creds) {
        TlsConfig.Builder b = TlsConfig.builder()
                .crypto(CryptoProviders.defaults(SeededRandom.of("client " + name())))
                .clock(creds.clock())
                .trust(new PinnedTrustVerifier(List.of(creds.ca()), creds.clock()))
                .sessionTickets(flow != Flow.RESUMED_BY_ID);
        if (flow == Flow.CLIENT_AUTH) {
            b.certifiedKey(creds.certifiedKey(exchange.clientKey));
        }
        return b.build();
    }

    TlsConfig serverConfig(TranscriptCredentials creds) {
        TlsConfig.Builder b = TlsConfig.builder()
                .crypto(CryptoProviders.defaults(SeededRandom.of("server " + name())))
                .clock(creds.clock())
                .certifiedKey(creds.certifiedKey(exchange.serverKey))
                .sessionTickets(flow != Flow.RESUMED_BY_ID);
        if (exchange.onlyGroup != null) {
            b.groups(List.of(exchange.onlyGroup));
        }
        if (exchange.onlySuite != null) {
            b.cipherSuites(List.of(exchange.onlySuite));
        }
        if (flow == Flow.CLIENT_AUTH) {
            b.clientAuth(ClientAuth.NEED).trust(new PinnedTrustVerifier(List.of(creds.ca()), creds.clock()));
        }
        return b.build();
    }

    /** One side of one connection, acting only on what it receives. */
    static final class Peer {
        final TlsConnection connection;
        final boolean client;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private boolean pinged;

        private Peer(TlsConnection connection, boolean client) {
            this.connection = connection;
            this.client = client;
        }

        static Peer client(TlsConfig config) {
            return new Peer(TlsConnection.client(config, "localhost", 443), true);
        }

        static Peer server(TlsConfig config) {
            return new Peer(TlsConnection.server(config), false);
        }

        /** Everything this side has for the network now. */
        byte[] take() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (connection.hasOutgoing()) {
                buf.clear();
                connection.takeOutgoing(buf);
                out.write(buf.array(), 0, buf.position());
            }
            return out.toByteArray();
        }

        /** Takes the peer's flight, then acts on it. A protocol failure queues its alert, which {@link #take} returns. */
        void give(byte[] flight) {
            ByteBuffer in = ByteBuffer.wrap(flight);
            try {
                connection.receive(in);
            } catch (TlsAlertException e) {
                return;
            }
            if (in.hasRemaining()) {
                throw new AssertionError((client ? "client" : "server") + " left " + in.remaining() + " bytes of a flight");
            }
            ByteBuffer app = ByteBuffer.allocate(connection.readable());
            connection.read(app);
            received.write(app.array(), 0, app.position());
            if (client) {
                if (connection.isHandshakeComplete() && !pinged && !connection.isOutboundDone()) {
                    pinged = true;
                    connection.write(ByteBuffer.wrap(PING.getBytes(StandardCharsets.US_ASCII)));
                }
                if (received().equals(PONG) && !connection.isOutboundDone()) {
                    connection.close();
                }
            } else if (app.position() > 0 && received().equals(PING)) {
                connection.write(ByteBuffer.wrap(PONG.getBytes(StandardCharsets.US_ASCII)));
            }
        }

        String received() {
            return received.toString(StandardCharsets.US_ASCII);
        }

        /** What the handshake settled on, as one line (the transcript says it next to each connection). */
        String negotiated() {
            for (HandshakeEvent e : connection.events()) {
                if (e instanceof Negotiated n) {
                    return n.suite() + (n.group() != null ? ", " + n.group() : "")
                            + (n.scheme() != null ? ", " + n.scheme() : "")
                            + (n.extendedMasterSecret() ? ", EMS" : "") + (n.encryptThenMac() ? ", ETM" : "")
                            + (n.resumed() ? ", resumed" : ", full");
                }
            }
            return "(no handshake)";
        }

        /** Checks that the connection ran its course: handshake, ping, pong, close_notify both ways, no failure. */
        void assertFinished() {
            if (connection.failure() != null) {
                throw new AssertionError((client ? "client" : "server") + " failed: " + connection.failure().getMessage(),
                        connection.failure());
            }
            if (connection.status() != TlsConnection.Status.CLOSED) {
                throw new AssertionError((client ? "client" : "server") + " is " + connection.status() + ", not CLOSED");
            }
            String expected = client ? PONG : PING;
            if (!received().equals(expected)) {
                throw new AssertionError((client ? "client" : "server") + " received '" + received() + "', not '" + expected + "'");
            }
        }
    }
}
