package dev.jtls.crypto;

/**
 * An incremental hash. {@link #copy()} forks the running state, which is how the handshake
 * transcript produces a hash "so far" (for Finished, CertificateVerify, the EMS session hash)
 * while it keeps running.
 */
public interface Digest {
    HashAlgorithm algorithm();

    void update(byte[] input, int offset, int length);

    default void update(byte[] input) {
        update(input, 0, input.length);
    }

    /** An independent copy of the running state; updating one does not affect the other. */
    Digest copy();

    /** Completes the hash, returns it and resets this digest to its initial state. */
    byte[] digest();

    void reset();
}
