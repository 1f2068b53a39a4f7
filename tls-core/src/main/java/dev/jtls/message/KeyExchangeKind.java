package dev.jtls.message;

/**
 * The negotiated key exchange, as far as message parsing needs it: the ClientKeyExchange body
 * depends on it (RFC 5246 §7.4.7). Mirrors {@code dev.jtls.suite.CipherSuite.KeyExchange},
 * which this package cannot import (handshake depends on message, not the reverse).
 */
public enum KeyExchangeKind {
    /** RFC 5246 §7.4.7.1: EncryptedPreMasterSecret. */
    RSA,
    /** RFC 8422 §5.7: ClientECDiffieHellmanPublic. */
    ECDHE
}
