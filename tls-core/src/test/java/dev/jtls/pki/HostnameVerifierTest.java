package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.message.LocalProblem;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

/**
 * RFC 9525 §6 / RFC 6125 §6 host-name checks, as a table: each row is a leaf (its subject and SAN),
 * a host, whether the CN fallback is on, and either "accept" or the exact refusal message (or its
 * beginning, marked "...", where the rest is the JDK's IDN text).
 */
class HostnameVerifierTest {
    private static final Issued CA = TestCerts.ca("Hostname Test CA", Kind.EC_P256);
    private static final String ACCEPT = null;
    private static final Map<String, X509Certificate> LEAVES = new HashMap<>();

    /** A leaf "CN=leaf" naming {@code sans} (TestCerts syntax: "DNS:", "IP:", "email:" prefixes). */
    private static X509Certificate leaf(String... sans) {
        return LEAVES.computeIfAbsent("CN=leaf|" + String.join("|", sans),
                k -> TestCerts.leafWithSubject(CA, "CN=leaf", Kind.EC_P256, List.of(sans)).certificate());
    }

    private static X509Certificate leafWithSubject(String subject, String... sans) {
        return LEAVES.computeIfAbsent(subject + "|" + String.join("|", sans),
                k -> TestCerts.leafWithSubject(CA, subject, Kind.EC_P256, List.of(sans)).certificate());
    }

    private static X509Certificate leafWithRawSan(byte[] der) {
        return TestCerts.leafWithRawSan(CA, "www.example.com", Kind.EC_P256, der).certificate();
    }

    private static String mismatch(String host, String why) {
        return "certificate 'CN=leaf' (position 0) does not match host '" + host + "': " + why;
    }

    private static String invalidHost(String host, String why) {
        return "cannot check certificate 'CN=leaf' (position 0) against host '" + host + "': " + why;
    }

    private record Case(String name, X509Certificate leaf, String host, boolean cnFallback, String expected,
                        AlertDescription alert) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void accept(String name, X509Certificate leaf, String host) {
        cases.add(new Case(name, leaf, host, false, ACCEPT, null));
    }

    private void refuse(String name, X509Certificate leaf, String host, String message) {
        cases.add(new Case(name, leaf, host, false, message, AlertDescription.BAD_CERTIFICATE));
    }

    private void refuseHost(String name, X509Certificate leaf, String host, String message) {
        cases.add(new Case(name, leaf, host, false, message, AlertDescription.INTERNAL_ERROR));
    }

    private void acceptWithFallback(String name, X509Certificate leaf, String host) {
        cases.add(new Case(name, leaf, host, true, ACCEPT, null));
    }

    private void refuseWithFallback(String name, X509Certificate leaf, String host, String message) {
        cases.add(new Case(name, leaf, host, true, message, AlertDescription.BAD_CERTIFICATE));
    }

    @Test
    void wildcardsOnlyAsTheWholeLeftMostLabel() {
        // RFC 9525 §6.3: the wildcard matches exactly one whole left-most label.
        X509Certificate wildcard = leaf("*.example.com");
        accept("one label", wildcard, "a.example.com");
        accept("case", wildcard, "A.Example.COM");
        accept("trailing dot", wildcard, "a.example.com.");
        refuse("two labels", wildcard, "a.b.example.com", mismatch("a.b.example.com", "SAN has DNS:*.example.com"));
        refuse("no label", wildcard, "example.com", mismatch("example.com", "SAN has DNS:*.example.com"));
        refuse("other domain", wildcard, "a.example.org", mismatch("a.example.org", "SAN has DNS:*.example.com"));
        refuse("suffix trick", wildcard, "a.evilexample.com",
                mismatch("a.evilexample.com", "SAN has DNS:*.example.com"));
        // RFC 9525 §6.3 rule 1: one wildcard only; "*.*.com" is ignored altogether.
        refuse("*.*.com", leaf("*.*.com"), "a.b.com",
                mismatch("a.b.com", "SAN has DNS:*.*.com (wildcard ignored: only one wildcard is allowed)"));
        // Not under a bare top-level label: "*.com" would name every .com host.
        refuse("*.com", leaf("*.com"), "example.com",
                mismatch("example.com",
                        "SAN has DNS:*.com (wildcard ignored: fewer than two labels after the wildcard)"));
        // RFC 9525 §6.3 rule 2 and the CA/B Forum rule: never partial.
        refuse("ba*", leaf("ba*.example.com"), "bar.example.com", mismatch("bar.example.com",
                "SAN has DNS:ba*.example.com (wildcard ignored: a wildcard must be the whole left-most label)"));
        refuse("*a", leaf("*a.example.com"), "ba.example.com", mismatch("ba.example.com",
                "SAN has DNS:*a.example.com (wildcard ignored: a wildcard must be the whole left-most label)"));
        refuse("inside an A-label", leaf("xn--*.example.com"), "xn--bcher-kva.example.com",
                mismatch("xn--bcher-kva.example.com", "SAN has DNS:xn--*.example.com"
                        + " (wildcard ignored: a wildcard must be the whole left-most label)"));
        // A whole-label wildcard stands for an A-label as for any other label.
        accept("A-label under wildcard", wildcard, "xn--bcher-kva.example.com");
        accept("U-label under wildcard", wildcard, "bücher.example.com");
        accept("wildcard above an A-label", leaf("*.xn--bcher-kva.example"), "www.bücher.example");
        // The host is the reference identifier: a '*' in it is a caller's mistake, not a pattern.
        refuseHost("wildcard host", wildcard, "*.example.com",
                invalidHost("*.example.com", "the host contains a wildcard '*'"));
        run();
    }

