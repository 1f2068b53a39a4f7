package dev.jtls.handshake.client;

import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;

/**
 * What the ServerHello settled (RFC 5246 §7.4.1.3), checked against the ClientHello.
 *
 * @param serverRandom         ServerHello.random
 * @param sessionId            the server's session id (empty if the session cannot be resumed by id)
 * @param extendedMasterSecret RFC 7627 negotiated
 * @param encryptThenMac       RFC 7366 negotiated (only ever with a CBC suite)
 * @param alpn                 the application protocol the server selected, or null
 * @param ticketComing         the server acknowledged session_ticket: a NewSessionTicket comes
 *                             before its ChangeCipherSpec (RFC 5077 §3.3)
 * @param statusMayCome        the server acknowledged status_request: a CertificateStatus may follow
 *                             its Certificate (RFC 6066 §8)
 */
record Agreed(CipherSuite suite, Bytes serverRandom, Bytes sessionId, boolean extendedMasterSecret,
              boolean encryptThenMac, String alpn, boolean ticketComing, boolean statusMayCome) {
    byte[] serverRandomBytes() {
        return serverRandom.toByteArray();
    }
}
