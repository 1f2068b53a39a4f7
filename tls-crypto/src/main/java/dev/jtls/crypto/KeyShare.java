package dev.jtls.crypto;

import java.security.InvalidKeyException;

/** One side's ephemeral ECDHE key pair. */
public interface KeyShare {
    NamedGroup group();

    /** Our public key in its TLS wire encoding (see {@link NamedGroup#publicKeyLength()}). */
    byte[] publicKey();

    /**
     * Validates the peer's public key (length, encoding, on the curve, not the identity; for
     * x25519/x448 the all-zero shared secret is refused) and returns the shared secret: the
     * x-coordinate, left-padded to the field length, for the NIST curves (RFC 8422 §5.10), the
     * RFC 7748 output for x25519/x448.
     *
     * @throws InvalidKeyException if the peer's key is not acceptable; nothing else is thrown
     */
    byte[] agree(byte[] peerPublicKey) throws InvalidKeyException;
}
