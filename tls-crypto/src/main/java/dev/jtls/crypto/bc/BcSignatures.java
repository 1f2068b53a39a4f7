package dev.jtls.crypto.bc;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.NistCurve;
import dev.jtls.crypto.EcdsaSignatureDer;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Pkcs1DigestInfo;
import dev.jtls.crypto.SignatureKeys;
import dev.jtls.crypto.SignatureScheme;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signature schemes from Bouncy Castle's lightweight API (never its JCA provider). Keys arrive as
 * JCA keys; {@link SignatureKeys} decides which are usable (the same rules as the JCA backend),
 * then they are converted to BC parameters. ECDSA signatures are parsed by the shared strict
 * {@link EcdsaSignatureDer}; PKCS#1 v1.5 is checked by comparing the whole encoded block.
 */
final class BcSignatures implements Backend.Signatures {
    static final BcSignatures INSTANCE = new BcSignatures();

    private static final int ED25519_SIGNATURE_LENGTH = 64;

    /** BC's fast custom curve arithmetic, indexed by {@link NistCurve#ordinal()}. */
    private static final ECDomainParameters[] DOMAINS = new ECDomainParameters[NistCurve.values().length];

    static {
        for (NistCurve curve : NistCurve.values()) {
            DOMAINS[curve.ordinal()] = new ECDomainParameters(CustomNamedCurves.getByName(curve.standardName()));
        }
    }

    /**
     * The last private key converted, so a server signing with one key does not redo the
     * conversion (for Ed25519 that includes deriving the public key) on every handshake.
     */
    private static volatile CachedPrivate lastPrivate;

    private record CachedPrivate(PrivateKey key, SignatureScheme scheme, Object params) {
    }

