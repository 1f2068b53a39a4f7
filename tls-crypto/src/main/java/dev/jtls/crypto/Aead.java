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

    /**
     * Encrypts {@code src[position, limit)} into {@code dst} at its position: ciphertext, then the
     * 16-byte tag. On return {@code src}'s position is its limit and {@code dst}'s has moved past
     * the tag. The buffers must not overlap (for in place, use {@link #seal(byte[], byte[], ByteBuffer)});
     * {@code dst} must have room for the plaintext plus 16 bytes. A backend that encrypts from one
     * buffer into another in one pass overrides this; the default copies and seals in place.
     *
     * @return the length of ciphertext plus tag
     */
    default int seal(byte[] nonce, byte[] aad, ByteBuffer src, ByteBuffer dst) {
        int start = dst.position();
        int limit = dst.limit();
        int length = src.remaining();
        if (limit - start < length + AeadAlgorithm.TAG_LENGTH) {
            throw new IllegalArgumentException("no room for " + length + " bytes and the tag");
        }
        dst.put(src);
        dst.limit(start + length).position(start);
        int written = seal(nonce, aad, dst);
        dst.limit(limit).position(start + written);
        return written;
    }

    /**
     * Decrypts and authenticates {@code src[position, limit)} (ciphertext, then the tag) into
     * {@code dst} at its position. On success returns true, {@code src}'s position is its limit
     * and {@code dst}'s has moved past the plaintext. On a bad tag or a too-short input returns
     * false and both positions are as they were; {@code dst} past its position is unspecified.
     * {@code src}'s bytes may be overwritten either way. The buffers must not overlap;
     * {@code dst} must have room for the plaintext (the input less 16 bytes). Never throws for
     * bad input. The default opens in place in {@code src} and copies.
     */
    default boolean open(byte[] nonce, byte[] aad, ByteBuffer src, ByteBuffer dst) {
        int start = src.position();
        int limit = src.limit();
        if (limit - start >= AeadAlgorithm.TAG_LENGTH && dst.remaining() < limit - start - AeadAlgorithm.TAG_LENGTH) {
            throw new IllegalArgumentException("no room for the plaintext");
        }
        if (!open(nonce, aad, src)) {
            src.limit(limit).position(start);
            return false;
        }
        dst.put(src);
        src.limit(limit).position(limit);
        return true;
    }
}
