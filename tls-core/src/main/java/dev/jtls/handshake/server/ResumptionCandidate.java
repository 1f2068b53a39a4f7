package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.session.Session;
import dev.jtls.session.TicketSealer;

/**
 * A session this server holds that the ClientHello asks to resume, not yet checked against the
 * hello ({@link ResumptionCheck} does that). The ticket is tried first, then the session id: RFC
 * 5077 §3.4 lets a client send both, and a ticket the server can open is the one it uses.
 *
 * @param renewTicket the ticket was sealed under a retired key: a fresh one goes out (RFC 5077 §3.1)
 */
record ResumptionCandidate(Session session, boolean renewTicket) {

    /** The session the hello asks for, by ticket or by id, or null if this server holds none. */
    static ResumptionCandidate find(TlsConfig config, ClientHello hello, ClientHelloExtensions ext) {
        ResumptionCandidate c = fromTicket(config, ext);
        return c != null ? c : fromSessionId(config, hello);
    }

    /** RFC 5077 §3.4: a non-empty ticket this server sealed and can still open. */
    static ResumptionCandidate fromTicket(TlsConfig config, ClientHelloExtensions ext) {
        if (!config.sessionTickets() || ext.sessionTicket() == null || ext.sessionTicket().ticket().isEmpty()) {
            return null;
        }
        TicketSealer.Opened opened = config.ticketSealer().open(ext.sessionTicket().ticket().toByteArray());
        return opened == null ? null : new ResumptionCandidate(opened.session(), opened.renew());
    }

    /** RFC 5246 §7.4.1.2: a session id this server's cache still holds. */
    static ResumptionCandidate fromSessionId(TlsConfig config, ClientHello hello) {
        if (!config.sessionIdResumption() || hello.sessionId().isEmpty()) {
            return null;
        }
        Session s = config.serverSessionCache().get(hello.sessionId().toByteArray());
        return s == null ? null : new ResumptionCandidate(s, false);
    }
}
