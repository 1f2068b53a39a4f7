package dev.jtls.pki;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.SignatureScheme;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/**
 * Verifies the issuer's signature over a certificate's tbsCertificate (RFC 5280 §4.1.1.3, §6.1.3
 * (a)(1)) through tls-crypto's {@link CryptoProvider#verify}, which already refuses non-canonical
 * ECDSA encodings, bad RSA key sizes and keys of the wrong type.
 *
 * <p>tls-crypto has the TLS signature schemes: RSA PKCS#1 v1.5 and RSA-PSS (MGF1 with the same
 * hash, salt length = hash length, trailer 1, rsaEncryption key) with SHA-256/384/512, ECDSA with
 * SHA-256/384/512 on P-256/384/521, and Ed25519. Everything else the policy allows is verified with
 * the JDK's {@link Signature} as a documented fallback: RSA-PSS with other parameters (another salt
 * length or MGF hash, or an id-RSASSA-PSS key), and the SHA-1/DSA algorithms if a policy re-enables
 * them. MD5 is never verified.
 */
final class CertificateSignatures {
    private static final String MGF1 = "1.2.840.113549.1.1.8";

    /** The algorithm of a certificate's signature, with PSS parameters when it is RSA-PSS. */
    record Algorithm(CertificateSignatureAlgorithm id, int saltLength, HashAlgorithm mgfHash) {
        /** Whether tls-crypto's TLS rsa_pss_rsae_* schemes cover these parameters. */
        boolean standardPss() {
            return mgfHash == id.hash() && saltLength == id.hash().outputLength();
        }
    }

    /** Thrown for an algorithm identifier we cannot read or do not know. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private CertificateSignatures() {
    }

    /** Decodes the certificate's signature AlgorithmIdentifier (RFC 5280 §4.1.1.2). */
    static Algorithm algorithm(CertificateFacts facts) throws Unsupported {
        Der r = Der.single(facts.outerAlgorithm).reader();
        String oid = r.readOid();
        Der.Element params = r.hasMore() ? r.read() : null;
        r.expectEnd();
        if (CertificateSignatureAlgorithm.RSASSA_PSS.equals(oid)) {
            return pss(params);
        }
        CertificateSignatureAlgorithm id = CertificateSignatureAlgorithm.forOid(oid);
        if (id == null) {
            throw new Unsupported("the signature algorithm " + oid + " is not supported");
        }
        boolean rsa = id.name().startsWith("RSA_PKCS1");
        if (rsa && params != null && (params.tag() != Der.NULL || params.length() != 0)) {
            // RFC 4055 §5 / RFC 3279 §2.2.1: the parameters of the PKCS#1 v1.5 algorithms are NULL.
            throw new Der.Malformed("the " + id + " AlgorithmIdentifier has parameters other than NULL");
        }
        if (!rsa && params != null) {
            // RFC 5758 §3.2 (ECDSA), RFC 8410 §3 (Ed25519), RFC 3279 §2.2.2 (DSA): parameters absent.
            throw new Der.Malformed("the " + id + " AlgorithmIdentifier has parameters; they must be absent");
        }
        return new Algorithm(id, 0, null);
    }

    /** RSASSA-PSS-params (RFC 4055 §3.1), with their defaults (SHA-1, MGF1-SHA-1, salt 20, trailer 1). */
    private static Algorithm pss(Der.Element params) throws Unsupported {
        if (params == null || params.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("id-RSASSA-PSS without its parameters SEQUENCE");
        }
        Der r = params.reader();
        HashAlgorithm hash = HashAlgorithm.SHA1;
        HashAlgorithm mgfHash = HashAlgorithm.SHA1;
        int salt = 20;
        if (r.peekTag() == 0xa0) {
            Der x = r.read().reader();
            hash = hashOf(x.read(Der.SEQUENCE));
            x.expectEnd();
        }
        if (r.peekTag() == 0xa1) {
            Der x = r.read().reader();
            Der mgf = x.readSequence();
            x.expectEnd();
            String mgfOid = mgf.readOid();
            if (!MGF1.equals(mgfOid)) {
                throw new Unsupported("RSA-PSS with the mask generation function " + mgfOid + " is not supported");
            }
            mgfHash = hashOf(mgf.read(Der.SEQUENCE));
            mgf.expectEnd();
        }
        if (r.peekTag() == 0xa2) {
            Der x = r.read().reader();
            BigInteger s = x.readInteger();
            x.expectEnd();
            if (s.signum() < 0 || s.bitLength() > 16) {
                throw new Der.Malformed("RSA-PSS salt length " + s + " is out of range");
            }
            salt = s.intValue();
        }
        if (r.peekTag() == 0xa3) {
            Der x = r.read().reader();
            BigInteger t = x.readInteger();
            x.expectEnd();
            if (!t.equals(BigInteger.ONE)) {
                // RFC 4055 §3.1: trailerField MUST be 1.
                throw new Der.Malformed("RSA-PSS trailerField " + t + " is not 1");
            }
        }
        r.expectEnd();
        return new Algorithm(CertificateSignatureAlgorithm.pss(hash), salt, mgfHash);
    }