    private BcSignatures() {
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
            throws InvalidKeyException {
        Object params = privateParameters(scheme, key);
        try {
            switch (scheme.kind()) {
                case RSA_PKCS1: {
                    RSADigestSigner signer = new RSADigestSigner(newDigest(scheme.hash()));
                    signer.init(true, new ParametersWithRandom((RSAKeyParameters) params, random));
                    signer.update(message, 0, message.length);
                    return signer.generateSignature();
                }
                case RSA_PSS: {
                    PSSSigner signer = newPssSigner(scheme.hash());
                    signer.init(true, new ParametersWithRandom((RSAKeyParameters) params, random));
                    signer.update(message, 0, message.length);
                    return signer.generateSignature();
                }
                case ECDSA: {
                    // SEC 1 §4.1.3 with k from the provider's SecureRandom (RandomDSAKCalculator).
                    ECDSASigner signer = new ECDSASigner();
                    signer.init(true, new ParametersWithRandom((ECPrivateKeyParameters) params, random));
                    BigInteger[] rs = signer.generateSignature(hash(scheme.hash(), message));
                    return EcdsaSignatureDer.encode(rs[0], rs[1]);
                }
                case EDDSA: {
                    // RFC 8032 §5.1.6: deterministic, no randomness.
                    Ed25519Signer signer = new Ed25519Signer();
                    signer.init(true, (Ed25519PrivateKeyParameters) params);
                    signer.update(message, 0, message.length);
                    return signer.generateSignature();
                }
                default:
                    throw new IllegalStateException("unknown kind " + scheme.kind());
            }
        } catch (CryptoException | RuntimeException e) {
            // The key passed every check above, so this is a failure of the key itself (e.g. an
            // inconsistent CRT key), not of the input.
            throw new InvalidKeyException("signing failed with " + scheme);
        }
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (scheme == null || message == null || signature == null) {
            return false;
        }
        try {
            switch (scheme.kind()) {
                case RSA_PKCS1:
                    return verifyPkcs1(scheme, key, message, signature);
                case RSA_PSS:
                    return verifyPss(scheme, key, message, signature);
                case ECDSA:
                    return verifyEcdsa(scheme, key, message, signature);
                case EDDSA:
                    return verifyEd25519(key, message, signature);
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            // verify never throws: whatever BC objects to is a bad signature or key.
            return false;
        }
    }

    /**
     * RFC 8017 §8.2.2: RSAVP1 on a signature of exactly k octets, then compare with the
     * EMSA-PKCS1-v1_5 encoding we compute ourselves. BC's RSADigestSigner also accepts a
     * DigestInfo without the NULL parameter, which RFC 8017 §9.2 note 1 does not allow.
     */
    private static boolean verifyPkcs1(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        RSAPublicKey rsa = SignatureKeys.rsaPublic(scheme, key);
        if (rsa == null) {
            return false;
        }
        int k = SignatureKeys.modulusLength(rsa);
        if (signature.length != k) {
            return false;
        }
        RSAEngine engine = new RSAEngine();
        // "Encryption" with the public key is RSAVP1: s^e mod n, padded to k octets; s >= n throws.
        engine.init(true, new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
        byte[] em = engine.processBlock(signature, 0, k);
        byte[] expected = Pkcs1DigestInfo.encode(scheme.hash(), hash(scheme.hash(), message), k);
        return MessageDigest.isEqual(em, expected);
    }

    /** RFC 8017 §8.1.2 with MGF1 of the same hash and a salt of the hash length (RFC 8446 §4.2.3). */
    private static boolean verifyPss(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        RSAPublicKey rsa = SignatureKeys.rsaPublic(scheme, key);
        // RFC 8017 §8.1.2 step 1: the signature is exactly k octets (BC would take a shorter one).
        if (rsa == null || signature.length != SignatureKeys.modulusLength(rsa)) {
            return false;
        }
        PSSSigner signer = newPssSigner(scheme.hash());
        signer.init(false, new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }

    private static boolean verifyEcdsa(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        ECPublicKey ec = SignatureKeys.ecPublic(scheme, key);
        if (ec == null) {
            return false;
        }
        NistCurve curve = SignatureKeys.curveOf(ec);
        EcdsaSignatureDer.Rs rs = EcdsaSignatureDer.decode(signature, curve.n());
        if (rs == null) {
            return false;
        }
        ECDomainParameters domain = DOMAINS[curve.ordinal()];
        // SignatureKeys checked the point is on the curve; ECPublicKeyParameters validates it again.
        ECPoint q = domain.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY());
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, new ECPublicKeyParameters(q, domain));
        return signer.verifySignature(hash(scheme.hash(), message), rs.r(), rs.s());
    }

    /**
     * RFC 8032 §5.1.7. Bouncy Castle's Ed25519 refuses S >= L and non-canonical encodings of A
     * and R; we check the length, since only exactly 64 octets are a signature.
     */
    private static boolean verifyEd25519(PublicKey key, byte[] message, byte[] signature) {
        byte[] publicKey = SignatureKeys.ed25519Public(key);
        if (publicKey == null || signature.length != ED25519_SIGNATURE_LENGTH) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    private static Object privateParameters(SignatureScheme scheme, PrivateKey key) throws InvalidKeyException {
        CachedPrivate cached = lastPrivate;
        if (cached != null && cached.key() == key && cached.scheme() == scheme && !key.isDestroyed()) {
            return cached.params();
        }
        Object params = convertPrivate(scheme, key);
        lastPrivate = new CachedPrivate(key, scheme, params);
        return params;
    }

    private static Object convertPrivate(SignatureScheme scheme, PrivateKey key) throws InvalidKeyException {
        if (scheme == null) {
            throw new InvalidKeyException("no signature scheme");
        }
        switch (scheme.kind()) {
            case RSA_PKCS1:
            case RSA_PSS: {
                RSAPrivateKey rsa = SignatureKeys.rsaPrivate(scheme, key);
                if (rsa == null) {
                    throw new InvalidKeyException("not an rsaEncryption RSA private key large enough for " + scheme);
                }
                if (rsa instanceof RSAPrivateCrtKey) {
                    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa;
                    if (crt.getPublicExponent() != null && crt.getPrimeP() != null) {
                        return new RSAPrivateCrtKeyParameters(crt.getModulus(), crt.getPublicExponent(),
                                crt.getPrivateExponent(), crt.getPrimeP(), crt.getPrimeQ(), crt.getPrimeExponentP(),
                                crt.getPrimeExponentQ(), crt.getCrtCoefficient());
                    }
                }
                return new RSAKeyParameters(true, rsa.getModulus(), rsa.getPrivateExponent());
            }
            case ECDSA: {
                ECPrivateKey ec = SignatureKeys.ecPrivate(scheme, key);
                if (ec == null) {
                    throw new InvalidKeyException("not an EC private key on P-256, P-384 or P-521 for " + scheme);
                }
                return new ECPrivateKeyParameters(ec.getS(), DOMAINS[SignatureKeys.curveOf(ec).ordinal()]);
            }
            case EDDSA: {
                byte[] seed = SignatureKeys.ed25519Private(key);
                if (seed == null) {
                    throw new InvalidKeyException("not an Ed25519 private key");
                }
                return new Ed25519PrivateKeyParameters(seed, 0);
            }
            default:
                throw new InvalidKeyException("unknown scheme " + scheme);
        }
    }

    private static PSSSigner newPssSigner(HashAlgorithm hash) {
        // RFC 8446 §4.2.3: MGF1 with the same hash, salt length = hash length, trailer 0xBC.
        return new PSSSigner(new RSABlindedEngine(), newDigest(hash), newDigest(hash), hash.outputLength(),
                PSSSigner.TRAILER_IMPLICIT);
    }

    private static byte[] hash(HashAlgorithm algorithm, byte[] message) {
        Digest digest = newDigest(algorithm);
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static Digest newDigest(HashAlgorithm algorithm) {
        switch (algorithm) {
            case SHA256:
                return new SHA256Digest();
            case SHA384:
                return new SHA384Digest();
            case SHA512:
                return new SHA512Digest();
            default:
                throw new IllegalArgumentException("no signature scheme uses " + algorithm);
        }
    }
}
