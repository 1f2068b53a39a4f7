package dev.jtls.crypto.bc;

import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import java.security.InvalidKeyException;
import java.security.SecureRandom;

/** ECDHE key shares from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcKeyShares {
    private BcKeyShares() {
    }

    static KeyShare generate(NamedGroup group, SecureRandom random) {
        throw new UnsupportedOperationException("stub");
    }

    static KeyShare fromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        throw new UnsupportedOperationException("stub");
    }
}
