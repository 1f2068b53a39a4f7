package dev.jtls.crypto.jca;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;

/** AEAD and CBC ciphers from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaCiphers {
    private JcaCiphers() {
    }

    static Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        throw new UnsupportedOperationException("stub");
    }

    static CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        throw new UnsupportedOperationException("stub");
    }
}
