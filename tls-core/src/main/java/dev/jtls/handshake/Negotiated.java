package dev.jtls.handshake;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;

/**
 * What the handshake settled on, reported once the keys are known.
 *
 * @param group      the ECDHE group; null for RSA key exchange and for a resumed session
 * @param scheme     the scheme that signed ServerKeyExchange; null for RSA key exchange and resumption
 * @param alpn       the application protocol, or null
 * @param serverName the SNI host name the session is for, or null
 */
public record Negotiated(CipherSuite suite, NamedGroup group, SignatureScheme scheme, boolean extendedMasterSecret,
                         boolean encryptThenMac, String alpn, String serverName, boolean resumed)
        implements HandshakeEvent {
}
