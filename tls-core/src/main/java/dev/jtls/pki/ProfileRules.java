package dev.jtls.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Set;

import dev.jtls.crypto.NistCurve;

/**
 * The RFC 5280 profile rules that one certificate must satisfy by itself, whatever path it is in:
 * serial number, version, duplicate and unknown critical extensions, the encoding of the extensions
 * the validator reads, AKI/SKI presence, end-entity restrictions, and key strength (the CA/B Forum
 * Baseline Requirements §6.1.5/§6.1.6 through {@link ValidationPolicy}). Checks that relate two
 * certificates (signature, AKI = issuer's SKI, CA-ness of an issuer, path length) are the
 * {@link ChainValidator}'s.
 */
final class ProfileRules {
    /** Where a certificate sits in the path, which decides which rules apply. */
    enum Role {
        /** Position 0, not a trust anchor. */
        END_ENTITY,
        /** Between the leaf and the anchor: a CA that the peer or the trust store supplied. */
        INTERMEDIATE,
        /**
         * The trust anchor: trusted by configuration, so only its critical extensions (unknown ones, and
         * AKI/SKI marked critical), the encoding of what is read, and its key are judged.
         */
        ANCHOR
    }

    /**
     * Extensions the validator processes or may safely ignore when critical. RFC 5280 §4.2: "A
     * certificate-using system MUST reject the certificate if it encounters a critical extension it does
     * not recognize". The certificate-policy extensions are recognised: with no initial policy set
     * (any-policy) they cannot turn a valid path invalid except through requireExplicitPolicy, which is
     * not implemented (reported as not done).
     */
    private static final Set<String> KNOWN = Set.of(
            CertificateFacts.BASIC_CONSTRAINTS, CertificateFacts.KEY_USAGE, CertificateFacts.EXT_KEY_USAGE,
            CertificateFacts.SUBJECT_ALT_NAME, CertificateFacts.ISSUER_ALT_NAME, CertificateFacts.NAME_CONSTRAINTS,
            CertificateFacts.AUTHORITY_KEY_ID, CertificateFacts.SUBJECT_KEY_ID, CertificateFacts.CERTIFICATE_POLICIES,
            CertificateFacts.POLICY_MAPPINGS, CertificateFacts.POLICY_CONSTRAINTS, CertificateFacts.INHIBIT_ANY_POLICY);

    private static final int MAX_SERIAL_OCTETS = 20;

    private ProfileRules() {
    }

