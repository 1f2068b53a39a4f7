package dev.jtls.handshake.server;

import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Transcript;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the server knows once the keys exist (after ClientKeyExchange, or after choosing to resume):
 * carried unchanged through ExpectCertificateVerify, ExpectChangeCipherSpec and ExpectFinished.
 *
 * @param clientChain the client's certificates (empty if none); for a resumption, the session's
 */
record Keyed(Negotiation n, Transcript transcript, MasterSecret master, KeyBlock.Protections keys,
             List<X509Certificate> clientChain) {
}
