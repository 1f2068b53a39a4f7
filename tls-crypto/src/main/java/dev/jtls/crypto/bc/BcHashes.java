package dev.jtls.crypto.bc;

import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;

/** Hashes and HMAC from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcHashes {
    private BcHashes() {
    }

    static Digest newDigest(HashAlgorithm algorithm) {
        throw new UnsupportedOperationException("stub");
    }

    static Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        throw new UnsupportedOperationException("stub");
    }
}
