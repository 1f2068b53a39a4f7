package dev.jtls.crypto.bc;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/** RSA encryption and premaster decryption from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcRsa {
    private final SecureRandom random;

    BcRsa(SecureRandom random) {
        this.random = random;
    }

    byte[] encryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        throw new UnsupportedOperationException("stub");
    }

    byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        throw new UnsupportedOperationException("stub");
    }

    byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        throw new UnsupportedOperationException("stub");
    }
}
