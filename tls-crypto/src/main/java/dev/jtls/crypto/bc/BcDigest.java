package dev.jtls.crypto.bc;

import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.util.Memoable;

/** An incremental hash over a Bouncy Castle digest; {@link #copy()} forks it through {@link Memoable}. */
final class BcDigest implements Digest {
    private final HashAlgorithm algorithm;
    private final ExtendedDigest digest;

    BcDigest(HashAlgorithm algorithm, ExtendedDigest digest) {
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
        // SHA1Digest, SHA256Digest, SHA384Digest and SHA512Digest are all Memoable: copy() clones
        // the running state (buffered partial block and byte count included).
        return new BcDigest(algorithm, (ExtendedDigest) ((Memoable) digest).copy());
    }

    @Override
    public byte[] digest() {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0); // doFinal also resets
        return out;
    }

    @Override
    public void reset() {
        digest.reset();
    }
}
