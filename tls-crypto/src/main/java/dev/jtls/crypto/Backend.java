package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.BadPaddingException;

/**
 * A {@link CryptoProvider} made of one library's parts: its hashes, ciphers, key shares, RSA and
 * signatures, with one {@link SecureRandom} for all of them. The Bouncy Castle and JCA backends
 * are two sets of parts ({@link CryptoProviders#bouncyCastle}, {@link CryptoProviders#jca}); this
 * class is the one place that hands each request to its part and the random to the parts that
 * need one.
 */
public final class Backend implements CryptoProvider {
    /** SHA-1/256/384/512 and HMAC. */
    public interface Hashes {
        Digest newDigest(HashAlgorithm algorithm);

        Hmac newHmac(HashAlgorithm algorithm, byte[] key);
    }

    /** AEAD and CBC ciphers; each throws IllegalArgumentException for a key of the wrong length. */
    public interface Ciphers {
        Aead newAead(AeadAlgorithm algorithm, byte[] key);

        CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key);
    }

    /** ECDHE key shares. */
    public interface KeyShares {
        KeyShare generate(NamedGroup group, SecureRandom random);

        KeyShare fromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException;
    }

    /** RSA encryption as {@link CryptoProvider} describes it (made with the backend's random). */
    public interface Rsa {
        byte[] encryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException;

        byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException;

        byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion);
    }

    /** Signing and verification as {@link CryptoProvider} describes them. */
    public interface Signatures {
        byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
                throws InvalidKeyException;

        boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature);
    }

    private final String name;
    private final SecureRandom random;
    private final Hashes hashes;
    private final Ciphers ciphers;
    private final KeyShares keyShares;
    private final Rsa rsa;
    private final Signatures signatures;

    public Backend(String name, SecureRandom random, Hashes hashes, Ciphers ciphers, KeyShares keyShares, Rsa rsa,
                   Signatures signatures) {
        this.name = Objects.requireNonNull(name, "name");
        this.random = Objects.requireNonNull(random, "random");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.ciphers = Objects.requireNonNull(ciphers, "ciphers");
        this.keyShares = Objects.requireNonNull(keyShares, "keyShares");
        this.rsa = Objects.requireNonNull(rsa, "rsa");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
    }

    Hashes hashes() {
        return hashes;
    }

    Ciphers ciphers() {
        return ciphers;
    }

    KeyShares keyShares() {
        return keyShares;
    }

    Rsa rsa() {
        return rsa;
    }

    Signatures signatures() {
        return signatures;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        return hashes.newDigest(algorithm);
    }

    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        return hashes.newHmac(algorithm, key);
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return ciphers.newAead(algorithm, key);
    }

    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        return ciphers.newCbc(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return keyShares.generate(group, random);
    }

    @Override
    public KeyShare keyShareFromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        return keyShares.fromPrivateKey(group, privateKey);
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
        return signatures.sign(scheme, key, message, random);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return signatures.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return random;
    }
}
