package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/**
 * Per primitive, the faster of the two backends, as {@link DefaultChoice} lists them with the
 * benchmark figures that justify each choice.
 */
final class DefaultCryptoProvider implements CryptoProvider {
    private final CryptoProvider bc;
    private final CryptoProvider jca;

    DefaultCryptoProvider(CryptoProvider bc, CryptoProvider jca) {
        this.bc = bc;
        this.jca = jca;
    }

    private CryptoProvider by(DefaultChoice choice) {
        return choice.pick(bc, jca);
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        return by(DefaultChoice.DIGEST).newDigest(algorithm);
    }

    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        return by(DefaultChoice.HMAC).newHmac(algorithm, key);
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return by(DefaultChoice.AEAD).newAead(algorithm, key);
    }

    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        return by(DefaultChoice.CBC).newCbc(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return by(DefaultChoice.ECDHE).generateKeyShare(group);
    }

    @Override
    public KeyShare keyShareFromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        return by(DefaultChoice.ECDHE).keyShareFromPrivateKey(group, privateKey);
    }

    @Override
    public byte[] rsaEncryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        return by(DefaultChoice.RSA_ENCRYPT).rsaEncryptPkcs1(key, message);
    }

    @Override
    public byte[] rsaDecryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        return by(DefaultChoice.RSA_DECRYPT).rsaDecryptPkcs1(key, ciphertext);
    }

    @Override
    public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        return by(DefaultChoice.RSA_DECRYPT).decryptPremaster(key, encryptedPremaster, clientVersion);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws InvalidKeyException {
        return by(DefaultChoice.forSignature(scheme, true)).sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return by(DefaultChoice.forSignature(scheme, false)).verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return jca.random();
    }
}
