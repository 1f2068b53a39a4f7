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
import java.util.Set;

/**
 * Verifies a signature given by an X.509 AlgorithmIdentifier (RFC 5280 §4.1.1.2; the algorithms of
 * RFC 3279, RFC 4055, RFC 5758, RFC 8410) over DER-signed data: the issuer's signature over a
 * tbsCertificate (RFC 5280 §6.1.3 (a)(1)), an OCSP response's signature (RFC 6960 §4.2.1) and the
 * issuer's signature over a delegated OCSP responder's certificate. Which algorithms are accepted is
 * the caller's policy ({@link ValidationPolicy#signatureAlgorithms()} for a path,
 * {@link OcspResponseVerifier} refuses SHA-1, MD5 and DSA); for RSA-PSS the MGF1 hash must be
 * allowed as well as the message hash.
 *
 * <p>The algorithms TLS also uses go through tls-crypto's {@link CryptoProvider#verify}, which already
 * refuses non-canonical ECDSA encodings, bad RSA key sizes and keys of the wrong type: RSA PKCS#1
 * v1.5 and RSA-PSS (MGF1 with the same hash, salt length = hash length, trailer 1, rsaEncryption key)
 * with SHA-256/384/512, ECDSA with SHA-256/384/512 (in TLS 1.2 the ECDSA code points fix the hash,
 * not the curve, as an X.509 ecdsa-with-SHAx OID does), and Ed25519. Everything else a policy allows
 * is verified with the JDK's {@link Signature} as a documented fallback: RSA-PSS with other
 * parameters (another salt length or MGF hash, or an id-RSASSA-PSS key), Ed448, and the SHA-1/DSA
 * algorithms if a policy re-enables them. MD5 is never verified.
 */
final class X509Signatures {
    private static final String MGF1 = "1.2.840.113549.1.1.8";

    /** A decoded signature AlgorithmIdentifier, with the PSS parameters when it is RSA-PSS. */
    record Algorithm(CertificateSignatureAlgorithm id, int saltLength, HashAlgorithm mgfHash) {
        /** Whether tls-crypto's TLS rsa_pss_rsae_* schemes cover these parameters. */
        boolean standardPss() {
            return mgfHash == id.hash() && saltLength == id.hash().outputLength();
        }

        /** Whether {@code allowed} has this algorithm and, for RSA-PSS, the PSS algorithm of its MGF1 hash. */
        boolean allowedBy(Set<CertificateSignatureAlgorithm> allowed) {
            return allowed.contains(id) && (mgfHash == null || allowed.contains(CertificateSignatureAlgorithm.pss(mgfHash)));
        }

        @Override
        public String toString() {
            return mgfHash == null || standardPss() ? id.toString()
                    : id + " (MGF1 with " + mgfHash.jcaName() + ", salt " + saltLength + ")";
        }
    }

    /** Thrown for an algorithm identifier we cannot read or do not know. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private X509Signatures() {
    }

    /**
     * Decodes a signature AlgorithmIdentifier (RFC 5280 §4.1.1.2).
     *
     * @param algorithmIdentifier the DER AlgorithmIdentifier SEQUENCE
     * @throws Unsupported   for an algorithm, hash or mask generation function that is not known
     * @throws Der.Malformed if it is not DER of the right shape
     */
    static Algorithm decode(byte[] algorithmIdentifier) throws Unsupported {
        Der.Element whole = Der.single(algorithmIdentifier);
        if (whole.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("an AlgorithmIdentifier is not a SEQUENCE");
        }
        Der r = whole.reader();
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
            // RFC 4055 §5 / RFC 3279 §2.2.1: the parameters of the PKCS#1 v1.5 algorithms are NULL
            // (absent is tolerated, as by every verifier).
            throw new Der.Malformed("the " + id + " AlgorithmIdentifier has parameters other than NULL");
        }
        if (!rsa && params != null) {
            // RFC 5758 §3.2 (ECDSA), RFC 8410 §3 (EdDSA), RFC 3279 §2.2.2 (DSA): parameters absent.
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
            hash = pssHash(x.read(Der.SEQUENCE));
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
            mgfHash = pssHash(mgf.read(Der.SEQUENCE));
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

    /** A hash AlgorithmIdentifier inside RSASSA-PSS-params; RFC 4055 §2.1: NULL or absent parameters. */
    private static HashAlgorithm pssHash(Der.Element algId) throws Unsupported {
        Der r = algId.reader();
        String oid = r.readOid();
        if (r.hasMore()) {
            Der.Element p = r.read();
            if (p.tag() != Der.NULL || p.length() != 0) {
                throw new Der.Malformed("a hash AlgorithmIdentifier has parameters other than NULL");
            }
        }
        r.expectEnd();
        HashAlgorithm hash = hashForOid(oid);
        if (hash == null) {
            throw new Unsupported("the hash " + oid + " is not supported in RSA-PSS");
        }
        return hash;
    }

    /** The hash of an OID (RFC 3279 §2.1 SHA-1, RFC 5758 §2 SHA-2), or null for any other. */
    static HashAlgorithm hashForOid(String oid) {
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
                return null;
        }
    }

    /**
     * Decodes {@code algorithmIdentifier}, checks it against {@code allowed} and verifies. Never
     * throws for a bad signature or algorithm.
     *
     * @param allowedText what {@code allowed} is, for the message when the algorithm is not in it
     * @return null if the signature verifies, otherwise why not (for a message)
     * @throws Der.Malformed if the AlgorithmIdentifier is not DER of the right shape
     */
    static String problem(byte[] algorithmIdentifier, Set<CertificateSignatureAlgorithm> allowed, String allowedText,
                          PublicKey key, byte[] signed, byte[] signature, CryptoProvider crypto) {
        Algorithm algorithm;
        try {
            algorithm = decode(algorithmIdentifier);
        } catch (Unsupported e) {
            return e.getMessage();
        }
        if (!algorithm.allowedBy(allowed)) {
            return "the signature algorithm " + algorithm + " is not accepted (" + allowedText + ")";
        }
        return verify(crypto, algorithm, key, signed, signature) ? null
                : "the " + algorithm + " signature does not verify";
    }

    /** Whether {@code key} signed {@code signed} with {@code algorithm}. Never throws. */
    static boolean verify(CryptoProvider crypto, Algorithm algorithm, PublicKey key, byte[] signed, byte[] signature) {
        SignatureScheme scheme = scheme(algorithm, key);
        if (scheme != null) {
            return crypto.verify(scheme, key, signed, signature);
        }
        return jdkVerify(algorithm, key, signed, signature);
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
    private static boolean jdkVerify(Algorithm a, PublicKey key, byte[] signed, byte[] signature) {
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
                case ED448:
                    s = init("Ed448", key);
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
            s.update(signed);
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
}
