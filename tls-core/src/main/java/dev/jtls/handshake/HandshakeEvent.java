package dev.jtls.handshake;

/**
 * Facts a handshake reports as it learns them; the connection keeps them for the application
 * (the negotiated suite, the peer's certificates, the session, ...). The kinds grow with the
 * handshake; each is a record.
 */
public interface HandshakeEvent {
}
