package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.session.Session;

/**
 * What ClientHello and ServerHello settled, fixed from ServerHello on: the immutable facts the
 * later server states share, passed along as one small record instead of a mutable context.
 *
 * @param clientVersion the ClientHello.client_version as sent (RFC 5246 §7.4.7.1 checks the RSA
 *                      premaster against it)
 * @param key           our certified key; null on a resumed session (no Certificate is sent)
 * @param group         the ECDHE group; null for RSA key exchange and resumption
 * @param scheme        the scheme that signed ServerKeyExchange; null for RSA key exchange and resumption
 * @param sessionId     the session id in ServerHello (empty if not cached)
 * @param alpn          the selected application protocol, or null
 * @param serverName    the client's SNI host name, or null
 * @param sessionTicket whether ServerHello promised a NewSessionTicket in this full handshake (RFC 5077 §3.2)
 * @param resumedFrom   the session taken up again by an abbreviated handshake; null in a full one
 */
record Negotiation(TlsConfig config, ProtocolVersion clientVersion, byte[] clientRandom, byte[] serverRandom,
                   CipherSuite suite, CertifiedKey key, NamedGroup group, SignatureScheme scheme,
                   boolean extendedMasterSecret, boolean encryptThenMac, String alpn, String serverName,
                   byte[] sessionId, boolean sessionTicket, Session resumedFrom) {

    boolean resumed() {
        return resumedFrom != null;
    }


    Negotiated event() {
        return new Negotiated(suite, group, scheme, extendedMasterSecret, encryptThenMac, alpn, serverName, resumed());
    }
}
