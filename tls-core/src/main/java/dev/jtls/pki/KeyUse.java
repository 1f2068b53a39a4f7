package dev.jtls.pki;

/**
 * What the handshake will do with the leaf's public key, so that the validator can check the
 * keyUsage extension against it (RFC 5246 §7.4.2: the key "MUST be compatible with the selected key
 * exchange algorithm"; RFC 5280 §4.2.1.3 names the bits).
 */
public enum KeyUse {
    /** ECDHE suites and CertificateVerify: the key signs (digitalSignature). */
    DIGITAL_SIGNATURE,
    /** RSA key exchange: the client encrypts the premaster secret to the key (keyEncipherment). */
    KEY_ENCIPHERMENT
}
