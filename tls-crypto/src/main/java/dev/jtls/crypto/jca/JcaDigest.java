package dev.jtls.crypto.jca;

import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import java.security.MessageDigest;

/** An incremental hash over a JCA MessageDigest; {@link #copy()} forks it with {@code clone()}. */
final class JcaDigest implements Digest {
    private final HashAlgorithm algorithm;
    private final MessageDigest digest;

    JcaDigest(HashAlgorithm algorithm, MessageDigest digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void update(byte[] input, int offset, int length) {
        digest.update(input, offset, length);
    }

    @Override
    public Digest copy() {
        try {
            // The SUN provider's SHA digests are Cloneable and clone the running state.
            return new JcaDigest(algorithm, (MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(algorithm.jcaName() + " digest cannot be forked", e);
        }
    }

    @Override
    public byte[] digest() {
        return digest.digest(); // also resets
    }

    @Override
    public void reset() {
        digest.reset();
    }
}
