package dev.jtls.handshake.server;

import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Transcript;
import dev.jtls.record.RecordProtection;

/**
 * What the states of the client's last flight ([CertificateVerify], ChangeCipherSpec, Finished)
 * need once the keys exist, in a full and in an abbreviated handshake alike.
 *
 * @param read       the protection of the client's records after its ChangeCipherSpec
 * @param completion what follows the client's verified Finished (full or abbreviated path)
 */
record ClientFlightEnd(ServerContext ctx, Transcript transcript, MasterSecret master, RecordProtection read,
                       Completion completion) {
}