    @Test
    void internationalisedNamesAreComparedAsALabels() {
        // RFC 9525 §6.2.1 / RFC 5890: "bücher" is "xn--bcher-kva" (RFC 3492 punycode).
        X509Certificate aLabel = leaf("xn--bcher-kva.example");
        accept("U-label host", aLabel, "bücher.example");
        accept("A-label host", aLabel, "xn--bcher-kva.example");
        accept("upper-case A-label host", aLabel, "XN--BCHER-KVA.EXAMPLE");
        accept("upper-case U-label host", aLabel, "BÜCHER.example");
        accept("A-label in upper case in the certificate", leaf("XN--BCHER-KVA.EXAMPLE"), "bücher.example");
        refuse("ASCII look-alike", leaf("bucher.example"), "bücher.example",
                mismatch("bücher.example", "SAN has DNS:bucher.example"));
        refuseHost("not LDH", aLabel, "b_cher.example",
                invalidHost("b_cher.example", "the host is not a valid DNS name: character '_' is not allowed"));
        // RFC 3490 (IDNA2003, what java.net.IDN implements) refuses a U-label with a prohibited character.
        // (RFC 3454 table C.7; the rest of the message is the JDK's and differs between versions.)
        cases.add(new Case("prohibited code point", aLabel, "b\u00fccher\u2FF0.example", false,
                invalidHost("b\u00fccher\u2FF0.example", "the host is not a valid DNS name: ") + "...",
                AlertDescription.INTERNAL_ERROR));
        run();
    }

