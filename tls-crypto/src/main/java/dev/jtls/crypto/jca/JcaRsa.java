package dev.jtls.crypto.jca;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/** RSA encryption and premaster decryption from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaRsa {
    private final SecureRandom random;

    JcaRsa(SecureRandom random) {
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
