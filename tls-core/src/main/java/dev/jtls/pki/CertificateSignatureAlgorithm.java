package dev.jtls.pki;

import dev.jtls.crypto.HashAlgorithm;

/**
 * The signature algorithms a certificate can be signed with that the validator recognises (RFC 3279,
 * RFC 4055, RFC 5758, RFC 8410). Which of them are accepted is {@link ValidationPolicy}'s choice;
 * recognising one says nothing about trusting it (MD5 and SHA-1 are here so that they can be refused
 * by name).
 */
public enum CertificateSignatureAlgorithm {
    RSA_PKCS1_MD5("1.2.840.113549.1.1.4", null),
    RSA_PKCS1_SHA1("1.2.840.113549.1.1.5", HashAlgorithm.SHA1),
    RSA_PKCS1_SHA256("1.2.840.113549.1.1.11", HashAlgorithm.SHA256),
    RSA_PKCS1_SHA384("1.2.840.113549.1.1.12", HashAlgorithm.SHA384),
    RSA_PKCS1_SHA512("1.2.840.113549.1.1.13", HashAlgorithm.SHA512),
    /** id-RSASSA-PSS with SHA-1 (the parameters' default, RFC 4055 §3.1). */
    RSA_PSS_SHA1("1.2.840.113549.1.1.10", HashAlgorithm.SHA1),
    RSA_PSS_SHA256("1.2.840.113549.1.1.10", HashAlgorithm.SHA256),
    RSA_PSS_SHA384("1.2.840.113549.1.1.10", HashAlgorithm.SHA384),
    RSA_PSS_SHA512("1.2.840.113549.1.1.10", HashAlgorithm.SHA512),
    ECDSA_SHA1("1.2.840.10045.4.1", HashAlgorithm.SHA1),
    ECDSA_SHA256("1.2.840.10045.4.3.2", HashAlgorithm.SHA256),
    ECDSA_SHA384("1.2.840.10045.4.3.3", HashAlgorithm.SHA384),
    ECDSA_SHA512("1.2.840.10045.4.3.4", HashAlgorithm.SHA512),
    ED25519("1.3.101.112", null),
    ED448("1.3.101.113", null),
    DSA_SHA1("1.2.840.10040.4.3", HashAlgorithm.SHA1),
    DSA_SHA256("2.16.840.1.101.3.4.3.2", HashAlgorithm.SHA256);

    /** The id-RSASSA-PSS OID (RFC 4055 §3.1); its hash comes from the parameters. */
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

    private final String oid;
    private final HashAlgorithm hash;

    CertificateSignatureAlgorithm(String oid, HashAlgorithm hash) {
        this.oid = oid;
        this.hash = hash;
    }

    public String oid() {
        return oid;
    }

    /** The hash, or null for MD5 (not a jtls hash) and EdDSA (hashes internally). */
    public HashAlgorithm hash() {
        return hash;
    }

    /** The algorithm for an OID that is not id-RSASSA-PSS, or null if unknown. */
    static CertificateSignatureAlgorithm forOid(String oid) {
        for (CertificateSignatureAlgorithm a : values()) {
            if (a.oid.equals(oid) && !RSASSA_PSS.equals(oid)) {
                return a;
            }
        }
        return null;
    }

    static CertificateSignatureAlgorithm pss(HashAlgorithm hash) {
        switch (hash) {
            case SHA1:
                return RSA_PSS_SHA1;
            case SHA256:
                return RSA_PSS_SHA256;
            case SHA384:
                return RSA_PSS_SHA384;
            case SHA512:
                return RSA_PSS_SHA512;
            default:
                throw new AssertionError(hash);
        }
    }
}
