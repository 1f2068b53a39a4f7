package dev.jtls.pki;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.SignatureScheme;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Verifies a signature given as an X.509 AlgorithmIdentifier (RFC 5280 §4.1.1.2; algorithms of RFC
 * 3279, RFC 4055, RFC 5758, RFC 8410) over DER-signed data: OCSP responses and the certificates of
 * delegated OCSP responders. The algorithms TLS also uses go through {@link CryptoProvider#verify}
 * with the matching {@link SignatureScheme} (in TLS 1.2 the ECDSA code points fix the hash, not
 * the curve, as an X.509 ecdsa-with-SHAx OID does). Two that no TLS 1.2 scheme expresses are
 * checked with the JDK's {@link Signature} instead: Ed448, and RSASSA-PSS with a salt length other
 * than the hash length. SHA-1 and MD5 signatures are refused: a collision-prone hash lets a forger
 * reuse a responder's signature.
 */
final class DerSignatures {
    private static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
    private static final String RSA_SHA384 = "1.2.840.113549.1.1.12";
    private static final String RSA_SHA512 = "1.2.840.113549.1.1.13";
    private static final String RSA_PSS = "1.2.840.113549.1.1.10";
    private static final String MGF1 = "1.2.840.113549.1.1.8";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String ECDSA_SHA384 = "1.2.840.10045.4.3.3";
    private static final String ECDSA_SHA512 = "1.2.840.10045.4.3.4";
    private static final String ED25519 = "1.3.101.112";
    private static final String ED448 = "1.3.101.113";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    private static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    private DerSignatures() {
    }

    /**
     * @param algorithm the AlgorithmIdentifier SEQUENCE
     * @return null if the signature verifies, otherwise why not (for a message)
     * @throws Der.Malformed if the AlgorithmIdentifier is not DER of the right shape
     */
    static String verify(Der.Element algorithm, PublicKey key, byte[] signed, byte[] signature, CryptoProvider crypto) {
        Der r = algorithm.reader();
        if (algorithm.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("an AlgorithmIdentifier is not a SEQUENCE");
        }
        String oid = r.readOid();
        Der.Element params = r.hasMore() ? r.read() : null;
        r.expectEnd();
        SignatureScheme scheme;
        switch (oid) {
            case RSA_SHA256:
            case RSA_SHA384:
            case RSA_SHA512:
                // RFC 4055 §5: the parameters are NULL (absent is tolerated, as by every verifier).
                if (params != null && (params.tag() != Der.NULL || params.length() != 0)) {
                    throw new Der.Malformed("RSA PKCS #1 v1.5 parameters are not NULL");
                }
                scheme = oid.equals(RSA_SHA256) ? SignatureScheme.RSA_PKCS1_SHA256
                        : oid.equals(RSA_SHA384) ? SignatureScheme.RSA_PKCS1_SHA384 : SignatureScheme.RSA_PKCS1_SHA512;
                break;
            case ECDSA_SHA256:
            case ECDSA_SHA384:
            case ECDSA_SHA512:
            case ED25519:
                // RFC 5758 §3.2, RFC 8410 §3: the parameters MUST be absent.
                if (params != null) {
                    throw new Der.Malformed("the " + oid + " AlgorithmIdentifier has parameters");
                }
                scheme = oid.equals(ECDSA_SHA256) ? SignatureScheme.ECDSA_SECP256R1_SHA256
                        : oid.equals(ECDSA_SHA384) ? SignatureScheme.ECDSA_SECP384R1_SHA384
                        : oid.equals(ECDSA_SHA512) ? SignatureScheme.ECDSA_SECP521R1_SHA512 : SignatureScheme.ED25519;
                break;
            case ED448:
                if (params != null) {
                    throw new Der.Malformed("the Ed448 AlgorithmIdentifier has parameters");
                }
                return jdkVerify("Ed448", null, key, signed, signature);
            case RSA_PSS:
                return verifyPss(params, key, signed, signature, crypto);
            default:
                return "the signature algorithm " + oid + " is not accepted (SHA-1, MD5 and DSA are refused)";
        }
        return crypto.verify(scheme, key, signed, signature) ? null : "the " + scheme + " signature does not verify";
    }

    /** RFC 4055 §3.1 RSASSA-PSS-params; hash and MGF1 hash must be the same SHA-2 function. */
    private static String verifyPss(Der.Element params, PublicKey key, byte[] signed, byte[] signature,
                                    CryptoProvider crypto) {
        if (params == null || params.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("RSASSA-PSS without its parameters");
        }
        Der p = params.reader();
        Der.Element hashField = p.readOptional(0xa0);
        Der.Element mgfField = p.readOptional(0xa1);
        Der.Element saltField = p.readOptional(0xa2);
        Der.Element trailerField = p.readOptional(0xa3);
        p.expectEnd();
        if (hashField == null || mgfField == null) {
            return "RSASSA-PSS with the default SHA-1 hash is not accepted";
        }
        String hash = hashOid(single(hashField));
        Der mgf = single(mgfField).reader();
        if (!MGF1.equals(mgf.readOid())) {
            return "RSASSA-PSS with a mask generation function other than MGF1";
        }
        String mgfHash = hashOid(mgf.read(Der.SEQUENCE));
        mgf.expectEnd();
        int salt = saltField == null ? 20 : smallInteger(single(saltField));
        if (trailerField != null && smallInteger(single(trailerField)) != 1) {
            throw new Der.Malformed("RSASSA-PSS trailerField is not 1 (RFC 4055 §3.1)");
        }
        if (hash == null || !hash.equals(mgfHash)) {
            return "RSASSA-PSS with a hash other than SHA-256/384/512, or a different MGF1 hash";
        }
        SignatureScheme scheme = hash.equals(SHA256) ? SignatureScheme.RSA_PSS_RSAE_SHA256
                : hash.equals(SHA384) ? SignatureScheme.RSA_PSS_RSAE_SHA384 : SignatureScheme.RSA_PSS_RSAE_SHA512;
        if (salt == scheme.hash().outputLength()) {
            return crypto.verify(scheme, key, signed, signature) ? null : "the " + scheme + " signature does not verify";
        }
        String jca = scheme.hash().jcaName();
        return jdkVerify("RSASSA-PSS", new PSSParameterSpec(jca, "MGF1", new MGF1ParameterSpec(jca), salt, 1), key,
                signed, signature);
    }

    private static Der.Element single(Der.Element explicit) {
        Der r = explicit.reader();
        Der.Element e = r.read();
        r.expectEnd();
        return e;
    }

    /** A SHA-2 AlgorithmIdentifier (parameters NULL or absent); null for any other hash. */
    private static String hashOid(Der.Element algorithm) {
        if (algorithm.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("a hash AlgorithmIdentifier is not a SEQUENCE");
        }
        Der r = algorithm.reader();
        String oid = r.readOid();
        if (r.hasMore()) {
            r.read(Der.NULL);
        }
        r.expectEnd();
        return oid.equals(SHA256) || oid.equals(SHA384) || oid.equals(SHA512) ? oid : null;
    }

    private static int smallInteger(Der.Element e) {
        if (e.tag() != Der.INTEGER) {
            throw new Der.Malformed("expected an INTEGER");
        }
        BigInteger v = Der.integer(e);
        if (v.signum() < 0 || v.bitLength() > 16) {
            throw new Der.Malformed("an INTEGER parameter is out of range");
        }
        return v.intValue();
    }

    private static String jdkVerify(String algorithm, PSSParameterSpec spec, PublicKey key, byte[] signed,
                                    byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            if (spec != null) {
                s.setParameter(spec);
            }
            s.initVerify(key);
            s.update(signed);
            return s.verify(signature) ? null : "the " + algorithm + " signature does not verify";
        } catch (GeneralSecurityException | RuntimeException e) {
            return "the " + algorithm + " signature cannot be checked with this key (" + e.getClass().getSimpleName()
                    + ")";
        }
    }
}
