package dev.jtls.handshake.server;

import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.CertifiedKey;

/**
 * What a full handshake (RFC 5246 §7.3 figure 1) settled when the server sent its first flight,
 * fixed from then on and shared by the states that follow.
 *
 * @param serverRandom         ServerHello.random
 * @param key                  our certified key, whose chain went out in Certificate
 * @param keyExchange          how the client's ClientKeyExchange becomes the premaster
 * @param extendedMasterSecret RFC 7627 negotiated
 * @param encryptThenMac       RFC 7366 negotiated (only ever with a CBC suite)
 * @param alpn                 the application protocol selected (RFC 7301 §3.1), or null for none
 * @param sessionId            the session id in ServerHello (empty: the session will not be cached)
 * @param ticketPromised       ServerHello acknowledged session_ticket: a NewSessionTicket goes out
 *                             before our ChangeCipherSpec (RFC 5077 §3.3)
 */
record FullAgreement(ServerContext ctx, byte[] serverRandom, CipherSuite suite, CertifiedKey key,
                     KeyExchange keyExchange, boolean extendedMasterSecret, boolean encryptThenMac, String alpn,
                     byte[] sessionId, boolean ticketPromised) {

    /** The facts reported once the handshake is over. */
    Negotiated negotiated() {
        KeyExchange.Ecdhe ecdhe = keyExchange instanceof KeyExchange.Ecdhe ? (KeyExchange.Ecdhe) keyExchange : null;
        return new Negotiated(suite, ecdhe == null ? null : ecdhe.group(), ecdhe == null ? null : ecdhe.scheme(),
                extendedMasterSecret, encryptThenMac, alpn, ctx.serverName(), false);
    }
}
