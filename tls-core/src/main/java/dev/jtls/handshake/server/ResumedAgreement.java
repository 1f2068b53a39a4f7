package dev.jtls.handshake.server;

import dev.jtls.handshake.Negotiated;
import dev.jtls.session.Session;

/**
 * What an abbreviated handshake (RFC 5246 §7.3 figure 2) settled when the server sent its
 * ServerHello: the session taken up again, and what is chosen anew per connection.
 *
 * @param serverRandom   ServerHello.random
 * @param session        the session resumed; its suite, master secret and peer certificates hold
 * @param encryptThenMac RFC 7366, as the session had it ({@link ResumptionCheck} sees to that)
 * @param alpn           the application protocol selected again (RFC 7301 §3.1), or null for none
 * @param ticketRenewed  a fresh NewSessionTicket goes out before our ChangeCipherSpec (RFC 5077 §3.1)
 */
record ResumedAgreement(ServerContext ctx, byte[] serverRandom, Session session, boolean encryptThenMac,
                        String alpn, boolean ticketRenewed) {

    /** The facts reported once the handshake is over (RFC 7627 §5.3: only EMS sessions resume). */
    Negotiated negotiated() {
        return new Negotiated(session.cipherSuite(), null, null, true, encryptThenMac, alpn, session.serverName(),
                true);
    }
}
