package dev.jtls.crypto;

import java.nio.ByteBuffer;

/**
 * Raw AES-CBC without padding under one key, in place. Padding and MAC are the record layer's
 * business (it must check them in constant time). Reused for every record; not thread-safe.
 */
public interface CbcCipher {
    CbcAlgorithm algorithm();

    /**
     * Encrypts {@code buf[position, limit)} in place; its length must be a multiple of 16.
     * Position and limit are unchanged.
     */
    void encrypt(byte[] iv, ByteBuffer buf);

    /** Decrypts {@code buf[position, limit)} in place; its length must be a multiple of 16. */
    void decrypt(byte[] iv, ByteBuffer buf);
}
