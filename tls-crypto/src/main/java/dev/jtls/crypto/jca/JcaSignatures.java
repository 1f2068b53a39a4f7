package dev.jtls.crypto.jca;

import dev.jtls.crypto.SignatureScheme;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/** Signature schemes from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaSignatures {
    private JcaSignatures() {
    }

    static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
            throws InvalidKeyException {
        throw new UnsupportedOperationException("stub");
    }

    static boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        throw new UnsupportedOperationException("stub");
    }
}
