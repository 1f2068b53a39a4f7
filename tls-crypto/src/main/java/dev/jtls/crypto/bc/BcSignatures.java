package dev.jtls.crypto.bc;

import dev.jtls.crypto.SignatureScheme;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/** Signature schemes from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcSignatures {
    private BcSignatures() {
    }

    static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
            throws InvalidKeyException {
        throw new UnsupportedOperationException("stub");
    }

    static boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        throw new UnsupportedOperationException("stub");
    }
}
