package dev.jtls.crypto.jca;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** AEAD and CBC ciphers from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaCiphers implements Backend.Ciphers {
    static final JcaCiphers INSTANCE = new JcaCiphers();

    private JcaCiphers() {
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        if (key == null || key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key");
        }
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        String transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        SecretKeySpec spec = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        return new JcaAead(algorithm, cipher(transformation), spec);
    }

    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        if (key == null || key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key");
        }
        return new JcaCbc(algorithm, cipher("AES/CBC/NoPadding"), cipher("AES/CBC/NoPadding"),
                new SecretKeySpec(key, "AES"));
    }

    /**
     * A new Cipher from the provider that the JDK's provider list gives for the transformation,
     * found once per transformation: {@code Cipher.getInstance(transformation)} walks every
     * installed provider (and parses the transformation against each) on each call, which JFR
     * showed as 10% of a resumed handshake (four Ciphers per connection pair).
     */
    private static Cipher cipher(String transformation) {
        try {
            Provider provider = PROVIDERS.get(transformation);
            if (provider == null) {
                Cipher c = Cipher.getInstance(transformation);
                PROVIDERS.putIfAbsent(transformation, c.getProvider());
                return c;
            }
            return Cipher.getInstance(transformation, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    /** Transformation → the provider Cipher.getInstance chose for it the first time. */
    private static final java.util.concurrent.ConcurrentMap<String, Provider> PROVIDERS =
            new java.util.concurrent.ConcurrentHashMap<>();
}
