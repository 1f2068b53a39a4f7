package dev.jtls.pki;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the validator needs from one certificate, read from its DER encoding with {@link Der} rather
 * than from the JDK's {@link X509Certificate} getters, which hide duplicate extensions, explicit
 * encodings, the serial number's length and unparseable extensions (RFC 5280 §4.1).
 *
 * <p>Built once per certificate per validation by {@link #parse}; a certificate whose structure
 * cannot be read is a {@link Der.Malformed}, which the caller reports as {@link ChainProblem#MALFORMED}.
 * Only the structure and the extensions the validator processes are decoded here; profile rules
 * (which values are allowed) live in {@link ProfileRules}.
 */
final class CertificateFacts {
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String KEY_USAGE = "2.5.29.15";
    static final String EXT_KEY_USAGE = "2.5.29.37";
    static final String SUBJECT_ALT_NAME = "2.5.29.17";
    static final String ISSUER_ALT_NAME = "2.5.29.18";
    static final String NAME_CONSTRAINTS = "2.5.29.30";
    static final String AUTHORITY_KEY_ID = "2.5.29.35";
    static final String SUBJECT_KEY_ID = "2.5.29.14";
    static final String CERTIFICATE_POLICIES = "2.5.29.32";
    static final String POLICY_MAPPINGS = "2.5.29.33";
    static final String POLICY_CONSTRAINTS = "2.5.29.36";
    static final String INHIBIT_ANY_POLICY = "2.5.29.54";
    static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
    static final String SUBJECT_INFO_ACCESS = "1.3.6.1.5.5.7.1.11";

    /** RFC 5280 §4.2.1.3 bit numbers. */
    static final int KU_DIGITAL_SIGNATURE = 0;
    static final int KU_KEY_ENCIPHERMENT = 2;
    static final int KU_KEY_CERT_SIGN = 5;

    /** One extension as it appears in the certificate, in order (duplicates kept). */
    record Extension(String oid, boolean critical, byte[] value) {
    }

    /**
     * One GeneralName (RFC 5280 §4.2.1.6) of subjectAltName: its form (the context tag number) and
     * its value: the IA5String, address or OID contents for the primitive forms, the Name SEQUENCE
     * for a directoryName, the whole entry for the other constructed forms.
     */
    record GeneralName(int form, Der.Element value) {
        static final int OTHER_NAME = 0;
        static final int RFC822_NAME = 1;
        static final int DNS_NAME = 2;
        static final int X400_ADDRESS = 3;
        static final int DIRECTORY_NAME = 4;
        static final int EDI_PARTY_NAME = 5;
        static final int URI = 6;
        static final int IP_ADDRESS = 7;
        static final int REGISTERED_ID = 8;
        private static final String[] FORM_NAMES = {
            "otherName", "rfc822Name", "dNSName", "x400Address", "directoryName", "ediPartyName",
            "uniformResourceIdentifier", "iPAddress", "registeredID"};

        static String formName(int form) {
            return form >= 0 && form < FORM_NAMES.length ? FORM_NAMES[form] : "[" + form + "]";
        }

        /** The text of an rfc822Name, dNSName or URI (checked IA5 when decoded). */
        String text() {
            return Der.string(new Der.Element(Der.IA5_STRING, value.source(), value.offset(), value.length(),
                    value.headerOffset()));
        }
    }

    /** basicConstraints (RFC 5280 §4.2.1.9); pathLen is -1 when absent. */
    record BasicConstraints(boolean ca, int pathLen, boolean critical) {
    }

    final X509Certificate cert;
    /** 1, 2 or 3 (the encoded value + 1). */
    final int version;
    /** The serial number's contents octets (RFC 5280 §4.1.2.2 limits them to 20). */
    final int serialOctets;
    final BigInteger serial;
    /** tbsCertificate.signature and Certificate.signatureAlgorithm, as encoded (RFC 5280 §4.1.1.2 wants them equal). */
    final byte[] innerAlgorithm;
    final byte[] outerAlgorithm;
    /** The signed bytes: the whole tbsCertificate element. */
    final byte[] tbs;
    /** The signature value (a BIT STRING with no unused bits). */
    final byte[] signature;
    final boolean hasIssuerUniqueId;
    /** Whether the encoded issuer / subject Name is an empty SEQUENCE. */
    final boolean issuerEmpty;
    final boolean subjectEmpty;
    final List<Extension> extensions;

    private CertificateFacts(X509Certificate cert, int version, int serialOctets, BigInteger serial,
                             byte[] innerAlgorithm, byte[] outerAlgorithm, byte[] tbs, byte[] signature,
                             boolean hasIssuerUniqueId, boolean issuerEmpty, boolean subjectEmpty,
                             List<Extension> extensions) {
        this.cert = cert;
        this.version = version;
        this.serialOctets = serialOctets;
        this.serial = serial;
        this.innerAlgorithm = innerAlgorithm;
        this.outerAlgorithm = outerAlgorithm;
        this.tbs = tbs;
        this.signature = signature;
        this.hasIssuerUniqueId = hasIssuerUniqueId;
        this.issuerEmpty = issuerEmpty;
        this.subjectEmpty = subjectEmpty;
        this.extensions = extensions;
    }

    /** Reads the certificate's structure (RFC 5280 §4.1); throws {@link Der.Malformed}. */
    static CertificateFacts parse(X509Certificate cert) {
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException | RuntimeException e) {
            throw new Der.Malformed("the certificate cannot be encoded");
        }
        // RFC 5280 §4.1.1.3: signatureValue holds the signature octets, so no unused bits.
        Der.Signed signed = Der.Signed.read(der);
        Der.Element tbsElement = signed.tbs();
        Der.Element outerAlg = signed.algorithm();
        byte[] signature = signed.signature();
        Der tbs = tbsElement.reader();
        int version = 1;
        if (tbs.peekTag() == 0xa0) {
            Der v = tbs.read().reader();
            BigInteger n = v.readInteger();
            v.expectEnd();
            if (n.signum() < 0 || n.compareTo(BigInteger.TWO) > 0) {
                throw new Der.Malformed("the version " + n + " is not v1, v2 or v3");
            }
            // X.690 §11.5 says a DEFAULT value (v1) is not encoded; deployed CAs did, and it changes nothing.
            version = n.intValue() + 1;
        }
        Der.Element serialElement = tbs.read(Der.INTEGER);
        BigInteger serial = Der.integer(serialElement);
        Der.Element innerAlg = tbs.read(Der.SEQUENCE);
        boolean issuerEmpty = tbs.read(Der.SEQUENCE).length() == 0;
        tbs.read(Der.SEQUENCE); // validity
        boolean subjectEmpty = tbs.read(Der.SEQUENCE).length() == 0;
        tbs.read(Der.SEQUENCE); // subjectPublicKeyInfo
        boolean issuerUid = false;
        if (tbs.peekTag() == 0x81 || tbs.peekTag() == 0xa1) {
            tbs.read();
            issuerUid = true;
        }
        if (tbs.peekTag() == 0x82 || tbs.peekTag() == 0xa2) {
            tbs.read();
        }
        List<Extension> extensions = List.of();
        if (tbs.peekTag() == 0xa3) {
            Der wrapper = tbs.read().reader();
            Der list = wrapper.readSequence();
            wrapper.expectEnd();
            extensions = readExtensions(list);
        }
        tbs.expectEnd();
        return new CertificateFacts(cert, version, serialElement.length(), serial, innerAlg.encoded(),
                outerAlg.encoded(), tbsElement.encoded(), signature, issuerUid, issuerEmpty, subjectEmpty, extensions);
    }

    static List<Extension> readExtensions(Der list) {
        List<Extension> out = new ArrayList<>();
        if (!list.hasMore()) {
            // RFC 5280 §4.1: Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension.
            throw new Der.Malformed("the extensions field is present but empty");
        }
        while (list.hasMore()) {
            Der e = list.readSequence();
            String oid = e.readOid();
            boolean critical = false;
            if (e.peekTag() == Der.BOOLEAN) {
                // An explicit FALSE breaks X.690 §11.5 (DEFAULT) but is common in deployed roots; tolerated.
                critical = e.readBoolean();
            }
            byte[] value = e.read(Der.OCTET_STRING).contents();
            e.expectEnd();
            out.add(new Extension(oid, critical, value));
        }
        return Collections.unmodifiableList(out);
    }

    /** The one extension with this OID, or null (duplicates are a profile error found elsewhere). */
    Extension extension(String oid) {
        for (Extension e : extensions) {
            if (e.oid().equals(oid)) {
                return e;
            }
        }
        return null;
    }

    /** The OID of the first extension that occurs twice, or null (RFC 5280 §4.2). */
    String duplicateExtension() {
        for (int i = 0; i < extensions.size(); i++) {
            for (int j = i + 1; j < extensions.size(); j++) {
                if (extensions.get(i).oid().equals(extensions.get(j).oid())) {
                    return extensions.get(i).oid();
                }
            }
        }
        return null;
    }

    /** basicConstraints, or null when absent. */
    BasicConstraints basicConstraints() {
        Extension e = extension(BASIC_CONSTRAINTS);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        boolean ca = false;
        if (r.peekTag() == Der.BOOLEAN) {
            ca = r.readBoolean(); // an explicit FALSE (X.690 §11.5) is tolerated, as above
        }
        int pathLen = -1;
        if (r.hasMore()) {
            BigInteger n = r.readInteger();
            if (n.signum() < 0) {
                throw new Der.Malformed("basicConstraints pathLenConstraint is negative");
            }
            pathLen = n.bitLength() > 30 ? Integer.MAX_VALUE : n.intValue();
        }
        r.expectEnd();
        return new BasicConstraints(ca, pathLen, e.critical());
    }

    /** keyUsage bits, or null when absent. */
    boolean[] keyUsage() {
        Extension e = extension(KEY_USAGE);
        return e == null ? null : Der.namedBits(Der.single(e.value()));
    }

    static boolean bit(boolean[] bits, int n) {
        return bits != null && n < bits.length && bits[n];
    }

    /** extendedKeyUsage purposes, or null when absent. */
    List<String> extendedKeyUsage() {
        Extension e = extension(EXT_KEY_USAGE);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        List<String> out = new ArrayList<>();
        while (r.hasMore()) {
            out.add(r.readOid());
        }
        if (out.isEmpty()) {
            throw new Der.Malformed("extendedKeyUsage has no purposes (SIZE (1..MAX))");
        }
        return out;
    }

    /** subjectKeyIdentifier (RFC 5280 §4.2.1.2), or null. */
    byte[] subjectKeyId() {
        Extension e = extension(SUBJECT_KEY_ID);
        return e == null ? null : octets(Der.single(e.value()));
    }

    /** authorityKeyIdentifier's keyIdentifier [0] (RFC 5280 §4.2.1.1), or null (also when AKI is absent). */
    byte[] authorityKeyId() {
        Extension e = extension(AUTHORITY_KEY_ID);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        byte[] keyId = null;
        if (r.peekTag() == 0x80) {
            keyId = r.read().contents();
        }
        while (r.hasMore()) {
            Der.Element x = r.read();
            if (!x.isContext(1) && !x.isContext(2)) {
                throw new Der.Malformed("authorityKeyIdentifier has an unexpected field");
            }
        }
        return keyId;
    }

    private static byte[] octets(Der.Element e) {
        if (e.tag() != Der.OCTET_STRING) {
            throw new Der.Malformed("expected an OCTET STRING");
        }
        return e.contents();
    }

    /**
     * Reads subjectAltName as GeneralNames (RFC 5280 §4.2.1.6): at least one entry, DNS/email/URI as
     * primitive IA5String, a dNSName not empty, iPAddress of 4 or 16 octets, directoryName a Name
     * SEQUENCE, registeredID an OID, the other forms constructed. Throws {@link Der.Malformed}.
     *
     * @return the entries in order, or null when the extension is absent
     */
    List<GeneralName> subjectAltNames() {
        Extension e = extension(SUBJECT_ALT_NAME);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        List<GeneralName> out = new ArrayList<>();
        while (r.hasMore()) {
            out.add(generalName(r.read()));
        }
        if (out.isEmpty()) {
            throw new Der.Malformed("subjectAltName has no entries (SIZE (1..MAX))");
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Decodes authorityInfoAccess and subjectInfoAccess when present (RFC 5280 §4.2.2.1/§4.2.2.2:
     * SEQUENCE SIZE (1..MAX) OF AccessDescription { accessMethod OID, accessLocation GeneralName }).
     * The validator fetches nothing from them, but a certificate whose extensions do not decode is
     * malformed. Throws {@link Der.Malformed}.
     */
    void decodeInfoAccess() {
        for (String oid : List.of(AUTHORITY_INFO_ACCESS, SUBJECT_INFO_ACCESS)) {
            Extension e = extension(oid);
            if (e == null) {
                continue;
            }
            Der.Element whole = Der.single(e.value());
            if (whole.tag() != Der.SEQUENCE || whole.length() == 0) {
                throw new Der.Malformed("the information access extension " + oid
                        + " is not a SEQUENCE of at least one AccessDescription");
            }
            Der r = whole.reader();
            while (r.hasMore()) {
                Der description = r.readSequence();
                description.readOid();
                generalName(description.read());
                description.expectEnd();
            }
        }
    }

    private static GeneralName generalName(Der.Element name) {
        int form = name.tag() & 0x1f;
        if ((name.tag() & 0xc0) != 0x80 || form > GeneralName.REGISTERED_ID) {
            throw new Der.Malformed("a subjectAltName entry has tag 0x" + Integer.toHexString(name.tag())
                    + ", which is not a GeneralName");
        }
        switch (form) {
            case GeneralName.RFC822_NAME:
            case GeneralName.DNS_NAME:
            case GeneralName.URI: // IA5String, implicitly tagged
                if (name.isConstructed()) {
                    throw new Der.Malformed("a subjectAltName IA5String entry is constructed");
                }
                for (byte b : name.contents()) {
                    if (b < 0) {
                        throw new Der.Malformed("a subjectAltName entry has a non-IA5 octet");
                    }
                }
                if (form == GeneralName.DNS_NAME && name.length() == 0) {
                    // RFC 5280 §4.2.1.6: "subjectAltName extensions with a dNSName of " " MUST NOT be used".
                    throw new Der.Malformed("a subjectAltName dNSName is empty");
                }
                return new GeneralName(form, name);
            case GeneralName.IP_ADDRESS:
                if (name.isConstructed() || (name.length() != 4 && name.length() != 16)) {
                    throw new Der.Malformed("a subjectAltName iPAddress is " + name.length() + " octets, not 4 or 16");
                }
                return new GeneralName(form, name);
            case GeneralName.REGISTERED_ID:
                Der.oid(name);
                return new GeneralName(form, name);
            default: // otherName, x400Address, directoryName, ediPartyName: constructed
                if (!name.isConstructed()) {
                    throw new Der.Malformed("a subjectAltName entry of type [" + form + "] is not constructed");
                }
                if (form == GeneralName.DIRECTORY_NAME) {
                    // Name is a CHOICE, so the [4] tag is EXPLICIT (RFC 5280 Appendix A.2).
                    Der inner = name.reader();
                    Der.Element dn = inner.read(Der.SEQUENCE);
                    inner.expectEnd();
                    return new GeneralName(form, dn);
                }
                return new GeneralName(form, name);
        }
    }

    /** RFC 5280 §4.1.1.2: signatureAlgorithm "MUST contain the same algorithm identifier" as tbsCertificate.signature. */
    boolean algorithmsAgree() {
        return Arrays.equals(innerAlgorithm, outerAlgorithm);
    }

    /** RFC 5280 §6.1: self-issued means issuer and subject names are the same. */
    boolean selfIssued() {
        return cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal());
    }

    static boolean sameKeyId(byte[] a, byte[] b) {
        return a != null && b != null && Arrays.equals(a, b);
    }
}
