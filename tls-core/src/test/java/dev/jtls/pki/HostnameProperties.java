package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Kind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * IP literal parsing agrees with the JDK's text forms (RFC 4291 §2.2, RFC 5952), and no host string
 * or presented name makes anything but the documented alert escape.
 */
class HostnameProperties {
    private static final X509Certificate LEAF = TestCerts.leaf(TestCerts.ca("Hostname Property CA", Kind.EC_P256),
            "www.example.com", Kind.EC_P256, List.of("www.example.com", "*.example.org", "10.0.0.1", "::1"))
            .certificate();

    @Property
    void ipv6TextFormsParseToTheirBytes(@ForAll @Size(16) byte[] raw, @ForAll byte zeroGroups)
            throws UnknownHostException {
        byte[] address = raw.clone();
        for (int g = 0; g < 8; g++) {
            if ((zeroGroups >> g & 1) != 0) {
                // Zero runs exercise "::".
                address[2 * g] = 0;
                address[2 * g + 1] = 0;
            }
        }
        // The JDK's full form, as getSubjectAlternativeNames() writes iPAddress entries.
        String jdkForm = Inet6Address.getByAddress(null, address, -1).getHostAddress();
        assertThat(IpLiteral.parseIpv6(jdkForm)).as(jdkForm).isEqualTo(address);
        assertThat(IpLiteral.parseIpv6(jdkForm.toUpperCase(Locale.ROOT))).isEqualTo(address);
        // Our RFC 5952 form parses back, and the JDK's literal parser reads it the same.
        String shortForm = IpLiteral.format(address);
        assertThat(IpLiteral.parseIpv6(shortForm)).as(shortForm).isEqualTo(address);
        // (A literal: no name lookup. The JDK turns IPv4-mapped addresses into 4-byte ones.)
        assertThat(InetAddress.getByName(shortForm).getAddress()).as(shortForm)
                .isEqualTo(isMapped(address) ? Arrays.copyOfRange(address, 12, 16) : address);
        // The same address with its last 32 bits as a dotted quad (RFC 4291 §2.2 form 3).
        String head = jdkForm.substring(0, nthColon(jdkForm, 6) + 1);
        String dotted = head + (address[12] & 0xff) + "." + (address[13] & 0xff) + "." + (address[14] & 0xff) + "."
                + (address[15] & 0xff);
        assertThat(IpLiteral.parseIpv6(dotted)).as(dotted).isEqualTo(address);
    }

    @Property
    void ipv4DottedQuadsParseToTheirBytes(@ForAll @Size(4) byte[] address) {
        String text = (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                + (address[3] & 0xff);
        assertThat(IpLiteral.parseIpv4(text)).as(text).isEqualTo(address);
        assertThat(IpLiteral.format(address)).isEqualTo(text);
        // A leading zero is octal to some parsers: refused rather than guessed.
        assertThat(IpLiteral.parseIpv4("0" + text)).isNull();
        assertThat(IpLiteral.parseIpv6(text)).isNull();
    }

    @Example
    void ipLiteralEdgeCases() {
        assertThat(IpLiteral.parseIpv6("::")).isEqualTo(new byte[16]);
        for (String bad : List.of("", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::", "1.2.3.4::", "::1.2.3", "::1.2.3.256",
                "::01.2.3.4", ":1::", "1::2:", "::%1", "::1/64", "[::1]", "１::")) {
            assertThat(IpLiteral.parseIpv6(bad)).as(bad).isNull();
        }
        assertThat(IpLiteral.parseIpv6("1:2:3:4:5:6:7::")).isEqualTo(new byte[] {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6,
                0, 7, 0, 0});
        assertThat(IpLiteral.format(new byte[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}))
                .isEqualTo("1:0:0:1::1");
        assertThat(IpLiteral.format(new byte[] {0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}))
                .as("RFC 5952 §4.2.2: no :: for one zero group").isEqualTo("1:0:1:1:1:1:1:1");
        for (String bad : List.of("1.2.3", "1.2.3.4.", "1..2.3", "256.1.1.1", "1.2.3.4 ", "+1.2.3.4", "1.2.3.0x4")) {
            assertThat(IpLiteral.parseIpv4(bad)).as(bad).isNull();
        }
    }

    @Property
    void noHostMakesAnythingButTheAlertEscape(@ForAll String host) {
        for (HostnameVerifier v : List.of(HostnameVerifier.strict(), HostnameVerifier.withCommonNameFallback())) {
            try {
                v.verify(LEAF, host);
            } catch (TlsAlertException e) {
                assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000");
            }
        }
    }

    @Property
    void presentedNamesMatchOnlyAsRfc9525Says(
            @ForAll @Chars({'a', 'b', 'A', 'B', '.', '-', '*', '\u212A', '0'}) @StringLength(max = 12) String presented,
            @ForAll @Chars({'a', 'b', 'A', 'B', '.', '-', '\u212A', '0'}) @StringLength(max = 12) String host) {
        String reference;
        try {
            reference = ((ReferenceIdentifier.DnsName) ReferenceIdentifier.parse(host)).name();
        } catch (IllegalArgumentException e) {
            // An unusable host is refused by verify as a local error, whatever the certificate says.
            assertThatThrownBy(() -> HostnameVerifier.strict().verify(LEAF, host))
                    .isInstanceOfSatisfying(TlsAlertException.class,
                            t -> assertThat(t.description()).isEqualTo(AlertDescription.INTERNAL_ERROR));
            return;
        }
        boolean matches = HostnameVerifier.dnsMatches(presented, reference);
        boolean ascii = presented.chars().allMatch(c -> c < 0x80);
        String pattern = presented.toLowerCase(Locale.ROOT);
        if (presented.indexOf('*') < 0) {
            assertThat(matches).isEqualTo(ascii && pattern.equals(reference));
        } else if (matches) {
            // Only a well-formed "*.x.y" matches, and only a host of one more label with the same rest.
            assertThat(ascii).isTrue();
            assertThat(HostnameVerifier.wildcardProblem(pattern)).isNull();
            assertThat(reference.substring(reference.indexOf('.'))).isEqualTo(pattern.substring(1));
            assertThat(reference.substring(0, reference.indexOf('.'))).isNotEmpty().doesNotContain(".");
        }
    }

    @Example
    void dnsMatchingTable() {
        assertThat(HostnameVerifier.dnsMatches("*.example.com", "a.example.com")).isTrue();
        assertThat(HostnameVerifier.dnsMatches("*.example.com", "example.com")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.example.com", "aexample.com")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.example.com", ".example.com")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.", "a.")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*", "localhost")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("\u212Aey.example", "key.example")).as("Kelvin sign").isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.\u212Aey.example", "a.key.example")).as("Kelvin sign").isFalse();
        assertThat(HostnameVerifier.wildcardProblem("*.example.com")).isNull();
        assertThat(HostnameVerifier.wildcardProblem("*..com")).isEqualTo("empty label");
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static int nthColon(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(':', at + 1);
        }
        return at;
    }
}
