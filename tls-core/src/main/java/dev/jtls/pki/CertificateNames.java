package dev.jtls.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a certificate carries, by GeneralName form (RFC 5280 §4.2.1.6), read from the raw DER
 * of its subjectAltName extension (not the JDK's string rendering, which loses IP address bytes and
 * DN encodings) and from its subject: what name constraints are checked against.
 *
 * @param dns        dNSName entries, as encoded (IA5String text)
 * @param ip         iPAddress entries: 4 or 16 bytes each
 * @param email      rfc822Name entries
 * @param uri        uniformResourceIdentifier entries
 * @param directory  directoryName entries
 * @param otherForms the count of entries of every other form, indexed by GeneralName tag (0..8)
 * @param subject    the subject name
 */
record CertificateNames(List<String> dns, List<byte[]> ip, List<String> email, List<String> uri,
                        List<DistinguishedName> directory, int[] otherForms, DistinguishedName subject) {
    static final int OTHER_NAME = 0;
    static final int RFC822_NAME = 1;
    static final int DNS_NAME = 2;
    static final int X400_ADDRESS = 3;
    static final int DIRECTORY_NAME = 4;
    static final int EDI_PARTY_NAME = 5;
    static final int URI = 6;
    static final int IP_ADDRESS = 7;
    static final int REGISTERED_ID = 8;
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String[] FORM_NAMES = {
        "otherName", "rfc822Name", "dNSName", "x400Address", "directoryName", "ediPartyName",
        "uniformResourceIdentifier", "iPAddress", "registeredID"};

    static String formName(int form) {
        return form >= 0 && form < FORM_NAMES.length ? FORM_NAMES[form] : "[" + form + "]";
    }

    /**
     * Reads the names of {@code cert}.
     *
     * @throws CertificateRejection MALFORMED if the subjectAltName or the subject is not valid DER of
     *                              the right shape
     */
    static CertificateNames of(X509Certificate cert, int position) {
        List<String> dns = new ArrayList<>();
        List<byte[]> ip = new ArrayList<>();
        List<String> email = new ArrayList<>();
        List<String> uri = new ArrayList<>();
        List<DistinguishedName> directory = new ArrayList<>();
        int[] other = new int[9];
        DistinguishedName subject;
        try {
            subject = DistinguishedName.parse(cert.getSubjectX500Principal().getEncoded());
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, cert, position,
                    "the subject name cannot be read: " + e.getMessage());
        }
        byte[] san = cert.getExtensionValue(SUBJECT_ALT_NAME);
        if (san != null) {
            try {
                Der names = Der.single(Der.single(san).contents()).reader();
                if (!names.hasMore()) {
                    // RFC 5280 §4.2.1.6: GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName.
                    throw new Der.Malformed("it has no entries");
                }
                while (names.hasMore()) {
                    Der.Element name = names.read();
                    int form = name.tag() & 0x1f;
                    if ((name.tag() & 0xc0) != 0x80 || form > REGISTERED_ID) {
                        throw new Der.Malformed("an entry has tag 0x" + Integer.toHexString(name.tag())
                                + ", which is not a GeneralName");
                    }
                    boolean constructed = name.isConstructed();
                    switch (form) {
                        case RFC822_NAME:
                            email.add(ia5(name, constructed));
                            break;
                        case DNS_NAME:
                            dns.add(ia5(name, constructed));
                            break;
                        case URI:
                            uri.add(ia5(name, constructed));
                            break;
                        case IP_ADDRESS:
                            if (constructed || (name.length() != 4 && name.length() != 16)) {
                                throw new Der.Malformed("an iPAddress entry is " + name.length()
                                        + " bytes, not 4 or 16");
                            }
                            ip.add(name.contents());
                            break;
                        case DIRECTORY_NAME:
                            if (!constructed) {
                                throw new Der.Malformed("a directoryName entry is not constructed");
                            }
                            Der inner = name.reader();
                            directory.add(DistinguishedName.parse(inner.read()));
                            inner.expectEnd();
                            break;
                        default:
                            other[form]++;
                    }
                }
            } catch (Der.Malformed e) {
                throw CertificateRejection.of(ChainProblem.MALFORMED, cert, position,
                        "the subjectAltName extension cannot be read: " + e.getMessage());
            }
        }
        return new CertificateNames(List.copyOf(dns), List.copyOf(ip), List.copyOf(email), List.copyOf(uri),
                List.copyOf(directory), other, subject);
    }

    /** [1], [2] and [6] are IMPLICIT IA5String: primitive, ASCII. */
    private static String ia5(Der.Element e, boolean constructed) {
        if (constructed) {
            throw new Der.Malformed("an IA5String entry is constructed");
        }
        return Der.string(new Der.Element(Der.IA5_STRING, e.source(), e.offset(), e.length(), e.headerOffset()));
    }
}
