package dev.jtls.crypto.jca;

import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;

/** Hashes and HMAC from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaHashes {
    private JcaHashes() {
    }

    static Digest newDigest(HashAlgorithm algorithm) {
        throw new UnsupportedOperationException("stub");
    }

    static Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        throw new UnsupportedOperationException("stub");
    }
}
