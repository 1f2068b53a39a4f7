package dev.jtls.pki;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a certificate carries, by GeneralName form (RFC 5280 §4.2.1.6), from the raw DER of its
 * subjectAltName as {@link CertificateFacts#subjectAltNames} decodes it (not the JDK's string
 * rendering, which loses IP address bytes and DN encodings) and from its subject: what name
 * constraints are checked against.
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

    /**
     * Reads the names of the certificate of {@code facts}.
     *
     * @throws CertificateRejection MALFORMED if the subjectAltName or the subject is not valid DER of
     *                              the right shape
     */
    static CertificateNames of(CertificateFacts facts, int position) {
        DistinguishedName subject;
        try {
            subject = DistinguishedName.parse(facts.cert.getSubjectX500Principal().getEncoded());
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, facts.cert, position,
                    "the subject name cannot be read: " + e.getMessage());
        }
        List<String> dns = new ArrayList<>();
        List<byte[]> ip = new ArrayList<>();
        List<String> email = new ArrayList<>();
        List<String> uri = new ArrayList<>();
        List<DistinguishedName> directory = new ArrayList<>();
        int[] other = new int[CertificateFacts.GeneralName.REGISTERED_ID + 1];
        try {
            List<CertificateFacts.GeneralName> san = facts.subjectAltNames();
            for (CertificateFacts.GeneralName name : san == null ? List.<CertificateFacts.GeneralName>of() : san) {
                switch (name.form()) {
                    case CertificateFacts.GeneralName.RFC822_NAME:
                        email.add(name.text());
                        break;
                    case CertificateFacts.GeneralName.DNS_NAME:
                        dns.add(name.text());
                        break;
                    case CertificateFacts.GeneralName.URI:
                        uri.add(name.text());
                        break;
                    case CertificateFacts.GeneralName.IP_ADDRESS:
                        ip.add(name.value().contents());
                        break;
                    case CertificateFacts.GeneralName.DIRECTORY_NAME:
                        directory.add(DistinguishedName.parse(name.value()));
                        break;
                    default:
                        other[name.form()]++;
                }
            }
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, facts.cert, position,
                    "the subjectAltName extension cannot be read: " + e.getMessage());
        }
        return new CertificateNames(List.copyOf(dns), List.copyOf(ip), List.copyOf(email), List.copyOf(uri),
                List.copyOf(directory), other, subject);
    }
}
