package dev.jtls.crypto;

import java.nio.ByteBuffer;

/**
 * An AEAD cipher under one key, working in place on the caller's buffer. One instance is made per
 * key and reused for every record; neither method allocates per call beyond what the backend's
 * engine does internally. Not thread-safe.
 */
public interface Aead {
    AeadAlgorithm algorithm();

    /**
     * Encrypts in place. On entry the plaintext is {@code buf[position, limit)}; on return
     * {@code buf[position, limit)} holds the ciphertext followed by the 16-byte tag (the limit has
     * moved up by 16; the caller guarantees the capacity). The position is unchanged.
     *
     * @param nonce 12 bytes, never reused under this key
     * @param aad   additional authenticated data
     * @return the length of ciphertext plus tag
     */
    int seal(byte[] nonce, byte[] aad, ByteBuffer buf);

    /**
     * Decrypts and authenticates in place. On entry {@code buf[position, limit)} is ciphertext
     * followed by the tag. On success returns true and {@code buf[position, limit)} is the plaintext
     * (the limit has moved down by 16). On a bad tag or a too-short input returns false; the
     * buffer's contents are then unspecified and must be discarded. Never throws for bad input.
     */
    boolean open(byte[] nonce, byte[] aad, ByteBuffer buf);
}