    /** Applies every single-certificate rule for {@code role}; throws {@link CertificateRejection}. */
    static void check(CertificateFacts f, int position, Role role, ValidationPolicy policy) {
        try {
            if (role != Role.ANCHOR) {
                checkStructure(f, position);
            }
            checkCriticalExtensions(f, position);
            checkExtensions(f, position, role);
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, f.cert, position, e.getMessage()
                    + " (RFC 5280 §4.1, §4.2)");
        }
        checkKey(f, position, policy);
    }

    private static void checkStructure(CertificateFacts f, int position) {
        // RFC 5280 §4.1.2.2: "a positive integer", "no longer than 20 octets".
        if (f.serial.signum() <= 0) {
            throw profile(f, position, "the serial number " + f.serial + " is not positive (RFC 5280 §4.1.2.2)");
        }
        if (f.serialOctets > MAX_SERIAL_OCTETS) {
            throw profile(f, position, "the serial number is " + f.serialOctets
                    + " octets long; at most 20 are allowed (RFC 5280 §4.1.2.2)");
        }
        // RFC 5280 §4.1.2.1: extensions only in v3; unique identifiers only in v2 or v3.
        if (!f.extensions.isEmpty() && f.version != 3) {
            throw profile(f, position, "it is version " + f.version + " but has extensions (RFC 5280 §4.1.2.1)");
        }
        if (f.hasIssuerUniqueId && f.version == 1) {
            throw profile(f, position, "it is version 1 but has a unique identifier (RFC 5280 §4.1.2.8)");
        }
        if (!f.algorithmsAgree()) {
            throw profile(f, position, "signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2)");
        }
        // RFC 5280 §4.1.2.4: "The issuer field MUST contain a non-empty distinguished name".
        if (f.issuerEmpty) {
            throw profile(f, position, "its issuer name is empty (RFC 5280 §4.1.2.4)");
        }
                String duplicate = f.duplicateExtension();
        if (duplicate != null) {
            throw profile(f, position, "the extension " + duplicate + " occurs more than once (RFC 5280 §4.2)");
        }
    }

    private static void checkCriticalExtensions(CertificateFacts f, int position) {
        for (CertificateFacts.Extension e : f.extensions) {
            if (e.critical() && !KNOWN.contains(e.oid())) {
                throw CertificateRejection.of(ChainProblem.UNKNOWN_CRITICAL_EXTENSION, f.cert, position,
                        "it has the critical extension " + e.oid() + ", which is not processed (RFC 5280 §4.2)");
            }
        }
    }

    private static void checkExtensions(CertificateFacts f, int position, Role role) {
        // Decoding each extension we read finds malformed ones here, whatever the role.
        CertificateFacts.BasicConstraints bc = f.basicConstraints();
        boolean[] ku = f.keyUsage();
        f.extendedKeyUsage();
        byte[] ski = f.subjectKeyId();
        byte[] aki = f.authorityKeyId();
        f.subjectAltNames();
        CertificateFacts.Extension akiExt = f.extension(CertificateFacts.AUTHORITY_KEY_ID);
        CertificateFacts.Extension skiExt = f.extension(CertificateFacts.SUBJECT_KEY_ID);
        // Anchors too (x509-limbo rfc5280::aki::critical-aki, rfc5280::ski::critical-ski): no root in
        // the JDK's cacerts marks them critical.
        if (akiExt != null && akiExt.critical()) {
            throw profile(f, position, "authorityKeyIdentifier is critical (RFC 5280 §4.2.1.1)");
        }
        if (skiExt != null && skiExt.critical()) {
            throw profile(f, position, "subjectKeyIdentifier is critical (RFC 5280 §4.2.1.2)");
        }
        if (role == Role.ANCHOR) {
            return;
        }
        f.decodeInfoAccess();
        PolicyTree.checkEncoding(f, position);
        // RFC 5280 §4.2.1.1: AKI "MUST be included in all certificates generated by conforming CAs"
        // except self-signed ones; self-issued stands in for self-signed here (its signature is checked
        // by the path, not by this rule).
        if (akiExt == null && !f.selfIssued()) {
            throw profile(f, position, "it has no authorityKeyIdentifier (RFC 5280 §4.2.1.1)");
        }
        if (akiExt != null && aki == null && !f.selfIssued()) {
            throw profile(f, position, "its authorityKeyIdentifier has no keyIdentifier (RFC 5280 §4.2.1.1)");
        }
        if (bc != null && !bc.ca() && bc.pathLen() >= 0) {
            throw profile(f, position, "basicConstraints has a pathLenConstraint without cA (RFC 5280 §4.2.1.9)");
        }
        if (ku != null && !any(ku)) {
            throw profile(f, position, "keyUsage has no bit set (RFC 5280 §4.2.1.3)");
        }
        boolean ca = bc != null && bc.ca();
        if (role == Role.END_ENTITY) {
            // An intermediate without cA is refused as NOT_A_CA by the path check; here only the leaf.
            if (CertificateFacts.bit(ku, CertificateFacts.KU_KEY_CERT_SIGN)) {
                throw profile(f, position, "an end-entity certificate asserts keyCertSign (RFC 5280 §4.2.1.3:"
                        + " keyCertSign only with cA)");
            }
            if (ca) {
                throw profile(f, position, "an end-entity certificate asserts cA=true (RFC 5280 §4.2.1.9)");
            }
            if (f.extension(CertificateFacts.NAME_CONSTRAINTS) != null) {
                throw profile(f, position, "an end-entity certificate has nameConstraints (RFC 5280 §4.2.1.10)");
            }
        } else {
            // RFC 5280 §4.1.2.6: "If the subject is a CA ... the subject field MUST be populated with a
            // non-empty distinguished name" (a critical subjectAltName does not stand in for it).
            if (f.subjectEmpty) {
                throw profile(f, position, "a CA certificate has an empty subject name (RFC 5280 §4.1.2.6)");
            }
            // RFC 5280 §4.2.1.2: SKI "MUST appear in all conforming CA certificates".
            if (ski == null) {
                throw profile(f, position, "a CA certificate has no subjectKeyIdentifier (RFC 5280 §4.2.1.2)");
            }
        }
        CertificateFacts.Extension nc = f.extension(CertificateFacts.NAME_CONSTRAINTS);
        if (nc != null && !nc.critical()) {
            throw profile(f, position, "nameConstraints is not critical (RFC 5280 §4.2.1.10)");
        }
        CertificateFacts.Extension san = f.extension(CertificateFacts.SUBJECT_ALT_NAME);
        if (f.subjectEmpty && (san == null || !san.critical())) {
            throw profile(f, position, "the subject is empty and subjectAltName is "
                    + (san == null ? "absent" : "not critical") + " (RFC 5280 §4.2.1.6)");
        }
    }

    /** CA/B Forum BR §6.1.5: RSA of at least the policy's size, the allowed curves, no DSA. */
    static void checkKey(CertificateFacts f, int position, ValidationPolicy policy) {
        PublicKey key = f.cert.getPublicKey();
        if (key instanceof RSAPublicKey) {
            BigInteger n = ((RSAPublicKey) key).getModulus();
            if (n.bitLength() < policy.minRsaBits()) {
                throw weak(f, position, "its RSA key has " + n.bitLength() + " bits; at least "
                        + policy.minRsaBits() + " are required (CA/B Forum BR §6.1.5)");
            }
            if (policy.isWebPki() && n.bitLength() % 8 != 0) {
                throw weak(f, position, "its RSA modulus has " + n.bitLength() + " bits, not a multiple of 8"
                        + " (CA/B Forum BR §6.1.5)");
            }
            return;
        }
        if (key instanceof ECPublicKey) {
            NistCurve curve = NistCurve.of(((ECPublicKey) key).getParams());
            ValidationPolicy.Curve c = curve == null ? null : curve(curve);
            if (c == null || !policy.curves().contains(c)) {
                throw weak(f, position, "its EC key is on " + (curve == null ? "an unsupported curve" : curve.standardName())
                        + ", which the policy does not accept (CA/B Forum BR §6.1.5: P-256, P-384, P-521)");
            }
            return;
        }
        if (key instanceof EdECPublicKey) {
            NamedParameterSpec p = ((EdECPublicKey) key).getParams();
            if (p != null && "Ed25519".equalsIgnoreCase(p.getName())
                    && policy.curves().contains(ValidationPolicy.Curve.ED25519)) {
                return;
            }
            throw weak(f, position, "its " + (p == null ? "EdDSA" : p.getName()) + " key is not accepted"
                    + " by the policy (RFC 8410)");
        }
        throw weak(f, position, "its " + key.getAlgorithm() + " key is not accepted (CA/B Forum BR §6.1.5:"
                + " RSA or ECDSA)");
    }

    private static ValidationPolicy.Curve curve(NistCurve curve) {
        switch (curve) {
            case SECP256R1:
                return ValidationPolicy.Curve.P256;
            case SECP384R1:
                return ValidationPolicy.Curve.P384;
            case SECP521R1:
                return ValidationPolicy.Curve.P521;
            default:
                return null;
        }
    }

    private static boolean any(boolean[] bits) {
        for (boolean b : bits) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    static CertificateRejection profile(CertificateFacts f, int position, String why) {
        return CertificateRejection.of(ChainProblem.PROFILE, f.cert, position, why);
    }

    private static CertificateRejection weak(CertificateFacts f, int position, String why) {
        return CertificateRejection.of(ChainProblem.WEAK_ALGORITHM, f.cert, position, why);
    }
}