    @Test
    void ipAddressesMatchOnlyIpEntriesAsBytes() {
        X509Certificate v6 = leaf("::1");
        accept("::1", v6, "::1");
        accept("::1 long form", v6, "0:0:0:0:0:0:0:1");
        accept("::1 in URL brackets", v6, "[::1]");
        refuse("::2", v6, "::2", mismatch("::2", "SAN has IP:::1 (an IP address matches only IP entries)"));
        X509Certificate v4 = leaf("127.0.0.1");
        accept("127.0.0.1", v4, "127.0.0.1");
        refuse("127.0.0.2", v4, "127.0.0.2",
                mismatch("127.0.0.2", "SAN has IP:127.0.0.1 (an IP address matches only IP entries)"));
        accept("IPv6 long and short", leaf("2001:db8::1"), "2001:DB8:0:0:0:0:0:1");
        // RFC 9525 §6.2.1: an IP host is never compared with a dNSName, whatever its text.
        refuse("IP host vs DNS SAN", leaf("DNS:127.0.0.1"), "127.0.0.1",
                mismatch("127.0.0.1", "SAN has DNS:127.0.0.1 (an IP address matches only IP entries)"));
        refuse("IP host vs DNS wildcard", leaf("DNS:*.0.0.1"), "127.0.0.1",
                mismatch("127.0.0.1", "SAN has DNS:*.0.0.1 (an IP address matches only IP entries)"));
        // RFC 4291 §2.5.5.2: the IPv4-mapped address ::ffff:127.0.0.1 is 127.0.0.1 (the JDK reports such
        // an entry as a dotted quad, so both sides compare in that form) ...
        X509Certificate mapped = leafWithRawSan(sanDer(new GeneralName(GeneralName.iPAddress, new DEROctetString(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}))));
        accept("IPv4-mapped vs mapped", mapped, "::ffff:127.0.0.1");
        accept("IPv4-mapped vs IPv4", mapped, "127.0.0.1");
        accept("IPv4 vs mapped", v4, "::ffff:7f00:1");
        // ... but the old IPv4-compatible form ::127.0.0.1 (RFC 4291 §2.5.5.1) is another address.
        X509Certificate compatible = leafWithRawSan(sanDer(new GeneralName(GeneralName.iPAddress, new DEROctetString(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127, 0, 0, 1}))));
        refuse("IPv4-compatible vs IPv4", compatible, "127.0.0.1", "certificate 'CN=www.example.com' (position 0)"
                + " does not match host '127.0.0.1': SAN has IP:::7f00:1 (an IP address matches only IP entries)");
        refuse("IPv4 vs IPv4-compatible", v4, "::127.0.0.1",
                mismatch("::127.0.0.1", "SAN has IP:127.0.0.1 (an IP address matches only IP entries)"));
        // Forms that other parsers read as IPv4 addresses are refused, not treated as DNS names.
        for (String odd : List.of("127.1", "127.000.000.001", "0x7f.0.0.1", "1.2.3.4.5")) {
            refuseHost(odd, v4, odd, invalidHost(odd, "the host looks like an IPv4 address but is not four"
                    + " decimal octets"));
        }
        refuseHost("IPv6 zone", v6, "fe80::1%eth0",
                invalidHost("fe80::1%eth0", "an IPv6 address with a zone identifier (%) cannot be verified"));
        refuseHost("bad IPv6", v6, "1:::2", invalidHost("1:::2", "the host is not a valid IPv6 address"));
        run();
    }

    @Test
    void hostSpellings() {
        X509Certificate www = leaf("www.example.com");
        accept("exact", www, "www.example.com");
        accept("case", www, "WWW.Example.COM");
        accept("trailing dot", www, "www.example.com.");
        refuseHost("two trailing dots", www, "www.example.com..",
                invalidHost("www.example.com..", "the host has an empty label"));
        refuseHost("empty", www, "", invalidHost("", "the host is empty"));
        refuseHost("only a dot", www, ".", invalidHost(".", "the host is only a dot"));
        refuseHost("NUL", www, "www.example.com\u0000.evil.com",
                invalidHost("www.example.com\\u0000.evil.com", "the host contains the control character U+0000"));
        refuseHost("space", www, "www.example.com evil", invalidHost("www.example.com evil",
                "the host contains a space"));
        refuseHost("newline", www, "www.example.com\n", invalidHost("www.example.com\\u000A",
                "the host contains the control character U+000A"));
        refuse("suffix", www, "www.example.com.evil", mismatch("www.example.com.evil", "SAN has DNS:www.example.com"));
        // A NUL inside the certificate's name (the 2009 "null prefix" attack) matches nothing and is
        // shown escaped.
        refuse("NUL in SAN", leaf("DNS:www.example.com\u0000.evil.com"), "www.example.com",
                mismatch("www.example.com", "SAN has DNS:www.example.com\\u0000.evil.com"));
        refuse("lists every entry", leaf("a.example.com", "b.example.com", "10.0.0.1", "email:a@example.com"),
                "c.example.com", mismatch("c.example.com",
                        "SAN has DNS:a.example.com, DNS:b.example.com, IP:10.0.0.1, email:a@example.com"));
        run();
    }

    @Test
    void commonNameOnlyWhenSwitchedOnAndNoSubjectAltName() {
        X509Certificate noSan = leafWithSubject("CN=www.example.com");
        String cnMessage = "certificate 'CN=www.example.com' (position 0) does not match host ";
        refuse("CN, fallback off", noSan, "www.example.com", cnMessage
                + "'www.example.com': no subjectAltName, and the subject CN is not used (RFC 9525)");
        acceptWithFallback("CN, fallback on", noSan, "www.example.com");
        acceptWithFallback("CN, case and dot", noSan, "WWW.example.com.");
        refuseWithFallback("CN, other host", noSan, "api.example.com", cnMessage
                + "'api.example.com': no subjectAltName, and the subject CN is 'www.example.com'");
        // RFC 6125 §6.4.4: any DNS or IP entry rules the CN out.
        refuseWithFallback("CN ignored when a SAN exists", leafWithSubject("CN=www.example.com", "api.example.com"),
                "www.example.com", cnMessage + "'www.example.com': SAN has DNS:api.example.com");
        refuseWithFallback("CN ignored when an IP SAN exists", leafWithSubject("CN=www.example.com", "10.0.0.1"),
                "www.example.com", cnMessage + "'www.example.com': SAN has IP:10.0.0.1");
        X509Certificate emailOnly = leafWithSubject("CN=www.example.com", "email:admin@example.com");
        acceptWithFallback("CN with an e-mail-only SAN", emailOnly, "www.example.com");
        refuse("e-mail-only SAN, fallback off", emailOnly, "www.example.com", cnMessage + "'www.example.com': SAN has"
                + " email:admin@example.com but no DNS or IP entry, and the subject CN is not used (RFC 9525)");
        // An IP address is never compared with the CN.
        refuseWithFallback("IP vs CN", leafWithSubject("CN=127.0.0.1"), "127.0.0.1",
                "certificate 'CN=127.0.0.1' (position 0) does not match host '127.0.0.1': no subjectAltName,"
                        + " and an IP address is never matched against the CN");
        // (RFC 2253 writes the RDNs last first.)
        refuseWithFallback("two CNs", leafWithSubject("CN=a.example.com,CN=b.example.com"), "a.example.com",
                "certificate 'CN=b.example.com,CN=a.example.com' (position 0) does not match host 'a.example.com':"
                        + " no subjectAltName, and the subject has 2 CNs instead of one");
        refuseWithFallback("no CN", leafWithSubject("O=Example"), "www.example.com",
                "certificate 'O=Example' (position 0) does not match host 'www.example.com':"
                        + " no subjectAltName, and the subject has 0 CNs instead of one");
        acceptWithFallback("wildcard CN", leafWithSubject("CN=*.example.com"), "a.example.com");
        refuseWithFallback("*.com CN", leafWithSubject("CN=*.com"), "example.com",
                "certificate 'CN=*.com' (position 0) does not match host 'example.com': no subjectAltName, and the"
                        + " subject CN is '*.com' (wildcard ignored: fewer than two labels after the wildcard)");
        run();
    }

    @Test
    void malformedSubjectAltNamesAreRefusedNeverThrown() {
        String prefix = "certificate 'CN=www.example.com' (position 0) has a malformed subjectAltName: ";
        // The CN names the host: a malformed SAN must not read as "no SAN" and open the CN fallback.
        Map<String, byte[]> malformed = new java.util.LinkedHashMap<>();
        malformed.put("truncated", new byte[] {0x30, 0x05, (byte) 0x82, 0x03, 'w', 'w'});
        malformed.put("not a sequence", new byte[] {0x04, 0x00});
        malformed.put("5-byte IP", new byte[] {0x30, 0x07, (byte) 0x87, 0x05, 1, 2, 3, 4, 5});
        malformed.put("trailing bytes", new byte[] {0x30, 0x03, (byte) 0x82, 0x01, 'a', 0x00});
        for (Map.Entry<String, byte[]> e : malformed.entrySet()) {
            X509Certificate bad = leafWithRawSan(e.getValue());
            refuse(e.getKey(), bad, "www.example.com", prefix + "it cannot be parsed");
            refuseWithFallback(e.getKey() + ", fallback on", bad, "www.example.com", prefix + "it cannot be parsed");
        }
        // RFC 5280 §4.2.1.6: at least one entry. (The JDK already fails to parse an empty one.)
        X509Certificate empty = leafWithRawSan(new byte[] {0x30, 0x00});
        refuseWithFallback("empty SAN", empty, "www.example.com", prefix + "it cannot be parsed");
        // An 8-byte iPAddress is the name-constraints form (address and mask), not an address.
        X509Certificate masked = leafWithRawSan(sanDer(new GeneralName(GeneralName.iPAddress,
                new DEROctetString(new byte[] {10, 0, 0, 1, (byte) 255, (byte) 255, (byte) 255, 0}))));
        refuse("8-byte IP", masked, "10.0.0.1", prefix + "the IP entry '10.0.0.1/255.255.255.0' is not a 4- or"
                + " 16-byte address");
        run();
    }

    @Test
    void failuresCarryTheirReasons() {
        HostnameVerifier v = HostnameVerifier.strict();
        X509Certificate leaf = leaf("DNS:www.example.com");
        assertThatThrownBy(() -> v.verify(leaf, "other.example.com")).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.reason()).isSameAs(ChainProblem.HOST_MISMATCH));
        assertThatThrownBy(() -> v.verify(leaf, "not a host")).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.reason()).isSameAs(LocalProblem.NO_HOST_NAME));
        assertThat(ChainProblem.HOST_MISMATCH.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(LocalProblem.NO_HOST_NAME.alert()).isEqualTo(AlertDescription.INTERNAL_ERROR);
    }

    @Test
    void theDefaultIsStrict() {
        assertThat(HostnameVerifier.strict().commonNameFallback()).isEqualTo(HostnameVerifier.CommonNameFallback.NEVER);
        assertThat(HostnameVerifier.withCommonNameFallback().commonNameFallback())
                .isEqualTo(HostnameVerifier.CommonNameFallback.WHEN_NO_SUBJECT_ALT_NAME);
    }

    @Test
    void referenceIdentifiersAreNormalised() {
        assertThat(ReferenceIdentifier.parse("Bücher.Example.").toString()).isEqualTo("xn--bcher-kva.example");
        assertThat(ReferenceIdentifier.parse("[::1]")).isEqualTo(ReferenceIdentifier.parse("0:0:0:0:0:0:0:1"))
                .isNotEqualTo(ReferenceIdentifier.parse("::2"));
        assertThat(ReferenceIdentifier.parse("::ffff:10.0.0.1")).isEqualTo(ReferenceIdentifier.parse("10.0.0.1"));
        assertThat(ReferenceIdentifier.parse("2001:DB8::1").toString()).isEqualTo("2001:db8::1");
        assertThat(outcome(() -> HostnameVerifier.strict().verify(leaf("xn--bcher-kva.example"),
                ReferenceIdentifier.parse("BÜCHER.example")))).isEqualTo("accept");
        assertThat(outcome(() -> HostnameVerifier.strict().verify(leaf("xn--bcher-kva.example"),
                ReferenceIdentifier.parse("bucher.example")))).isEqualTo("bad_certificate: certificate 'CN=leaf'"
                + " (position 0) does not match host 'bucher.example': SAN has DNS:xn--bcher-kva.example");
    }

    @Test
    void pinnedTrustVerifierUsesTheHostnameVerifier() {
        X509Certificate noSan = leafWithSubject("CN=www.example.com");
        PinnedTrustVerifier strict = new PinnedTrustVerifier(List.of(CA.certificate()), java.time.Clock.systemUTC());
        PinnedTrustVerifier legacy = new PinnedTrustVerifier(List.of(CA.certificate()), java.time.Clock.systemUTC(),
                HostnameVerifier.withCommonNameFallback());
        assertThat(outcome(() -> strict.verifyServer(List.of(noSan), ServerCheck.host("www.example.com"))))
                .isEqualTo("bad_certificate: certificate 'CN=www.example.com' (position 0) does not match host"
                        + " 'www.example.com': no subjectAltName, and the subject CN is not used (RFC 9525)");
        assertThat(outcome(() -> legacy.verifyServer(List.of(noSan), ServerCheck.host("www.example.com")))).isEqualTo("accept");
    }

    private static byte[] sanDer(GeneralName... names) {
        try {
            return new GeneralNames(names).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "accept", or the alert and message; anything else that escapes is a failure of the test. */
    private static String outcome(Runnable check) {
        try {
            check.run();
            return "accept";
        } catch (TlsAlertException e) {
            return e.description().rfcName() + ": " + e.detail();
        }
    }

    private void run() {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HostnameVerifier v = c.cnFallback ? HostnameVerifier.withCommonNameFallback() : HostnameVerifier.strict();
            String expected = c.expected == null ? "accept" : c.alert.rfcName() + ": " + c.expected;
            String actual;
            try {
                actual = outcome(() -> v.verify(c.leaf, c.host));
            } catch (RuntimeException e) {
                actual = "escaped " + e;
            }
            boolean ok = expected.endsWith("...")
                    ? actual.startsWith(expected.substring(0, expected.length() - 3)) : expected.equals(actual);
            if (!ok) {
                failures.add(c.name + " (host " + c.host + ", fallback " + c.cnFallback + ")\n    expected "
                        + expected + "\n    but was  " + actual);
            }
        }
        assertThat(cases).isNotEmpty();
        assertThat(failures).as("cases that did not give the expected outcome").isEmpty();
    }
}
