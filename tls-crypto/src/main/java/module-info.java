/**
 * jtls cryptography: the primitives TLS 1.2 needs (hashes, HMAC, PRF, AEAD and CBC ciphers, RSA,
 * ECDSA, ECDHE/X25519 key shares) behind {@link dev.jtls.crypto.CryptoProvider}. The two back ends,
 * {@code dev.jtls.crypto.bc} (Bouncy Castle's lightweight API) and {@code dev.jtls.crypto.jca} (the
 * JDK's JCA), stay internal: callers pick one through {@link dev.jtls.crypto.CryptoProviders}.
 */
module dev.jtls.crypto {
    // Only used inside the module (no Bouncy Castle type appears in the exported API), so not transitive.
    requires org.bouncycastle.provider;

    exports dev.jtls.crypto;
}
