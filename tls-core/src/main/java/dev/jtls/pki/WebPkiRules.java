package dev.jtls.pki;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The rules the CA/Browser Forum Baseline Requirements add to RFC 5280, applied only under
 * {@link ValidationPolicy.Profile#WEB_PKI}: what a trust anchor must look like when it issues, how
 * the leaf's extendedKeyUsage, subject CN and subjectAltName must be formed. Each refusal names the
 * rule. Under {@link ValidationPolicy.Profile#RFC_5280} none of this runs.
 */
final class WebPkiRules {
    private WebPkiRules() {
    }

    /**
     * A trust anchor that issues the next certificate of the path. RFC 5280 §6.1.1 trusts an anchor's
     * name and key whatever its extensions say, but a Web PKI root is a CA certificate held to the
     * profile: RFC 5280 §4.2.1.9 (basicConstraints critical in a CA), §4.2.1.2 (SKI in every CA
     * certificate), §4.2.1.1 (AKI in every certificate but a self-signed one; when present in a root,
     * its keyIdentifier equals the SKI and it names no issuer and serial: CA/B Forum BR §7.1.2.1.3),
     * §4.2.1.10 (nameConstraints critical), and its extendedKeyUsage, if any, limits what it may issue.
     */
    static void checkAnchor(CertificateFacts f, int position, ValidationPolicy policy) {
        CertificateFacts.BasicConstraints bc = f.basicConstraints();
        if (bc != null && bc.ca() && !bc.critical()) {
            throw ProfileRules.profile(f, position, "the trust anchor's basicConstraints is not critical"
                    + " (RFC 5280 §4.2.1.9: a CA certificate marks it critical)");
        }
        byte[] ski = f.subjectKeyId();
        if (ski == null) {
            throw ProfileRules.profile(f, position, "the trust anchor has no subjectKeyIdentifier (RFC 5280 §4.2.1.2)");
        }
        CertificateFacts.Extension akiExt = f.extension(CertificateFacts.AUTHORITY_KEY_ID);
        if (akiExt == null && !f.selfIssued()) {
            throw ProfileRules.profile(f, position, "the trust anchor is cross-signed (its issuer is another CA)"
                    + " but has no authorityKeyIdentifier (RFC 5280 §4.2.1.1)");
        }
        if (akiExt != null) {
            byte[] aki = f.authorityKeyId();
            if (aki == null) {
                throw ProfileRules.profile(f, position, "the trust anchor's authorityKeyIdentifier has no"
                        + " keyIdentifier (RFC 5280 §4.2.1.1, CA/B Forum BR §7.1.2.1.3)");
            }
            if (hasIssuerAndSerial(akiExt)) {
                throw ProfileRules.profile(f, position, "the trust anchor's authorityKeyIdentifier names an issuer"
                        + " or serial number (CA/B Forum BR §7.1.2.1.3: keyIdentifier only)");
            }
            if (f.selfIssued() && !Arrays.equals(aki, ski)) {
                throw ProfileRules.profile(f, position, "the self-issued trust anchor's authorityKeyIdentifier"
                        + " differs from its own subjectKeyIdentifier (RFC 5280 §4.2.1.1)");
            }
        }
        CertificateFacts.Extension nc = f.extension(CertificateFacts.NAME_CONSTRAINTS);
        if (nc != null && !nc.critical()) {
            throw ProfileRules.profile(f, position, "the trust anchor's nameConstraints is not critical"
                    + " (RFC 5280 §4.2.1.10)");
        }
        checkIssuerEku(f, position, policy);
    }

    /** A CA's extendedKeyUsage, if present, lists the purpose (or anyExtendedKeyUsage): EKU chaining. */
    static void checkIssuerEku(CertificateFacts f, int position, ValidationPolicy policy) {
        List<String> eku = f.extendedKeyUsage();
        if (eku != null && !eku.contains(policy.purpose().oid()) && !eku.contains(ChainValidator.ANY_EKU)) {
            throw CertificateRejection.of(ChainProblem.EXTENDED_KEY_USAGE, f.cert, position, "its"
                    + " extendedKeyUsage " + eku + " does not include " + policy.purpose() + ", so it may not"
                    + " issue " + policy.purpose() + " certificates (CA/B Forum BR §7.1.2.2.4, §7.1.2.10.6)");
        }
    }

    /**
     * The leaf's extendedKeyUsage: present, the purpose listed, anyExtendedKeyUsage not beside it, not
     * critical (CA/B Forum BR §7.1.2.7.10).
     */
    static void checkLeafEku(CertificateFacts f, ValidationPolicy policy) {
        List<String> eku = f.extendedKeyUsage();
        if (eku == null) {
            throw eku(f, "it has no extendedKeyUsage; the Web PKI requires " + policy.purpose()
                    + " (CA/B Forum BR §7.1.2.7.10)" + ekuHint(policy));
        }
        if (!eku.contains(policy.purpose().oid())) {
            throw eku(f, "its extendedKeyUsage " + eku + " does not include " + policy.purpose()
                    + (eku.contains(ChainValidator.ANY_EKU) ? " (anyExtendedKeyUsage is not enough in the Web PKI," : " (")
                    + "CA/B Forum BR §7.1.2.7.10)" + ekuHint(policy));
        }
        if (eku.contains(ChainValidator.ANY_EKU)) {
            throw eku(f, "its extendedKeyUsage lists anyExtendedKeyUsage beside " + policy.purpose()
                    + " (CA/B Forum BR §7.1.2.7.10: MUST NOT be present)");
        }
        if (f.extension(CertificateFacts.EXT_KEY_USAGE).critical()) {
            throw eku(f, "its extendedKeyUsage is critical (CA/B Forum BR §7.1.2.7.10: not critical)");
        }
    }

    /** How to make a leaf that passes, for the person who reads the refusal. */
    private static String ekuHint(ValidationPolicy policy) {
        return "; make the certificate with it, e.g. openssl req ... -addext extendedKeyUsage=" + policy.purpose();
    }

    /**
     * The leaf's names: a critical subjectAltName only when the subject is empty (RFC 5280 §4.2.1.6,
     * CA/B Forum BR §7.1.2.7.12), and each subject CN one of the subjectAltName entries, a dNSName
     * compared case-insensitively or an IP address compared as bytes (BR §7.1.4.3: the CN "MUST
     * contain exactly one entry that is one of the values contained in the subjectAltName").
     */
    static void checkLeafNames(CertificateFacts f) {
        CertificateFacts.Extension san = f.extension(CertificateFacts.SUBJECT_ALT_NAME);
        if (san != null && san.critical() && !f.subjectEmpty) {
            throw ProfileRules.profile(f, 0, "its subjectAltName is critical but its subject is not empty"
                    + " (RFC 5280 §4.2.1.6, CA/B Forum BR §7.1.2.7.12)");
        }
        List<String> cns = HostnameVerifier.commonNames(f.cert.getSubjectX500Principal());
        if (cns.isEmpty()) {
            return;
        }
        List<CertificateFacts.GeneralName> names = f.subjectAltNames();
        for (String cn : cns) {
            if (names == null || !inSubjectAltName(cn, names)) {
                throw ProfileRules.profile(f, 0, "its subject CN '" + CertificateRejection.cap(cn,
                        CertificateRejection.MAX_NAME) + "' is not one of its subjectAltName entries"
                        + " (CA/B Forum BR §7.1.4.3)");
            }
        }
    }

    private static boolean inSubjectAltName(String cn, List<CertificateFacts.GeneralName> names) {
        byte[] ip = ipLiteral(cn);
        for (CertificateFacts.GeneralName n : names) {
            if (n.form() == CertificateFacts.GeneralName.DNS_NAME && ip == null
                    && n.text().toLowerCase(Locale.ROOT).equals(cn.toLowerCase(Locale.ROOT))) {
                return true;
            }
            if (n.form() == CertificateFacts.GeneralName.IP_ADDRESS && ip != null
                    && Arrays.equals(n.value().contents(), ip)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] ipLiteral(String s) {
        return s.indexOf(':') >= 0 ? IpLiteral.parseIpv6(s) : IpLiteral.parseIpv4(s);
    }

    /** authorityKeyIdentifier with authorityCertIssuer [1] or authorityCertSerialNumber [2]. */
    private static boolean hasIssuerAndSerial(CertificateFacts.Extension aki) {
        Der r = Der.single(aki.value()).reader();
        while (r.hasMore()) {
            Der.Element e = r.read();
            if (e.isContext(1) || e.isContext(2)) {
                return true;
            }
        }
        return false;
    }

    private static CertificateRejection eku(CertificateFacts f, String why) {
        return CertificateRejection.of(ChainProblem.EXTENDED_KEY_USAGE, f.cert, 0, why);
    }
}
