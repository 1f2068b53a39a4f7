package dev.jtls.handshake.client;

import dev.jtls.message.Bytes;
import dev.jtls.session.Session;

/**
 * A cached session offered in the ClientHello: by its session id (RFC 5246 §7.4.1.2), or by its
 * ticket with a fresh session id (RFC 5077 §3.4), which the server echoes if it accepts.
 *
 * @param sessionId the id sent in the ClientHello (non-empty)
 * @param ticket    the ticket sent in session_ticket, or null when offered by id
 */
record ResumptionOffer(Session session, Bytes sessionId, Bytes ticket) {
}
