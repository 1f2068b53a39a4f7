package dev.jtls.crypto.jca;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.ImplicitRejection;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;

/** RSA encryption and premaster decryption from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaRsa implements Backend.Rsa {
    private static final String PKCS1 = "RSA/ECB/PKCS1Padding";
    private static final String RAW = "RSA/ECB/NoPadding";

    private final SecureRandom random;
    /** The last private key used for a premaster; a server normally has one RSA key. */
    private volatile PrivateState last;

    JcaRsa(SecureRandom random) {
        this.random = random;
    }

    @Override
    public byte[] encryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        if (!(key instanceof RSAPublicKey)) {
            throw new InvalidKeyException("not an RSA public key");
        }
        int k = ImplicitRejection.modulusLength(((RSAPublicKey) key).getModulus());
        if (message.length > k - 11) {
            // RFC 8017 §7.2.1 step 1: "message too long".
            throw new IllegalArgumentException("message too long for the RSA key");
        }
        Cipher cipher = cipher(PKCS1);
        cipher.init(Cipher.ENCRYPT_MODE, key, random);
        try {
            return cipher.doFinal(message);
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    @Override
    public byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        if (!(key instanceof RSAPrivateKey)) {
            throw new InvalidKeyException("not an RSA private key");
        }
        // RFC 8017 §7.2.2 step 1: a ciphertext of the wrong length is a decryption error (the
        // JDK would accept a shorter one).
        int k = ImplicitRejection.modulusLength(((RSAPrivateKey) key).getModulus());
        if (ciphertext.length != k) {
            throw new BadPaddingException("decryption error");
        }
        Cipher cipher = cipher(PKCS1);
        cipher.init(Cipher.DECRYPT_MODE, key, random);
        try {
            return cipher.doFinal(ciphertext);
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            // One message for every defect (RFC 8017 §7.2.2 note: do not tell them apart).
            throw new BadPaddingException("decryption error");
        }
    }

    @Override
    public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        PrivateState state = state(key);
        byte[] synthetic = ImplicitRejection.syntheticPremaster(state.derivationKey, encryptedPremaster, clientVersion);
        // Length and c < n are public facts, so branching on them leaks nothing.
        if (!ImplicitRejection.isCiphertextInRange(encryptedPremaster, state.modulusBytes)) {
            return synthetic;
        }
        byte[] em;
        try {
            // RFC 8017 §5.1.2 RSADP only (the JDK blinds it): m as a k-byte block. The padding
            // check is ours, in constant time.
            Cipher cipher = cipher(RAW);
            cipher.init(Cipher.DECRYPT_MODE, key, random);
            em = cipher.doFinal(encryptedPremaster);
        } catch (GeneralSecurityException e) {
            // Only for c >= n or a key the provider refuses; c was checked above (public).
            return synthetic;
        }
        if (em.length != state.modulusBytes.length) {
            // Not what NoPadding returns; a length is public, never the content.
            Arrays.fill(em, (byte) 0);
            return synthetic;
        }
        return ImplicitRejection.select(em, clientVersion, synthetic);
    }

    private PrivateState state(PrivateKey key) {
        PrivateState s = last;
        if (s != null && s.key == key) {
            return s;
        }
        if (!(key instanceof RSAPrivateKey)) {
            // The server's own key, not peer input: a configuration error.
            throw new IllegalArgumentException("not an RSA private key");
        }
        RSAPrivateKey rsa = (RSAPrivateKey) key;
        s = new PrivateState(rsa, ImplicitRejection.modulusBytes(rsa.getModulus()), ImplicitRejection.derivationKey(rsa));
        last = s;
        return s;
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException(transformation + " is not available", e);
        }
    }

    /** What a premaster decryption needs of a key, derived once. */
    private record PrivateState(RSAPrivateKey key, byte[] modulusBytes, byte[] derivationKey) {
    }
}
