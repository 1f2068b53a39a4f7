package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/**
 * Every primitive the TLS 1.2 protocol needs, asked for by its TLS name. Implementations:
 * {@link CryptoProviders#bouncyCastle()} (Bouncy Castle's lightweight API),
 * {@link CryptoProviders#jca()} (the JDK's SunJCE/SunEC/SunRsaSign) and
 * {@link CryptoProviders#defaults()} (per primitive, the faster of the two).
 *
 * <p>Keys that cross this interface for certificates are JCA {@link PublicKey}/{@link PrivateKey},
 * because that is what KeyStores, KeyManagers and certificates hand out. Ephemeral ECDHE keys are
 * {@link KeyShare}s with their TLS wire encoding. Providers are thread-safe; the objects they make
 * ({@link Digest}, {@link Hmac}, {@link Aead}, {@link CbcCipher}, {@link KeyShare}) are not.
 */
public interface CryptoProvider {
    /** A short name for logs and benchmark tables, e.g. "bc", "jca", "default". */
    String name();

    Digest newDigest(HashAlgorithm algorithm);

    Hmac newHmac(HashAlgorithm algorithm, byte[] key);

    /** @throws IllegalArgumentException if the key length does not fit the algorithm */
    Aead newAead(AeadAlgorithm algorithm, byte[] key);

    /** @throws IllegalArgumentException if the key length does not fit the algorithm */
    CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key);

    /** A fresh ephemeral key pair from {@link #random()}. */
    KeyShare generateKeyShare(NamedGroup group);

    /**
     * A key share with a given private key: the big-endian scalar for the NIST curves, the RFC
     * 7748 scalar bytes for x25519/x448. For known-answer tests and replayed transcripts.
     */
    KeyShare keyShareFromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException;

    /** RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1), as a TLS client encrypts the premaster. */
    byte[] rsaEncryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException;

    /**
     * Plain RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2). Not for TLS: it tells a bad padding
     * apart, which is exactly the oracle TLS must not offer; use {@link #decryptPremaster}.
     */
    byte[] rsaDecryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException;

    /**
     * Decrypts an RSA-encrypted premaster secret with implicit rejection (RFC 5246 §7.4.7.1).
     * Whatever the ciphertext (bad padding, wrong length, wrong version bytes), returns 48 bytes:
     * the real premaster when everything is right, otherwise a random-looking value derived
     * deterministically from the ciphertext and a secret of the key. No exception, no early
     * return, and no branch on secret data.
     *
     * @param clientVersion the ClientHello.client_version (0x0303), which the premaster's first two
     *                      bytes must carry
     */
    byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion);

    /** Signs a message (not a hash) with the scheme; randomness for PSS/ECDSA comes from {@link #random()}. */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws InvalidKeyException;

    /**
     * Verifies a signature over a message. Returns false for anything wrong — a malformed or
     * non-canonical encoding, out-of-range values, a key of the wrong type — and never throws.
     */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature);

    /** The provider's source of randomness. */
    SecureRandom random();

    /** The TLS 1.2 PRF (RFC 5246 §5) with this provider's HMAC. */
    default byte[] prf(HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        return Prf.compute(this, hash, secret, label, seed, length);
    }
}
