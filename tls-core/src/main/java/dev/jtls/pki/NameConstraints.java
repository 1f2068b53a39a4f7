package dev.jtls.pki;

import dev.jtls.pki.CertificateFacts.GeneralName;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The nameConstraints extension of one CA certificate or trust anchor (RFC 5280 §4.2.1.10), and its
 * check of the certificates below it (RFC 5280 §6.1.3 (b)(c)). The chain validator keeps one per
 * constraining certificate, from the anchor down, and calls {@link #check} on every certificate
 * after the carrier; it skips self-issued intermediates (RFC 5280 §6.1.3 (b): "unless certificate
 * i is self-issued and is not the final certificate in the path").
 *
 * <p>Rules, per name form:
 * <ul>
 *   <li>Excluded wins: a name inside any excluded subtree is refused even if permitted.
 *   <li>Permitted subtrees of a form constrain only names of that form: a certificate with no name
 *       of the form passes; one with such a name must have each inside some permitted subtree.
 *   <li>dNSName: {@code example.com} covers example.com and every name below it (label boundaries,
 *       not string suffixes: not {@code badexample.com}): RFC 5280 speaks only of "adding zero or
 *       more labels to the left". A base with a leading dot ({@code .example.com}) is not a host
 *       name and so not a dNSName; the constraint is refused as malformed, as the strictest
 *       validators do (OpenSSL and Go read it as "below only"). An empty base covers every name. ASCII case-insensitive; names are compared as encoded (A-labels);
 *       a name that is not a valid host name (non-ASCII, empty label, trailing dot) cannot be shown
 *       to be inside or outside a subtree and is refused whenever dNSName constraints exist. A
 *       wildcard name {@code *.d} is inside a permitted subtree only if every name it can match is,
 *       and hits an excluded subtree if any name it can match does.
 *   <li>Subject CN (leaf only): when a dNSName constraint exists and the leaf has no dNSName in its
 *       subjectAltName, each subject CN that looks like a host name (valid labels, at least two of
 *       them, as OpenSSL's cn2dnsid decides) is checked as a dNSName, as
 *       Chrome, Firefox and the CA/Browser Forum require, because clients that still fall back to
 *       the CN would otherwise accept a name the CA may not issue.
 *   <li>iPAddress: address and mask (8 bytes for IPv4, 32 for IPv6, the mask a run of ones then
 *       zeros); an IPv4 name is checked against IPv4 subtrees and an IPv6 name against IPv6
 *       subtrees, except that an IPv4-mapped IPv6 name ({@code ::ffff:a.b.c.d}) is checked in both
 *       forms (inside a permitted subtree in either, inside no excluded subtree in either), because
 *       host-name verification treats it as the IPv4 address.
 *   <li>rfc822Name: a mailbox ({@code user@host}) matches exactly (local part case-sensitive, host
 *       not), a host all mailboxes at that host, {@code .host} all mailboxes at hosts below it.
 *       Applies to subjectAltName entries and the emailAddress attributes of the subject.
 *   <li>uniformResourceIdentifier: against the URI's host (no user info, port or brackets), with the
 *       dNSName rules minus the "and below" for a base without a leading dot (RFC 5280: the base
 *       names one host; {@code .host} its sub-domains). A URI without a host, or whose host is an IP
 *       literal, is refused whenever URI constraints exist.
 *   <li>directoryName: the subtree's RDNs must be the first RDNs of the name, compared as RFC 5280
 *       §7.1 says ({@link DistinguishedName}); the subject and directoryName entries are checked.
 *   <li>Other forms (otherName, x400Address, ediPartyName, registeredID) are not processed: if a
 *       critical extension constrains such a form, a certificate with a name of that form is
 *       refused (RFC 5280 §4.2.1.10: "MUST either process the constraint or reject the
 *       certificate").
 * </ul>
 *
 * <p>Work is bounded: before comparing, the number of comparisons (names times subtrees of the same
 * form) is computed, and a certificate needing more than {@link #MAX_COMPARISONS} is refused.
 */
public final class NameConstraints {
    /** The most name-against-subtree comparisons one {@link #check} does (2^20). */
    public static final int MAX_COMPARISONS = 1 << 20;
    private static final String NAME_CONSTRAINTS_OID = "2.5.29.30";
    private static final Set<Integer> SUPPORTED = Set.of(GeneralName.RFC822_NAME, GeneralName.DNS_NAME,
            GeneralName.DIRECTORY_NAME, GeneralName.URI, GeneralName.IP_ADDRESS);

    /** The subtrees of one kind (permitted or excluded), by form. */
    private static final class Subtrees {
        final List<String> dns = new ArrayList<>();
        final List<byte[]> ip = new ArrayList<>();
        final List<String> email = new ArrayList<>();
        final List<String> uri = new ArrayList<>();
        final List<DistinguishedName> directory = new ArrayList<>();
        final int[] otherForms = new int[9];

        int count(int form) {
            switch (form) {
                case GeneralName.DNS_NAME:
                    return dns.size();
                case GeneralName.IP_ADDRESS:
                    return ip.size();
                case GeneralName.RFC822_NAME:
                    return email.size();
                case GeneralName.URI:
                    return uri.size();
                case GeneralName.DIRECTORY_NAME:
                    return directory.size();
                default:
                    return otherForms[form];
            }
        }
    }

    private final X509Certificate carrier;
    private final int carrierPosition;
    private final boolean critical;
    private final Subtrees permitted;
    private final Subtrees excluded;

    private NameConstraints(X509Certificate carrier, int carrierPosition, boolean critical, Subtrees permitted,
                            Subtrees excluded) {
        this.carrier = carrier;
        this.carrierPosition = carrierPosition;
        this.critical = critical;
        this.permitted = permitted;
        this.excluded = excluded;
    }

    /**
     * Decodes the extension value (the DER NameConstraints SEQUENCE inside the extension's OCTET
     * STRING) of {@code carrier}, at {@code position} in the path.
     *
     * @throws CertificateRejection MALFORMED for bad DER or a subtree base that is not a valid name
     *                              of its form; PROFILE for what RFC 5280 §4.2.1.10 forbids (neither
     *                              subtree list, a minimum other than 0, a maximum)
     */
    public static NameConstraints decode(byte[] extnValue, X509Certificate carrier, int position) {
        Subtrees permitted = null;
        Subtrees excluded = null;
        try {
            Der.Element whole = Der.single(extnValue);
            if (whole.tag() != Der.SEQUENCE) {
                throw new Der.Malformed("NameConstraints is not a SEQUENCE");
            }
            Der seq = whole.reader();
            if (seq.peekTag() == 0xa0) {
                permitted = subtrees(seq.read(), carrier, position);
            }
            if (seq.peekTag() == 0xa1) {
                excluded = subtrees(seq.read(), carrier, position);
            }
            seq.expectEnd();
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, carrier, position,
                    "the nameConstraints extension cannot be read: " + e.getMessage() + " (RFC 5280 §4.2.1.10)");
        }
        if (permitted == null && excluded == null) {
            throw CertificateRejection.of(ChainProblem.PROFILE, carrier, position, "the nameConstraints extension "
                    + "has neither permittedSubtrees nor excludedSubtrees (RFC 5280 §4.2.1.10)");
        }
        Set<String> criticals = carrier.getCriticalExtensionOIDs();
        boolean critical = criticals != null && criticals.contains(NAME_CONSTRAINTS_OID);
        return new NameConstraints(carrier, position, critical, permitted == null ? new Subtrees() : permitted,
                excluded == null ? new Subtrees() : excluded);
    }

    /** GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree, under an IMPLICIT [0] or [1]. */
    private static Subtrees subtrees(Der.Element list, X509Certificate carrier, int position) {
        Subtrees out = new Subtrees();
        Der r = list.reader();
        if (!r.hasMore()) {
            throw new Der.Malformed("a GeneralSubtrees list is empty (SIZE (1..MAX))");
        }
        while (r.hasMore()) {
            Der subtree = r.readSequence();
            Der.Element base = subtree.read();
            Der.Element minimum = subtree.readOptional(0x80);
            Der.Element maximum = subtree.readOptional(0x81);
            subtree.expectEnd();
            if (minimum != null) {
                boolean zero = Der.integer(new Der.Element(Der.INTEGER, minimum.source(), minimum.offset(),
                        minimum.length(), minimum.headerOffset())).signum() == 0;
                if (zero) {
                    throw new Der.Malformed("a GeneralSubtree encodes its DEFAULT minimum 0 (X.690 §11.5)");
                }
                throw CertificateRejection.of(ChainProblem.PROFILE, carrier, position,
                        "a name-constraint subtree has a minimum other than 0 (RFC 5280 §4.2.1.10)");
            }
            if (maximum != null) {
                throw CertificateRejection.of(ChainProblem.PROFILE, carrier, position,
                        "a name-constraint subtree has a maximum (RFC 5280 §4.2.1.10: MUST be absent)");
            }
            addBase(out, base);
        }
        return out;
    }

    private static void addBase(Subtrees out, Der.Element base) {
        int form = base.tag() & 0x1f;
        if ((base.tag() & 0xc0) != 0x80 || form > GeneralName.REGISTERED_ID) {
            throw new Der.Malformed("a subtree base has tag 0x" + Integer.toHexString(base.tag())
                    + ", which is not a GeneralName");
        }
        switch (form) {
            case GeneralName.DNS_NAME:
                String dns = checkedBase(ia5(base), "dNSName");
                if (dns.startsWith(".")) {
                    // RFC 5280 §4.2.1.10: a dNSName constraint is a host name (the §4.2.1.6 preferred
                    // syntax), "and below" already; the leading dot belongs to URI and rfc822Name bases.
                    // x509-limbo rfc5280::nc::invalid-dnsname-leading-period: the strictest validators refuse it.
                    throw new Der.Malformed("the dNSName subtree '" + CertificateRejection.cap(dns,
                            CertificateRejection.MAX_NAME) + "' begins with a dot, which RFC 5280 §4.2.1.10"
                            + " does not allow for dNSName (only for URI and rfc822Name)");
                }
                out.dns.add(dns);
                break;
            case GeneralName.URI:
                out.uri.add(checkedBase(ia5(base), "uniformResourceIdentifier"));
                break;
            case GeneralName.RFC822_NAME: {
                String v = ia5(base);
                int at = v.lastIndexOf('@');
                checkedBase(at >= 0 ? v.substring(at + 1) : v, "rfc822Name");
                if (at == 0 || v.indexOf('@') != at) {
                    // RFC 5280 §4.2.1.10: a mailbox, a host or a domain; "a@b@host" is none of them.
                    throw new Der.Malformed("the rfc822Name subtree '" + v + "' is not a mailbox, host or domain");
                }
                out.email.add(v);
                break;
            }
            case GeneralName.IP_ADDRESS:
                out.ip.add(ipSubtree(base));
                break;
            case GeneralName.DIRECTORY_NAME: {
                if (!base.isConstructed()) {
                    throw new Der.Malformed("a directoryName subtree is not constructed");
                }
                Der inner = base.reader();
                out.directory.add(DistinguishedName.parse(inner.read()));
                inner.expectEnd();
                break;
            }
            default:
                out.otherForms[form]++;
        }
    }

    private static String ia5(Der.Element e) {
        if (e.isConstructed()) {
            throw new Der.Malformed("an IA5String subtree base is constructed");
        }
        return Der.string(new Der.Element(Der.IA5_STRING, e.source(), e.offset(), e.length(), e.headerOffset()));
    }

    /** A DNS-style base: empty, or an optional leading dot then host-name labels. */
    private static String checkedBase(String v, String form) {
        String lower = v.toLowerCase(Locale.ROOT);
        String body = lower.startsWith(".") ? lower.substring(1) : lower;
        if (!lower.isEmpty() && !isHostName(body, false)) {
            throw new Der.Malformed("the " + form + " subtree '" + v + "' is not a host name");
        }
        return lower;
    }

    /** RFC 5280 §4.2.1.10: address then mask; the mask must be a prefix (ones, then zeros). */
    private static byte[] ipSubtree(Der.Element e) {
        if (e.isConstructed() || (e.length() != 8 && e.length() != 32)) {
            throw new Der.Malformed("an iPAddress subtree is " + e.length() + " bytes, not 8 (IPv4) or 32 (IPv6)");
        }
        byte[] v = e.contents();
        int half = v.length / 2;
        boolean zeros = false;
        for (int i = half; i < v.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (v[i] >> bit & 1) != 0;
                if (one && zeros) {
                    throw new Der.Malformed("the iPAddress subtree mask " + IpLiteral.format(
                            java.util.Arrays.copyOfRange(v, half, v.length)) + " is not contiguous");
                }
                zeros |= !one;
            }
        }
        return v;
    }

    /**
     * Refuses {@code cert} (at {@code position}, 0 = the leaf) if any of its names is outside what
     * these constraints permit or inside what they exclude.
     *
     * @param checkSubjectName whether the subject name, its emailAddress attributes and (for the
     *                         leaf) its host-name CNs are checked as well as the subjectAltName
     * @throws CertificateRejection NAME_CONSTRAINTS naming the carrier and the name; MALFORMED if the
     *                              certificate's names cannot be read
     */
    public void check(X509Certificate cert, int position, boolean checkSubjectName) {
        CertificateFacts facts;
        try {
            facts = CertificateFacts.parse(cert);
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, cert, position, "it cannot be decoded: "
                    + e.getMessage() + " (RFC 5280 §4.1)");
        }
        check(facts, position, checkSubjectName);
    }

    /** As {@link #check(X509Certificate, int, boolean)} for a certificate already parsed. */
    void check(CertificateFacts facts, int position, boolean checkSubjectName) {
        X509Certificate cert = facts.cert;
        CertificateNames names = CertificateNames.of(facts, position);
        List<String> dns = new ArrayList<>(names.dns());
        List<String> email = new ArrayList<>(names.email());
        List<DistinguishedName> directory = new ArrayList<>(names.directory());
        if (checkSubjectName) {
            if (!names.subject().isEmpty()) {
                directory.add(names.subject());
            }
            email.addAll(names.subject().values(DistinguishedName.EMAIL_ADDRESS));
            boolean dnsConstrained = permitted.dns.size() + excluded.dns.size() > 0;
            if (position == 0 && dnsConstrained && names.dns().isEmpty()) {
                for (String cn : names.subject().values(DistinguishedName.COMMON_NAME)) {
                    if (looksLikeHostName(cn)) {
                        dns.add(cn);
                    }
                }
            }
        }
        long work = (long) dns.size() * (permitted.dns.size() + excluded.dns.size())
                + 2L * names.ip().size() * (permitted.ip.size() + excluded.ip.size())
                + (long) email.size() * (permitted.email.size() + excluded.email.size())
                + (long) names.uri().size() * (permitted.uri.size() + excluded.uri.size())
                + (long) directory.size() * (permitted.directory.size() + excluded.directory.size());
        if (work > MAX_COMPARISONS) {
            throw violation(cert, position, "too many names to check against the name constraints of "
                    + carrierText() + ": " + work + " comparisons, at most " + MAX_COMPARISONS);
        }
        for (int form = 0; form <= GeneralName.REGISTERED_ID; form++) {
            if (!SUPPORTED.contains(form) && critical && names.otherForms()[form] > 0
                    && permitted.count(form) + excluded.count(form) > 0) {
                throw violation(cert, position, "it has a " + GeneralName.formName(form) + " name, a form "
                        + "that the critical name constraints of " + carrierText() + " constrain and jtls does "
                        + "not process (RFC 5280 §4.2.1.10)");
            }
        }
        for (String n : dns) {
            checkDns(cert, position, n);
        }
        for (byte[] n : names.ip()) {
            // RFC 4291 §2.5.5.2: ::ffff:a.b.c.d is the IPv4 address a.b.c.d, and HostnameVerifier
            // matches it so; it is checked in both forms, lest an excluded IPv4 subtree be evaded.
            byte[] v4 = IpLiteral.unmapIpv4(n);
            boolean mapped = v4 != n;
            checkName(cert, position, "IP:" + IpLiteral.format(n), permitted.ip.size(),
                    anyIp(permitted.ip, n) || (mapped && anyIp(permitted.ip, v4)),
                    anyIp(excluded.ip, n) || (mapped && anyIp(excluded.ip, v4)));
        }
        for (String n : email) {
            checkEmail(cert, position, n);
        }
        for (String n : names.uri()) {
            checkUri(cert, position, n);
        }
        for (DistinguishedName n : directory) {
            checkName(cert, position, "DN:" + n, permitted.directory.size(),
                    anyDirectory(permitted.directory, n), anyDirectory(excluded.directory, n));
        }
    }

    private void checkDns(X509Certificate cert, int position, String name) {
        int total = permitted.dns.size() + excluded.dns.size();
        if (total == 0) {
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!isHostName(lower, true)) {
            throw violation(cert, position, "DNS:" + quote(name) + " is not a valid host name, so it cannot be "
                    + "checked against the dNSName constraints of " + carrierText());
        }
        boolean wildcard = lower.startsWith("*.");
        String host = wildcard ? lower.substring(2) : lower;
        boolean hitsExcluded = false;
        for (String base : excluded.dns) {
            hitsExcluded |= wildcard ? wildcardMayMatch(host, base) : dnsWithin(host, base);
        }
        boolean inPermitted = false;
        for (String base : permitted.dns) {
            inPermitted |= wildcard ? wildcardWithin(host, base) : dnsWithin(host, base);
        }
        checkName(cert, position, "DNS:" + name, permitted.dns.size(), inPermitted, hitsExcluded);
    }

    private void checkEmail(X509Certificate cert, int position, String mailbox) {
        if (permitted.email.size() + excluded.email.size() == 0) {
            return;
        }
        int at = mailbox.lastIndexOf('@');
        String host = at < 0 ? "" : mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at <= 0 || mailbox.indexOf('@') != at || !isHostName(host, false)) {
            throw violation(cert, position, "email:" + quote(mailbox) + " is not a mailbox, so it cannot be "
                    + "checked against the rfc822Name constraints of " + carrierText());
        }
        String local = mailbox.substring(0, at);
        boolean hitsExcluded = false;
        for (String base : excluded.email) {
            hitsExcluded |= emailWithin(local, host, base);
        }
        boolean inPermitted = false;
        for (String base : permitted.email) {
            inPermitted |= emailWithin(local, host, base);
        }
        checkName(cert, position, "email:" + mailbox, permitted.email.size(), inPermitted, hitsExcluded);
    }

    private void checkUri(X509Certificate cert, int position, String uri) {
        if (permitted.uri.size() + excluded.uri.size() == 0) {
            return;
        }
        String host = uriHost(uri);
        if (host == null) {
            throw violation(cert, position, "URI:" + quote(uri) + " has no host name, so it cannot be checked "
                    + "against the URI constraints of " + carrierText());
        }
        boolean hitsExcluded = false;
        for (String base : excluded.uri) {
            hitsExcluded |= hostMatches(host, base);
        }
        boolean inPermitted = false;
        for (String base : permitted.uri) {
            inPermitted |= hostMatches(host, base);
        }
        checkName(cert, position, "URI:" + uri, permitted.uri.size(), inPermitted, hitsExcluded);
    }

    /** Excluded first (RFC 5280 §6.1.3 (b)(c)), then permitted if any subtree of the form is permitted. */
    private void checkName(X509Certificate cert, int position, String name, int permittedCount,
                           boolean inPermitted, boolean inExcluded) {
        if (inExcluded) {
            throw violation(cert, position, quote(name) + " is in a subtree excluded by the name constraints of "
                    + carrierText());
        }
        if (permittedCount > 0 && !inPermitted) {
            throw violation(cert, position, quote(name) + " is outside the subtrees permitted by the name "
                    + "constraints of " + carrierText());
        }
    }

    /** {@code host} is inside the subtree {@code base} (lower case; see the class comment). */
    static boolean dnsWithin(String host, String base) {
        if (base.isEmpty()) {
            return true;
        }
        if (base.startsWith(".")) {
            return host.length() > base.length() && host.endsWith(base);
        }
        return host.equals(base) || (host.length() > base.length() && host.endsWith(base)
                && host.charAt(host.length() - base.length() - 1) == '.');
    }

    /** Whether every name "l.host" (l any one label) is inside the subtree {@code base}. */
    static boolean wildcardWithin(String host, String base) {
        if (base.isEmpty()) {
            return true;
        }
        if (base.startsWith(".")) {
            return host.equals(base.substring(1)) || host.endsWith(base);
        }
        return host.equals(base) || host.endsWith("." + base);
    }

    /** Whether some name "l.host" (l one label) is inside the subtree {@code base}. */
    static boolean wildcardMayMatch(String host, String base) {
        if (wildcardWithin(host, base)) {
            return true;
        }
        // The base itself is one label below the wildcard's parent: "*.example.com" can match
        // "foo.example.com" and so everything an excluded "foo.example.com" covers.
        int dot = base.indexOf('.');
        return !base.startsWith(".") && dot > 0 && base.substring(dot + 1).equals(host);
    }

    private static boolean anyIp(List<byte[]> subtrees, byte[] address) {
        for (byte[] s : subtrees) {
            if (s.length != 2 * address.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < address.length && match; i++) {
                byte mask = s[address.length + i];
                match = (address[i] & mask) == (s[i] & mask);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyDirectory(List<DistinguishedName> subtrees, DistinguishedName name) {
        for (DistinguishedName base : subtrees) {
            if (name.isWithin(base)) {
                return true;
            }
        }
        return false;
    }

    private static boolean emailWithin(String local, String host, String base) {
        if (base.isEmpty()) {
            return true;
        }
        int at = base.lastIndexOf('@');
        if (at > 0) {
            return base.substring(0, at).equals(local) && base.substring(at + 1).equalsIgnoreCase(host);
        }
        String b = base.toLowerCase(Locale.ROOT);
        return b.startsWith(".") ? host.length() > b.length() && host.endsWith(b) : host.equals(b);
    }

    /** URI subtrees name one host, or with a leading dot the hosts below it (RFC 5280 §4.2.1.10). */
    private static boolean hostMatches(String host, String base) {
        if (base.isEmpty()) {
            return true;
        }
        return base.startsWith(".") ? host.length() > base.length() && host.endsWith(base) : host.equals(base);
    }

    /** The host of an RFC 3986 URI with an authority, lower case; null if none or an IP literal. */
    static String uriHost(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !uri.startsWith("//", colon + 1)) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        String authority = uri.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            return null;
        }
        int port = authority.indexOf(':');
        String host = (port >= 0 ? authority.substring(0, port) : authority).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return isHostName(host, false) && IpLiteral.parseIpv4(host) == null ? host : null;
    }

    /** LDH labels (and '_', seen in real names) of 1..63 octets, at most 253 in all; optionally a leading "*.". */
    static boolean isHostName(String s, boolean wildcardAllowed) {
        String body = wildcardAllowed && s.startsWith("*.") ? s.substring(2) : s;
        if (body.isEmpty() || body.length() > 253) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c >= 'A' && c <= 'Z')) {
                if (++label > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    /**
     * A CN such as "www.example.com" or "*.example.com", not "Example Server CA" or "Server": like
     * OpenSSL's cn2dnsid, a host name of at least two labels.
     */
    private static boolean looksLikeHostName(String cn) {
        String lower = cn.toLowerCase(Locale.ROOT);
        return isHostName(lower, true) && (lower.startsWith("*.") ? lower.substring(2) : lower).indexOf('.') > 0;
    }

    private CertificateRejection violation(X509Certificate cert, int position, String why) {
        return CertificateRejection.of(ChainProblem.NAME_CONSTRAINTS, cert, position, why
                + " (RFC 5280 §4.2.1.10, §6.1.3 (b)/(c))");
    }

    private String carrierText() {
        return CertificateRejection.describe(carrier, carrierPosition);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 200 ? sb + "..." : sb.toString();
    }

    /** The carrier of these constraints. */
    public X509Certificate carrier() {
        return carrier;
    }

    /** Whether the extension was marked critical (RFC 5280 §4.2.1.10 requires it). */
    public boolean critical() {
        return critical;
    }

    @Override
    public String toString() {
        return "NameConstraints of " + carrierText() + ": permitted DNS " + permitted.dns + " IP "
                + permitted.ip.size() + " email " + permitted.email + " URI " + permitted.uri + " DN "
                + permitted.directory + "; excluded DNS " + excluded.dns + " IP " + excluded.ip.size() + " email "
                + excluded.email + " URI " + excluded.uri + " DN " + excluded.directory;
    }
}
