package dev.jtls.handshake;

import dev.jtls.session.Session;

/**
 * The session this connection ended up with, made by a full handshake or taken up again by an
 * abbreviated one (whether it was resumed is {@link Negotiated#resumed()}).
 */
public record SessionEstablished(Session session) implements HandshakeEvent {
}
