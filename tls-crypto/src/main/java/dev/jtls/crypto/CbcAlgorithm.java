package dev.jtls.crypto;

/** AES in CBC mode, for the CBC cipher suites (RFC 5246 §6.2.3.2). */
public enum CbcAlgorithm {
    AES_128_CBC(16),
    AES_256_CBC(32);

    public static final int BLOCK_LENGTH = 16;

    private final int keyLength;

    CbcAlgorithm(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }
}
