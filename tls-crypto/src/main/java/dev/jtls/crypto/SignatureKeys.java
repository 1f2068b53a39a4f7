package dev.jtls.crypto;

import java.math.BigInteger;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * The key checks every backend applies before it signs or verifies, so that both accept exactly
 * the same keys for each {@link SignatureScheme}. Each check answers null (not usable) instead of
 * throwing; callers turn that into {@code false} (verify) or an InvalidKeyException (sign).
 */
public final class SignatureKeys {
    /** RFC 8410 §4: SubjectPublicKeyInfo of an Ed25519 key is this 12-byte prefix and the 32-byte key. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private SignatureKeys() {
    }

    /**
     * An RSA public key usable with an RSA scheme, or null. RFC 8446 §4.2.3: rsa_pss_rsae_* and
     * rsa_pkcs1_* use an rsaEncryption key; a key restricted to RSASSA-PSS (id-RSASSA-PSS, JCA
     * algorithm "RSASSA-PSS" or with PSS parameters) is refused. The modulus must be large enough
     * for the encoding (RFC 8017 §9.1.1 step 3, §9.2 step 3).
     */
    public static RSAPublicKey rsaPublic(SignatureScheme scheme, PublicKey key) {
        if (!(key instanceof RSAPublicKey) || !isRsaEncryption(key)) {
            return null;
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        BigInteger n = rsa.getModulus();
        BigInteger e = rsa.getPublicExponent();
        if (n == null || e == null || n.signum() <= 0 || !n.testBit(0) || e.compareTo(BigInteger.ONE) <= 0 || !e.testBit(0)
                || !fitsEncoding(scheme, n)) {
            return null;
        }
        return rsa;
    }

    /** An RSA private key usable with an RSA scheme (see {@link #rsaPublic}), or null. */
    public static RSAPrivateKey rsaPrivate(SignatureScheme scheme, PrivateKey key) {
        if (!(key instanceof RSAPrivateKey) || !isRsaEncryption(key)) {
            return null;
        }
        RSAPrivateKey rsa = (RSAPrivateKey) key;
        BigInteger n = rsa.getModulus();
        if (n == null || n.signum() <= 0 || !n.testBit(0) || !fitsEncoding(scheme, n)) {
            return null;
        }
        return rsa;
    }

    /** The modulus length in bytes, k in RFC 8017. */
    public static int modulusLength(RSAKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }

    private static boolean isRsaEncryption(Key key) {
        return "RSA".equals(key.getAlgorithm()) && ((RSAKey) key).getParams() == null;
    }

    private static boolean fitsEncoding(SignatureScheme scheme, BigInteger n) {
        int hLen = scheme.hash().outputLength();
        int modBits = n.bitLength();
        if (scheme.kind() == SignatureScheme.Kind.RSA_PSS) {
            // RFC 8017 §9.1.1 step 3: emLen >= hLen + sLen + 2, with emLen = ceil((modBits - 1) / 8), sLen = hLen.
            int emLen = (modBits - 1 + 7) / 8;
            return emLen >= 2 * hLen + 2;
        }
        // RFC 8017 §9.2 step 3: k >= tLen + 11.
        return (modBits + 7) / 8 >= Pkcs1DigestInfo.prefix(scheme.hash()).length + hLen + 11;
    }

    /**
     * An EC public key for an ECDSA scheme, on any of the three NIST curves, with a valid point, or
     * null. RFC 5246 §7.4.1.4.1 / RFC 8422 §6: in TLS 1.2 an ECDSA scheme names the hash only, so a
     * P-256 key may sign with SHA-384 (tlsfuzzer test-ecdsa-sig-flexibility.py); keys on other
     * curves are refused.
     */
    public static ECPublicKey ecPublic(SignatureScheme scheme, PublicKey key) {
        if (scheme.kind() != SignatureScheme.Kind.ECDSA || !(key instanceof ECPublicKey)) {
            return null;
        }
        NistCurve curve = NistCurve.of(((ECKey) key).getParams());
        if (curve == null) {
            return null;
        }
        ECPublicKey ec = (ECPublicKey) key;
        return curve.isValidPoint(ec.getW()) ? ec : null;
    }

    /** An EC private key for an ECDSA scheme, on any of the three NIST curves, with a scalar in [1, n-1], or null. */
    public static ECPrivateKey ecPrivate(SignatureScheme scheme, PrivateKey key) {
        if (scheme.kind() != SignatureScheme.Kind.ECDSA || !(key instanceof ECPrivateKey)) {
            return null;
        }
        NistCurve curve = NistCurve.of(((ECKey) key).getParams());
        if (curve == null) {
            return null;
        }
        ECPrivateKey ec = (ECPrivateKey) key;
        BigInteger d = ec.getS();
        if (d == null || d.signum() <= 0 || d.compareTo(curve.n()) >= 0) {
            return null;
        }
        return ec;
    }

    /** The curve of a key that {@link #ecPublic} or {@link #ecPrivate} accepted. */
    public static NistCurve curveOf(ECKey key) {
        return NistCurve.of(key.getParams());
    }

    /** The raw 32-byte Ed25519 public key A (RFC 8032 §5.1.5), or null if the key is not Ed25519. */
    public static byte[] ed25519Public(PublicKey key) {
        if (!(key instanceof EdECPublicKey) || !isEd25519(((EdECPublicKey) key).getParams())) {
            return null;
        }
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            return null;
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /** The 32-byte Ed25519 private key (the seed of RFC 8032 §5.1.5), or null. */
    public static byte[] ed25519Private(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey) || !isEd25519(((EdECPrivateKey) key).getParams())) {
            return null;
        }
        byte[] seed = ((EdECPrivateKey) key).getBytes().orElse(null);
        return seed != null && seed.length == 32 ? seed : null;
    }

    private static boolean isEd25519(NamedParameterSpec params) {
        return params != null && "Ed25519".equalsIgnoreCase(params.getName());
    }
}