    private static HashAlgorithm hashOf(Der.Element algId) throws Unsupported {
        Der r = algId.reader();
        String oid = r.readOid();
        if (r.hasMore()) {
            Der.Element p = r.read();
            // RFC 4055 §2.1: NULL or absent parameters for the SHA-2 hashes.
            if (p.tag() != Der.NULL || p.length() != 0) {
                throw new Der.Malformed("a hash AlgorithmIdentifier has parameters other than NULL");
            }
        }
        r.expectEnd();
        switch (oid) {
            case "1.3.14.3.2.26":
                return HashAlgorithm.SHA1;
            case "2.16.840.1.101.3.4.2.1":
                return HashAlgorithm.SHA256;
            case "2.16.840.1.101.3.4.2.2":
                return HashAlgorithm.SHA384;
            case "2.16.840.1.101.3.4.2.3":
                return HashAlgorithm.SHA512;
            default:
                throw new Unsupported("the hash " + oid + " is not supported in RSA-PSS");
        }
    }

    /** Whether {@code issuerKey} signed the certificate with {@code algorithm}. Never throws. */
    static boolean verify(CryptoProvider crypto, CertificateFacts facts, Algorithm algorithm, PublicKey issuerKey) {
        SignatureScheme scheme = scheme(algorithm, issuerKey);
        if (scheme != null) {
            return crypto.verify(scheme, issuerKey, facts.tbs, facts.signature);
        }
        return jdkVerify(algorithm, issuerKey, facts.tbs, facts.signature);
    }

    /** The tls-crypto scheme that is exactly this algorithm, or null when only the JDK has it. */
    private static SignatureScheme scheme(Algorithm a, PublicKey key) {
        switch (a.id()) {
            case RSA_PKCS1_SHA256:
                return SignatureScheme.RSA_PKCS1_SHA256;
            case RSA_PKCS1_SHA384:
                return SignatureScheme.RSA_PKCS1_SHA384;
            case RSA_PKCS1_SHA512:
                return SignatureScheme.RSA_PKCS1_SHA512;
            case ECDSA_SHA256:
                return SignatureScheme.ECDSA_SECP256R1_SHA256; // TLS 1.2: the scheme names the hash only
            case ECDSA_SHA384:
                return SignatureScheme.ECDSA_SECP384R1_SHA384;
            case ECDSA_SHA512:
                return SignatureScheme.ECDSA_SECP521R1_SHA512;
            case ED25519:
                return SignatureScheme.ED25519;
            case RSA_PSS_SHA256:
            case RSA_PSS_SHA384:
            case RSA_PSS_SHA512:
                if (!a.standardPss() || !"RSA".equals(key.getAlgorithm())) {
                    return null;
                }
                return a.id() == CertificateSignatureAlgorithm.RSA_PSS_SHA256 ? SignatureScheme.RSA_PSS_RSAE_SHA256
                        : a.id() == CertificateSignatureAlgorithm.RSA_PSS_SHA384 ? SignatureScheme.RSA_PSS_RSAE_SHA384
                        : SignatureScheme.RSA_PSS_RSAE_SHA512;
            default:
                return null;
        }
    }

    /** The documented fallback: the JDK's own implementation of an algorithm tls-crypto lacks. */
    private static boolean jdkVerify(Algorithm a, PublicKey key, byte[] tbs, byte[] signature) {
        try {
            Signature s;
            switch (a.id()) {
                case RSA_PSS_SHA1:
                case RSA_PSS_SHA256:
                case RSA_PSS_SHA384:
                case RSA_PSS_SHA512:
                    s = Signature.getInstance("RSASSA-PSS");
                    s.initVerify(key);
                    s.setParameter(new PSSParameterSpec(a.id().hash().jcaName(), "MGF1",
                            new MGF1ParameterSpec(a.mgfHash().jcaName()), a.saltLength(), 1));
                    break;
                case RSA_PKCS1_SHA1:
                    s = init("SHA1withRSA", key);
                    break;
                case ECDSA_SHA1:
                    s = init("SHA1withECDSA", key);
                    break;
                case DSA_SHA1:
                    s = init("SHA1withDSA", key);
                    break;
                case DSA_SHA256:
                    s = init("SHA256withDSA", key);
                    break;
                default:
                    return false; // MD5 and anything else: never verified
            }
            s.update(tbs);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Signature init(String name, PublicKey key) throws GeneralSecurityException {
        Signature s = Signature.getInstance(name);
        s.initVerify(key);
        return s;
    }

    /** RFC 5280 §4.1.1.2: signatureAlgorithm "MUST contain the same algorithm identifier" as tbsCertificate.signature. */
    static boolean algorithmsAgree(CertificateFacts facts) {
        return Arrays.equals(facts.innerAlgorithm, facts.outerAlgorithm);
    }
}
