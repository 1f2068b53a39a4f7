package dev.jtls.crypto;

/** The AEAD ciphers of TLS 1.2: AES-GCM (RFC 5288) and ChaCha20-Poly1305 (RFC 7905, RFC 8439). */
public enum AeadAlgorithm {
    AES_128_GCM(16),
    AES_256_GCM(32),
    CHACHA20_POLY1305(32);

    /** All three use a 96-bit nonce and a 128-bit tag. */
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final int keyLength;

    AeadAlgorithm(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }
}
