package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.Session;
import dev.jtls.session.TicketSealer;
import java.util.Optional;

/**
 * Where the server keeps a session for later resumption (its id cache, a sealed ticket in the
 * client's hands) and how it takes the session back if the connection fails.
 */
final class SessionKeeping {
    private SessionKeeping() {
    }

    /**
     * RFC 5077 §3.3: NewSessionTicket right before ChangeCipherSpec; a session that cannot be sealed
     * gets an empty ticket ("the server ... include[s] a zero-length ticket").
     */
    static void sendTicket(TlsConfig config, Session session, Transcript transcript, HandshakeOutput out) {
        Optional<byte[]> sealed = config.ticketSealer().seal(session);
        if (sealed.isPresent()) {
            // RFC 5246 §7.2.2: a fatal alert after this ticket was sent invalidates its session.
            TicketSealer sealer = config.ticketSealer();
            out.onFailure(() -> sealer.revoke(session));
        }
        long hint = Math.min(session.lifetime().getSeconds(), 0xffffffffL);
        Messages.send(new NewSessionTicket(sealed.isPresent() ? hint : 0,
                sealed.isPresent() ? Bytes.of(sealed.get()) : Bytes.EMPTY), transcript, out);
    }

    /** Puts a new session in the id cache if it has an id (the cache refuses sessions without EMS). */
    static void store(TlsConfig config, Session session, HandshakeOutput out) {
        if (config.sessionIdResumption() && session.id().length > 0) {
            config.serverSessionCache().put(session);
            invalidateOnFailure(config, session, out);
        }
    }

    /**
     * RFC 5246 §7.2.2 ("the session identifier MUST be invalidated" on a fatal alert): a fatal alert,
     * sent or received, on a connection that made or resumes this session removes it by id and
     * revokes its tickets (the client may hold one, from this connection or an earlier one).
     */
    static void invalidateOnFailure(TlsConfig config, Session session, HandshakeOutput out) {
        if (session.id().length > 0) {
            // The session, which the cache holds anyway, not a copy of its id: less per connection.
            ServerSessionCache cache = config.serverSessionCache();
            out.onFailure(() -> cache.remove(session.id()));
        }
        if (config.sessionTickets()) {
            TicketSealer sealer = config.ticketSealer();
            out.onFailure(() -> sealer.revoke(session));
        }
    }
}
