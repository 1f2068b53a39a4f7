package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.handshake.HandshakeState;

/**
 * The server side of the TLS 1.2 handshake (RFC 5246 §7.3): its entry points. The server speaks
 * second, so {@link #start} sends nothing and returns the state waiting for ClientHello.
 */
public final class ServerHandshake {
    private ServerHandshake() {
    }

    /** The first server state: waiting for the ClientHello. */
    public static HandshakeState start(TlsConfig config) {
        return new ExpectClientHello(config);
    }
}
