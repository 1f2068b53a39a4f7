package dev.jtls.crypto.bc;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;

/** AEAD and CBC ciphers from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcCiphers implements Backend.Ciphers {
    static final BcCiphers INSTANCE = new BcCiphers();

    private BcCiphers() {
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        if (key == null || key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key");
        }
        AEADCipher engine;
        switch (algorithm) {
            case AES_128_GCM:
            case AES_256_GCM:
                engine = GCMBlockCipher.newInstance(AESEngine.newInstance());
                break;
            case CHACHA20_POLY1305:
                engine = new ChaCha20Poly1305();
                break;
            default:
                throw new IllegalArgumentException("unsupported AEAD " + algorithm);
        }
        return new BcAead(algorithm, engine, key);
    }

    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        if (key == null || key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key");
        }
        return new BcCbc(algorithm, key);
    }
}
