package dev.jtls.crypto.jca;

import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import java.security.InvalidKeyException;
import java.security.SecureRandom;

/** ECDHE key shares from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaKeyShares {
    private JcaKeyShares() {
    }

    static KeyShare generate(NamedGroup group, SecureRandom random) {
        throw new UnsupportedOperationException("stub");
    }

    static KeyShare fromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        throw new UnsupportedOperationException("stub");
    }
}
