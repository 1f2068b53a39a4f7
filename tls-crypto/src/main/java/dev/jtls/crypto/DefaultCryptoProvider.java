package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/**
 * Per primitive, the faster of the two backends. Each choice below names the benchmark figure
 * that justifies it: medians in ops/s from one JMH run with both backends side by side on JDK 17
 * (benchmarks/RESULTS.md, `bash benchmarks/run.sh -wi 2 -w 1s -i 3 -r 1s`, 2026-11-23). JCA wins
 * wherever the JDK has CPU intrinsics (SHA, AES, GHASH); Bouncy Castle wins the elliptic-curve
 * work, where its fixed-base combs and specialised field arithmetic beat SunEC and XDH.
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

    /** SHA-256 of 16 KiB: jca 110,000 vs bc 14,100; SHA-384: jca 37,300 vs bc 20,700. */
    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        return jca.newDigest(algorithm);
    }

    /** HMAC of 16 KiB: SHA-1 jca 121,000 vs bc 19,600; SHA-256 111,000 vs 13,100; SHA-384 39,500 vs 19,200. */
    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        return jca.newHmac(algorithm, key);
    }

    /**
     * 16 KiB seal+open: AES-128-GCM jca 186,000 vs bc 3,790; AES-256-GCM 189,000 vs 1,980;
     * ChaCha20-Poly1305 jca 9,040 vs bc 3,810.
     */
    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return jca.newAead(algorithm, key);
    }

    /** 16 KiB AES-128-CBC: decrypt jca 324,000 vs bc 12,600; encrypt 85,100 vs 12,500. */
    @Override
    public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
        return jca.newCbc(algorithm, key);
    }

    /**
     * keygen + agree: x25519 bc 10,100 vs jca 3,680; secp256r1 3,610 vs 764; secp384r1 939 vs
     * 348; x448 2,690 vs 1,100; secp521r1 683 vs 172.
     */
    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return bc.generateKeyShare(group);
    }

    @Override
    public KeyShare keyShareFromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        return bc.keyShareFromPrivateKey(group, privateKey);
    }

    /** RSA-2048 public operation: bc 30,200 vs jca 25,700; RSA-3072 15,400 vs 10,400. */
    @Override
    public byte[] rsaEncryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        return bc.rsaEncryptPkcs1(key, message);
    }

    @Override
    public byte[] rsaDecryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        return jca.rsaDecryptPkcs1(key, ciphertext);
    }

    /** RSA-2048 premaster decryption: jca 1,110 vs bc 1,070; RSA-3072 410 vs 311. */
    @Override
    public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        return jca.decryptPremaster(key, encryptedPremaster, clientVersion);
    }

    /**
     * RSA private-key signatures: jca 989 vs bc 887 (PKCS#1), 1,180 vs 1,070 (PSS); ECDSA P-256
     * bc 13,700 vs jca 2,100, P-384 4,970 vs 947; Ed25519 bc 19,600 vs jca 1,800.
     */
    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws InvalidKeyException {
        return scheme == null || scheme.kind() == SignatureScheme.Kind.RSA_PKCS1
                || scheme.kind() == SignatureScheme.Kind.RSA_PSS
                ? jca.sign(scheme, key, message) : bc.sign(scheme, key, message);
    }

    /**
     * Verification: RSA PKCS#1 jca 32,300 vs bc 31,800 (a tie: jca); RSA-PSS bc 29,400 vs jca
     * 7,480; ECDSA P-256 bc 6,350 vs jca 395, P-384 1,970 vs 483; Ed25519 bc 13,700 vs jca 1,550.
     */
    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return scheme == null || scheme.kind() == SignatureScheme.Kind.RSA_PKCS1
                ? jca.verify(scheme, key, message, signature) : bc.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return jca.random();
    }
}
