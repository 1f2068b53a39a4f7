package dev.jtls.crypto.bc;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.BadPaddingException;

/** Primitives from Bouncy Castle's lightweight API (never its JCA provider). */
public final class BcCryptoProvider implements CryptoProvider {
    private final SecureRandom random;
    private final BcRsa rsa;

    public BcCryptoProvider(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        this.rsa = new BcRsa(random);
    }

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        return BcHashes.newDigest(algorithm);
    }

    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        return BcHashes.newHmac(algorithm, key);
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return BcCiphers.newAead(algorithm, key);
    }

    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        return BcCiphers.newCbc(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return BcKeyShares.generate(group, random);
    }

    @Override
    public KeyShare keyShareFromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        return BcKeyShares.fromPrivateKey(group, privateKey);
    }

    @Override
    public byte[] rsaEncryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        return rsa.encryptPkcs1(key, message);
    }

    @Override
    public byte[] rsaDecryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        return rsa.decryptPkcs1(key, ciphertext);
    }

    @Override
    public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        return rsa.decryptPremaster(key, encryptedPremaster, clientVersion);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws InvalidKeyException {
        return BcSignatures.sign(scheme, key, message, random);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return BcSignatures.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return random;
    }
}
