package dev.jtls.pki;

import dev.jtls.message.LocalProblem;
import dev.jtls.record.Reason;
import dev.jtls.record.TlsAlertException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.NamingException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Checks that a server's leaf certificate names the host the client dialled (RFC 9525 §6, RFC 6125
 * §6): subjectAltName dNSName entries for a DNS name, iPAddress entries for an IP address, a
 * wildcard only as the whole left-most label, and the subject CN only as a switchable legacy
 * fallback (off in {@link #strict()}, the CA/Browser Forum Web PKI rule).
 *
 * <p>A refusal is a {@link TlsAlertException} whose message names the certificate, the host and what
 * the certificate does name. A malformed subjectAltName is a refusal, never another exception.
 */
public final class HostnameVerifier {

    /** Whether the subject CN may stand in for a missing subjectAltName. */
    public enum CommonNameFallback {
        /** RFC 9525 §6.2.1 and the CA/B Forum Baseline Requirements: the CN is never used. */
        NEVER,
        /** RFC 6125 §6.4.4: only when the certificate has no subjectAltName identifier at all. */
        WHEN_NO_SUBJECT_ALT_NAME
    }

    /** RFC 5280 §4.2.1.6. */
    private static final String SUBJECT_ALT_NAME_OID = "2.5.29.17";
    /** RFC 5280 §4.2.1.6 GeneralName tags, as {@code getSubjectAlternativeNames()} reports them. */
    private static final String[] GENERAL_NAME_TYPES = {
        "otherName", "email", "DNS", "x400Address", "dirName", "ediPartyName", "URI", "IP", "registeredID"};
    private static final int OTHER_NAME = 0;
    private static final int DNS_NAME = 2;
    private static final int URI = 6;
    private static final int IP_ADDRESS = 7;
    /** How many subjectAltName entries a message lists before "and N more". */
    private static final int MAX_LISTED = 8;
    private static final int MAX_QUOTED = 200;

    private static final HostnameVerifier STRICT = new HostnameVerifier(CommonNameFallback.NEVER);

    private final CommonNameFallback commonNameFallback;

    private HostnameVerifier(CommonNameFallback commonNameFallback) {
        this.commonNameFallback = commonNameFallback;
    }

    /** RFC 9525 and the Web PKI: subjectAltName only. The default. */
    public static HostnameVerifier strict() {
        return STRICT;
    }

    /**
     * RFC 6125 §6.4.4: also accepts the subject CN when the certificate has no subjectAltName, for old
     * private certificates. Never for the Web PKI, and never for an IP address.
     */
    public static HostnameVerifier withCommonNameFallback() {
        return new HostnameVerifier(CommonNameFallback.WHEN_NO_SUBJECT_ALT_NAME);
    }

    public CommonNameFallback commonNameFallback() {
        return commonNameFallback;
    }

    /**
     * Accepts {@code leaf} for {@code host} or throws.
     *
     * @param host the name or address the client dialled, as a user or URL gives it (a U-label name,
     *             a trailing dot or a bracketed IPv6 literal are fine); not null
     * @throws TlsAlertException {@link LocalProblem#NO_HOST_NAME} when the host is invalid (the peer
     *                           is not at fault), {@link ChainProblem#MALFORMED} when the
     *                           subjectAltName is malformed, {@link ChainProblem#HOST_MISMATCH} when
     *                           the certificate does not name the host
     */
    public void verify(X509Certificate leaf, String host) {
        ReferenceIdentifier reference;
        try {
            reference = ReferenceIdentifier.parse(host);
        } catch (IllegalArgumentException e) {
            throw failure(LocalProblem.NO_HOST_NAME, "cannot check certificate '" + subject(leaf)
                    + "' (position 0) against host '" + quote(host) + "': " + e.getMessage());
        }
        verify(leaf, reference, host);
    }

    /** As {@link #verify(X509Certificate, String)}, for a host already parsed. */
    public void verify(X509Certificate leaf, ReferenceIdentifier reference) {
        verify(leaf, reference, reference.toString());
    }

    private void verify(X509Certificate leaf, ReferenceIdentifier reference, String hostAsGiven) {
        List<List<?>> names = subjectAltNames(leaf);
        if (names == null || !hasIdentifier(names)) {
            matchCommonName(leaf, reference, names, hostAsGiven);
            return;
        }
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            if (reference instanceof ReferenceIdentifier.DnsName && type == DNS_NAME
                    && dnsMatches((String) name.get(1), ((ReferenceIdentifier.DnsName) reference).name())) {
                return;
            }
            // RFC 9525 §6.2.1: an IP address is compared with iPAddress entries only, as bytes.
            if (reference instanceof ReferenceIdentifier.IpAddress && type == IP_ADDRESS
                    && ((ReferenceIdentifier.IpAddress) reference).matches(ipBytes((String) name.get(1)))) {
                return;
            }
        }
        String hint = reference instanceof ReferenceIdentifier.IpAddress
                ? " (an IP address matches only IP entries)" : "";
        throw failure(ChainProblem.HOST_MISMATCH, prefix(leaf, hostAsGiven) + "SAN has " + describe(names) + hint);
    }

    /**
     * The start of a mismatch message. Built only when there is a mismatch: formatting the subject
     * DN on every successful check was 7% of a full RSA key exchange handshake (JFR).
     */
    private static String prefix(X509Certificate leaf, String hostAsGiven) {
        return "certificate '" + subject(leaf) + "' (position 0) does not match host '" + quote(hostAsGiven) + "': ";
    }

    private void matchCommonName(X509Certificate leaf, ReferenceIdentifier reference, List<List<?>> names,
                                 String hostAsGiven) {
        String prefix = prefix(leaf, hostAsGiven);
        String what = names == null ? "no subjectAltName" : "SAN has " + describe(names) + " but no DNS or IP entry";
        if (commonNameFallback == CommonNameFallback.NEVER) {
            throw failure(ChainProblem.HOST_MISMATCH, prefix + what + ", and the subject CN is not used (RFC 9525)");
        }
        if (reference instanceof ReferenceIdentifier.IpAddress) {
            throw failure(ChainProblem.HOST_MISMATCH, prefix + what + ", and an IP address is never matched against the CN");
        }
        List<String> cns = commonNames(leaf.getSubjectX500Principal());
        if (cns.size() != 1) {
            // RFC 6125 §6.4.4 speaks of "the" CN; with several, which one the CA checked is unknowable.
            throw failure(ChainProblem.HOST_MISMATCH, prefix + what + ", and the subject has " + cns.size()
                    + " CNs instead of one");
        }
        if (!dnsMatches(cns.get(0), ((ReferenceIdentifier.DnsName) reference).name())) {
            throw failure(ChainProblem.HOST_MISMATCH, prefix + what + ", and the subject CN is '" + quote(cns.get(0)) + "'"
                    + wildcardNote(cns.get(0)));
        }
    }

    /**
     * The subjectAltName entries, each checked to be a {@code [Integer type, value]} pair with a String
     * value for DNS and IP; null if the certificate has no subjectAltName extension.
     */
    private static List<List<?>> subjectAltNames(X509Certificate leaf) {
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException | RuntimeException e) {
            throw malformed(leaf, "it cannot be parsed");
        }
        if (names == null) {
            // The JDK sets a non-critical extension it cannot parse aside and then reports no SAN:
            // that must not read as "no SAN" (which would open the CN fallback).
            if (leaf.getExtensionValue(SUBJECT_ALT_NAME_OID) != null) {
                throw malformed(leaf, "it cannot be parsed");
            }
            return null;
        }
        if (names.isEmpty()) {
            throw malformed(leaf, "it has no entries (RFC 5280 §4.2.1.6 requires at least one)");
        }
        List<List<?>> checked = new ArrayList<>(names.size());
        for (List<?> name : names) {
            if (name == null || name.size() < 2 || !(name.get(0) instanceof Integer)) {
                throw malformed(leaf, "an entry cannot be read");
            }
            int type = (Integer) name.get(0);
            if ((type == DNS_NAME || type == IP_ADDRESS) && !(name.get(1) instanceof String)) {
                throw malformed(leaf, "a " + typeName(type) + " entry is not text");
            }
            if (type == IP_ADDRESS && ipBytes((String) name.get(1)) == null) {
                throw malformed(leaf, "the IP entry '" + quote((String) name.get(1))
                        + "' is not a 4- or 16-byte address");
            }
            checked.add(name);
        }
        return checked;
    }

    /** RFC 6125 §6.4.4: the SAN identifiers whose presence rules the CN out (DNS-ID, SRV-ID, URI-ID, IP). */
    private static boolean hasIdentifier(List<List<?>> names) {
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            if (type == DNS_NAME || type == IP_ADDRESS || type == URI || type == OTHER_NAME) {
                return true;
            }
        }
        return false;
    }

    /** The JDK writes an iPAddress entry as a dotted quad or as eight hex groups. */
    private static byte[] ipBytes(String text) {
        byte[] v4 = IpLiteral.parseIpv4(text);
        byte[] v6 = v4 != null ? null : IpLiteral.parseIpv6(text);
        return v4 != null ? v4 : v6 == null ? null : IpLiteral.unmapIpv4(v6);
    }

    /**
     * RFC 9525 §6.3, RFC 6125 §6.4.3: case-insensitive ASCII comparison of A-label forms; a wildcard
     * matches exactly one whole left-most label and only under at least two further labels.
     *
     * @param host a {@link ReferenceIdentifier.DnsName}: lower case, LDH labels, no trailing dot
     */
    static boolean dnsMatches(String presented, String host) {
        for (int i = 0; i < presented.length(); i++) {
            if (presented.charAt(i) >= 0x80) {
                // A dNSName is an IA5String: A-labels only. Lower-casing non-ASCII could fold, e.g.,
                // U+212A KELVIN SIGN into 'k', so such an entry never matches.
                return false;
            }
        }
        String pattern = presented.toLowerCase(Locale.ROOT);
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(host);
        }
        if (wildcardProblem(pattern) != null) {
            return false;
        }
        // "*.example.com" against "a.example.com": the host's first label, whatever it is (an
        // "xn--" A-label included), is replaced as a whole; the rest must be equal.
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.regionMatches(firstDot, pattern, 1, pattern.length() - 1)
                && host.length() - firstDot == pattern.length() - 1;
    }

    /** Why a presented name with a '*' can never match, or null if it is a usable wildcard. */
    static String wildcardProblem(String pattern) {
        if (pattern.indexOf('*') < 0) {
            return null;
        }
        if (!pattern.startsWith("*.")) {
            // "ba*.example.com", "*a.example.com", "xn--*.example": RFC 9525 §6.3 rule 2.
            return "a wildcard must be the whole left-most label";
        }
        if (pattern.indexOf('*', 1) >= 0) {
            // "*.*.com": RFC 9525 §6.3 rule 1.
            return "only one wildcard is allowed";
        }
        String rest = pattern.substring(2);
        int labels = 0;
        for (String label : rest.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "empty label";
            }
            labels++;
        }
        if (labels < 2) {
            // "*.com": would match every name under a top-level domain.
            return "fewer than two labels after the wildcard";
        }
        if (PublicSuffixList.get().isPublicSuffix(rest)) {
            // "*.co.uk", "*.s3.amazonaws.com": every registrable domain under a public suffix (CA/B
            // Forum BR §3.2.2.6; browsers refuse it by the same list).
            return "'" + rest + "' is a public suffix (Public Suffix List " + PublicSuffixList.version() + ")";
        }
        return null;
    }

    private static String wildcardNote(String presented) {
        String problem = wildcardProblem(presented.toLowerCase(Locale.ROOT));
        return problem == null ? "" : " (wildcard ignored: " + problem + ")";
    }

    /** "DNS:a.example, IP:127.0.0.1, and 3 more". */
    private static String describe(List<List<?>> names) {
        StringBuilder sb = new StringBuilder();
        int listed = 0;
        for (List<?> name : names) {
            if (listed == MAX_LISTED) {
                sb.append(", and ").append(names.size() - listed).append(" more");
                break;
            }
            if (listed++ > 0) {
                sb.append(", ");
            }
            int type = (Integer) name.get(0);
            sb.append(typeName(type));
            if (name.get(1) instanceof String) {
                String value = (String) name.get(1);
                if (type == IP_ADDRESS) {
                    value = IpLiteral.format(ipBytes(value));
                }
                sb.append(':').append(quote(value));
                if (type == DNS_NAME) {
                    sb.append(wildcardNote(value));
                }
            }
        }
        return sb.toString();
    }

    private static String typeName(int type) {
        return type >= 0 && type < GENERAL_NAME_TYPES.length ? GENERAL_NAME_TYPES[type] : "type " + type;
    }

    /** The subject's CN values that are strings (a CN in hex, "#...", is not a name). */
    static List<String> commonNames(X500Principal subject) {
        List<String> cns = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                javax.naming.directory.Attribute cn = rdn.toAttributes().get("cn");
                if (cn == null) {
                    continue;
                }
                for (int i = 0; i < cn.size(); i++) {
                    Object value = cn.get(i);
                    cns.add(value instanceof String ? (String) value : "(binary)");
                }
            }
        } catch (NamingException | RuntimeException e) {
            return List.of();
        }
        return cns;
    }

    private static String subject(X509Certificate leaf) {
        return quote(leaf.getSubjectX500Principal().getName());
    }

    /**
     * Text from a certificate or a caller, made safe for a message: control, format and separator
     * characters (newlines, NUL, bidi overrides) as \\uXXXX, and long text cut.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (i == MAX_QUOTED) {
                sb.append("...");
                break;
            }
            char c = s.charAt(i);
            int t = Character.getType(c);
            if (Character.isISOControl(c) || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                    || t == Character.PARAGRAPH_SEPARATOR || t == Character.SURROGATE && !validSurrogate(s, i)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static TlsAlertException malformed(X509Certificate leaf, String why) {
        return failure(ChainProblem.MALFORMED, "certificate '" + subject(leaf)
                + "' (position 0) has a malformed subjectAltName: " + why);
    }

    private static TlsAlertException failure(Reason reason, String message) {
        return new TlsAlertException(reason, message);
    }
}
