package dev.jtls.crypto.bc;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** Hashes and HMAC from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcHashes implements Backend.Hashes {
    static final BcHashes INSTANCE = new BcHashes();

    private BcHashes() {
    }

    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        return new BcDigest(algorithm, engine(algorithm));
    }

    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        return new BcHmac(algorithm, engine(algorithm), key);
    }

    /** A fresh Bouncy Castle digest; each of these is Memoable, which {@link BcDigest#copy()} relies on. */
    static ExtendedDigest engine(HashAlgorithm algorithm) {
        switch (algorithm) {
            case SHA1:
                return new SHA1Digest();
            case SHA256:
                return new SHA256Digest();
            case SHA384:
                return new SHA384Digest();
            case SHA512:
                return new SHA512Digest();
            default:
                throw new IllegalArgumentException("unsupported hash " + algorithm);
        }
    }
}
