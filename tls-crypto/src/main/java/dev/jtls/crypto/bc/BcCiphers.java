package dev.jtls.crypto.bc;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;

/** AEAD and CBC ciphers from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcCiphers {
    private BcCiphers() {
    }

    static Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        throw new UnsupportedOperationException("stub");
    }

    static CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        throw new UnsupportedOperationException("stub");
    }
}
