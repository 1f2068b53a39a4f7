package dev.jtls.handshake.client;

import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Transcript;
import dev.jtls.record.RecordProtection;

/**
 * What the states of the server's last flight ([NewSessionTicket], ChangeCipherSpec, Finished)
 * need, in a full and in an abbreviated handshake alike.
 *
 * @param read       the protection of the server's records after its ChangeCipherSpec
 * @param completion what follows the server's verified Finished (full or abbreviated path)
 */
record ServerFlightEnd(ClientContext ctx, Agreed agreed, Transcript transcript, MasterSecret master,
                       RecordProtection read, Completion completion) {
}
