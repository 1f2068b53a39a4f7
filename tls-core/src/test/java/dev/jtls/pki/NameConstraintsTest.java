package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.testing.TestCerts;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * RFC 5280 §4.2.1.10 name constraints on certificates made with bcpkix. Each case names the
 * expected outcome from the RFC text (and the documented leading-dot and CN choices), not from
 * jtls's output.
 */
class NameConstraintsTest {
    private static final KeyPair CA_KEYS = TestCerts.keyPair(TestCerts.Kind.EC_P256);
    private static final KeyPair LEAF_KEYS = TestCerts.keyPair(TestCerts.Kind.EC_P256);
    private static long serial = 1000;

    // ---- certificate making -------------------------------------------------------------------

    static GeneralName dns(String n) {
        return new GeneralName(GeneralName.dNSName, n);
    }

    static GeneralName email(String n) {
        return new GeneralName(GeneralName.rfc822Name, n);
    }

    static GeneralName uri(String n) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, n);
    }

    static GeneralName dn(String n) {
        return new GeneralName(new X500Name(n));
    }

    static GeneralName ip(String address) throws Exception {
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(address).getAddress()));
    }

    /** An iPAddress subtree: address then mask of {@code prefix} ones. */
    static GeneralName ipSubtree(String address, int prefix) throws Exception {
        byte[] a = InetAddress.getByName(address).getAddress();
        byte[] v = new byte[a.length * 2];
        System.arraycopy(a, 0, v, 0, a.length);
        for (int i = 0; i < prefix; i++) {
            v[a.length + i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(v));
    }

    static byte[] ncValue(List<GeneralName> permitted, List<GeneralName> excluded) throws Exception {
        List<ASN1Encodable> parts = new ArrayList<>();
        if (!permitted.isEmpty()) {
            parts.add(new DERTaggedObject(false, 0, subtrees(permitted)));
        }
        if (!excluded.isEmpty()) {
            parts.add(new DERTaggedObject(false, 1, subtrees(excluded)));
        }
        return new DERSequence(parts.toArray(new ASN1Encodable[0])).getEncoded();
    }

    private static DERSequence subtrees(List<GeneralName> names) {
        ASN1Encodable[] s = new ASN1Encodable[names.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new GeneralSubtree(names.get(i));
        }
        return new DERSequence(s);
    }

    static X509Certificate ca(byte[] ncValue, boolean critical) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Constrained CA"),
                BigInteger.valueOf(serial++), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=Constrained CA"), CA_KEYS.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.nameConstraints, critical, ncValue);
        return sign(b);
    }

    static X509Certificate leaf(String subject, GeneralName... sans) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Constrained CA"),
                BigInteger.valueOf(serial++), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), LEAF_KEYS.getPublic());
        if (sans.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        return sign(b);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(CA_KEYS.getPrivate())));
    }

    static NameConstraints constraints(List<GeneralName> permitted, List<GeneralName> excluded) throws Exception {
        byte[] value = ncValue(permitted, excluded);
        return NameConstraints.decode(value, ca(value, true), 1);
    }

    static void accepts(NameConstraints nc, X509Certificate leaf) {
        assertThatCode(() -> nc.check(leaf, 0, true)).doesNotThrowAnyException();
    }

    static void refuses(NameConstraints nc, X509Certificate leaf, String nameInMessage) {
        assertThatThrownBy(() -> nc.check(leaf, 0, true))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> assertThat(e.problem()).isEqualTo(ChainProblem.NAME_CONSTRAINTS))
                .hasMessageContaining(nameInMessage)
                .hasMessageContaining("CN=Constrained CA' (position 1");
    }

    static void malformed(byte[] value, ChainProblem problem, String why) throws Exception {
        X509Certificate carrier = ca(ncValue(List.of(dns("example.com")), List.of()), true);
        assertThatThrownBy(() -> NameConstraints.decode(value, carrier, 2))
                .isInstanceOfSatisfying(CertificateRejection.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.position()).isEqualTo(2);
                })
                .hasMessageContaining(why);
    }

    // ---- dNSName --------------------------------------------------------------------------------

    @Test
    void dnsBaseWithoutDotPermitsTheNameAndEverySubdomainOnLabelBoundaries() throws Exception {
        NameConstraints nc = constraints(List.of(dns("example.com")), List.of());
        accepts(nc, leaf("CN=x", dns("example.com")));
        accepts(nc, leaf("CN=x", dns("www.example.com")));
        accepts(nc, leaf("CN=x", dns("a.b.example.com")));
        accepts(nc, leaf("CN=x", dns("WWW.Example.COM")));
        refuses(nc, leaf("CN=x", dns("badexample.com")), "DNS:badexample.com");
        refuses(nc, leaf("CN=x", dns("example.org")), "outside the subtrees permitted");
        // Every name must be permitted, not just one.
        refuses(nc, leaf("CN=x", dns("www.example.com"), dns("evil.com")), "DNS:evil.com");
    }

    @Test
    void dnsBaseWithLeadingDotIsMalformed() throws Exception {
        // RFC 5280 §4.2.1.10: a dNSName base is a host name; x509-limbo
        // rfc5280::nc::invalid-dnsname-leading-period expects the strict refusal.
        for (List<GeneralName> permitted : List.of(List.of(dns(".example.com")), List.<GeneralName>of())) {
            List<GeneralName> excluded = permitted.isEmpty() ? List.of(dns(".evil.com")) : List.of();
            byte[] value = ncValue(permitted, excluded);
            assertThatThrownBy(() -> NameConstraints.decode(value, ca(value, true), 1))
                    .isInstanceOfSatisfying(CertificateRejection.class, e -> {
                        assertThat(e.problem()).isEqualTo(ChainProblem.MALFORMED);
                        assertThat(e.getMessage()).contains("begins with a dot").contains("§4.2.1.10");
                    });
        }
    }

    @Test
    void constraintsAreCaseInsensitive() throws Exception {
        NameConstraints nc = constraints(List.of(dns("Example.COM")), List.of(dns("BAD.example.com")));
        accepts(nc, leaf("CN=x", dns("www.EXAMPLE.com")));
        refuses(nc, leaf("CN=x", dns("x.bad.EXAMPLE.com")), "excluded");
    }

    @Test
    void excludedWinsOverPermitted() throws Exception {
        NameConstraints nc = constraints(List.of(dns("example.com")), List.of(dns("bad.example.com")));
        accepts(nc, leaf("CN=x", dns("good.example.com")));
        refuses(nc, leaf("CN=x", dns("bad.example.com")), "is in a subtree excluded");
        refuses(nc, leaf("CN=x", dns("a.bad.example.com")), "DNS:a.bad.example.com");
    }

    @Test
    void excludedOnlyLeavesEverythingElse() throws Exception {
        NameConstraints nc = constraints(List.of(), List.of(dns("evil.com")));
        accepts(nc, leaf("CN=x", dns("example.com")));
        refuses(nc, leaf("CN=x", dns("www.evil.com")), "DNS:www.evil.com");
    }

    @Test
    void wildcardNamesMustFitEntirelyAndMustNotReachAnExcludedName() throws Exception {
        accepts(constraints(List.of(dns("example.com")), List.of()), leaf("CN=x", dns("*.example.com")));
        // "*.example.com" can be "other.example.com", which "www.example.com" does not permit.
        refuses(constraints(List.of(dns("www.example.com")), List.of()), leaf("CN=x", dns("*.example.com")),
                "DNS:*.example.com");
        // ... and can be "foo.example.com", which is excluded.
        refuses(constraints(List.of(), List.of(dns("foo.example.com"))), leaf("CN=x", dns("*.example.com")),
                "excluded");
        accepts(constraints(List.of(), List.of(dns("a.foo.example.com"))), leaf("CN=x", dns("*.example.com")));
    }

    @Test
    void anInvalidDnsNameCannotBeCheckedAndIsRefused() throws Exception {
        NameConstraints nc = constraints(List.of(), List.of(dns("evil.com")));
        refuses(nc, leaf("CN=x", dns("evil.com.")), "not a valid host name");
        refuses(nc, leaf("CN=x", dns("a..evil.com")), "not a valid host name");
    }

    @Test
    void aHostNameCnIsCheckedWhenTheLeafHasNoDnsSan() throws Exception {
        NameConstraints nc = constraints(List.of(dns("example.com")), List.of());
        refuses(nc, leaf("CN=evil.com"), "DNS:evil.com");
        refuses(nc, leaf("CN=evil.com", ip("10.0.0.1")), "DNS:evil.com");
        accepts(nc, leaf("CN=www.example.com"));
        // Not a host name: not checked.
        accepts(nc, leaf("CN=Example Web Server"));
        // A DNS SAN present: the CN is not a name the client uses.
        accepts(nc, leaf("CN=evil.com", dns("www.example.com")));
        // Only the leaf's CN (position 0); and not when the subject is not to be checked.
        X509Certificate cnOnly = leaf("CN=evil.com");
        assertThatCode(() -> nc.check(cnOnly, 1, true)).doesNotThrowAnyException();
        assertThatCode(() -> nc.check(cnOnly, 0, false)).doesNotThrowAnyException();
        // Excluded names too.
        refuses(constraints(List.of(), List.of(dns("evil.com"))), leaf("CN=www.evil.com"), "DNS:www.evil.com");
    }

    @Test
    void permittedSubtreesOfOneFormDoNotConstrainOtherForms() throws Exception {
        NameConstraints nc = constraints(List.of(dns("example.com")), List.of());
        accepts(nc, leaf("CN=Server", ip("192.0.2.1")));
        accepts(nc, leaf("CN=Server", email("root@elsewhere.org")));
        NameConstraints ipOnly = constraints(List.of(ipSubtree("10.0.0.0", 8)), List.of());
        accepts(ipOnly, leaf("CN=x", dns("anything.org")));
    }

    // ---- iPAddress ------------------------------------------------------------------------------

    @Test
    void ipv4AndIpv6SubtreesWithMasks() throws Exception {
        NameConstraints nc = constraints(List.of(ipSubtree("10.0.0.0", 8), ipSubtree("2001:db8::", 32)),
                List.of(ipSubtree("10.9.0.0", 16)));
        accepts(nc, leaf("CN=x", ip("10.1.2.3")));
        accepts(nc, leaf("CN=x", ip("2001:db8:ffff::1")));
        refuses(nc, leaf("CN=x", ip("11.0.0.1")), "IP:11.0.0.1");
        refuses(nc, leaf("CN=x", ip("2001:db9::1")), "IP:2001:db9::1");
        refuses(nc, leaf("CN=x", ip("10.9.8.7")), "excluded");
        NameConstraints host = constraints(List.of(ipSubtree("192.0.2.7", 32)), List.of());
        accepts(host, leaf("CN=x", ip("192.0.2.7")));
        refuses(host, leaf("CN=x", ip("192.0.2.8")), "IP:192.0.2.8");
    }

    @Test
    void anIpv4MappedIpv6NameIsCheckedAsItsIpv4AddressToo() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        GeneralName san = new GeneralName(GeneralName.iPAddress, new DEROctetString(mapped));
        refuses(constraints(List.of(), List.of(ipSubtree("10.0.0.0", 8))), leaf("CN=x", san), "excluded");
        accepts(constraints(List.of(ipSubtree("10.0.0.0", 8)), List.of()), leaf("CN=x", san));
        refuses(constraints(List.of(ipSubtree("192.168.0.0", 16)), List.of()), leaf("CN=x", san), "outside");
    }

    @Test
    void anIpv4NameIsNotPermittedByIpv6SubtreesOnly() throws Exception {
        NameConstraints nc = constraints(List.of(ipSubtree("::", 0)), List.of());
        accepts(nc, leaf("CN=x", ip("2001:db8::1")));
        refuses(nc, leaf("CN=x", ip("192.0.2.1")), "IP:192.0.2.1");
    }

    @Test
    void ipSubtreesMustBeEightOrThirtyTwoBytesWithAContiguousMask() throws Exception {
        malformed(ncValue(List.of(new GeneralName(GeneralName.iPAddress,
                new DEROctetString(new byte[] {10, 0, 0, 0, (byte) 255, 0, (byte) 255, 0}))), List.of()),
                ChainProblem.MALFORMED, "not contiguous");
        malformed(ncValue(List.of(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 0}))),
                List.of()), ChainProblem.MALFORMED, "not 8 (IPv4) or 32 (IPv6)");
    }

    // ---- rfc822Name -----------------------------------------------------------------------------

    @Test
    void emailHostMailboxAndSubdomainForms() throws Exception {
        NameConstraints host = constraints(List.of(email("example.com")), List.of());
        accepts(host, leaf("CN=x", email("alice@example.com")));
        accepts(host, leaf("CN=x", email("alice@EXAMPLE.com")));
        refuses(host, leaf("CN=x", email("alice@sub.example.com")), "email:alice@sub.example.com");
        NameConstraints sub = constraints(List.of(email(".example.com")), List.of());
        accepts(sub, leaf("CN=x", email("alice@sub.example.com")));
        refuses(sub, leaf("CN=x", email("alice@example.com")), "email:alice@example.com");
        NameConstraints mailbox = constraints(List.of(email("alice@example.com")), List.of());
        accepts(mailbox, leaf("CN=x", email("alice@example.com")));
        refuses(mailbox, leaf("CN=x", email("bob@example.com")), "email:bob@example.com");
        refuses(constraints(List.of(), List.of(email("example.com"))), leaf("CN=x", email("eve@example.com")),
                "excluded");
    }

    @Test
    void anAddressWithTwoAtSignsIsNeitherAMailboxNorASubtree() throws Exception {
        // x509-limbo rfc5280::nc::nc-permits-invalid-email-san and ::invalid-email-address: the text
        // after the last '@' is a permitted host, but "invalid@address" is not a local part.
        NameConstraints host = constraints(List.of(email("example.com")), List.of());
        accepts(host, leaf("CN=x", email("good@example.com")));
        refuses(host, leaf("CN=x", email("good@example.com"), email("invalid@address@example.com")),
                "is not a mailbox");
        malformed(ncValue(List.of(email("invalid@invalid@example.com")), List.of()), ChainProblem.MALFORMED,
                "is not a mailbox, host or domain");
    }

    @Test
    void theSubjectEmailAddressAttributeIsCheckedToo() throws Exception {
        NameConstraints nc = constraints(List.of(email("example.com")), List.of());
        refuses(nc, leaf("CN=x,E=eve@evil.com"), "email:eve@evil.com");
        accepts(nc, leaf("CN=x,E=alice@example.com"));
        X509Certificate evil = leaf("CN=x,E=eve@evil.com");
        assertThatCode(() -> nc.check(evil, 0, false)).doesNotThrowAnyException();
    }

    // ---- directoryName --------------------------------------------------------------------------

    @Test
    void directoryNamesArePrefixMatchedWithFoldedStrings() throws Exception {
        NameConstraints nc = constraints(List.of(dn("C=US,O=Example  Corp")), List.of(dn("C=US,O=Example Corp,OU=Bad")));
        accepts(nc, leaf("C=US,O=Example Corp,CN=leaf"));
        accepts(nc, leaf("C=us,O=  EXAMPLE corp ,CN=leaf"));
        refuses(nc, leaf("C=US,O=Other,CN=leaf"), "DN:");
        refuses(nc, leaf("C=US,O=Example Corp,OU=Bad,CN=leaf"), "excluded");
        // The constraint's RDNs must come first, not just appear.
        refuses(nc, leaf("CN=leaf,C=US,O=Example Corp"), "outside");
        // directoryName SANs are checked as well.
        refuses(nc, leaf("C=US,O=Example Corp,CN=leaf", dn("C=US,O=Other")), "O=Other");
        // The subject is skipped when asked, the SAN is not.
        X509Certificate otherSubject = leaf("C=US,O=Other,CN=leaf");
        assertThatCode(() -> nc.check(otherSubject, 0, false)).doesNotThrowAnyException();
    }

    @Test
    void anRdnWithTooManyAttributesIsRefusedAsMalformed() throws Exception {
        StringBuilder subject = new StringBuilder("CN=x");
        for (int i = 0; i < DistinguishedName.MAX_ATTRIBUTES_PER_RDN; i++) {
            subject.append("+OU=u").append(i);
        }
        NameConstraints nc = constraints(List.of(dn("C=US")), List.of());
        X509Certificate wide = leaf(subject.toString());
        assertThatThrownBy(() -> nc.check(wide, 0, true))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> assertThat(e.problem()).isEqualTo(ChainProblem.MALFORMED))
                .hasMessageContaining("more than 32 attributes");
    }

    // ---- URI ------------------------------------------------------------------------------------

    @Test
    void uriConstraintsApplyToTheHost() throws Exception {
        NameConstraints host = constraints(List.of(uri("example.com")), List.of());
        accepts(host, leaf("CN=x", uri("https://example.com/path")));
        accepts(host, leaf("CN=x", uri("https://user@EXAMPLE.com:8443/path?q#f")));
        refuses(host, leaf("CN=x", uri("https://www.example.com/")), "URI:https://www.example.com/");
        NameConstraints sub = constraints(List.of(uri(".example.com")), List.of());
        accepts(sub, leaf("CN=x", uri("https://www.example.com/")));
        refuses(sub, leaf("CN=x", uri("https://example.com/")), "URI:https://example.com/");
        refuses(sub, leaf("CN=x", uri("https://192.0.2.1/")), "no host name");
        refuses(sub, leaf("CN=x", uri("urn:example:a")), "no host name");
        refuses(constraints(List.of(), List.of(uri("evil.com"))), leaf("CN=x", uri("http://evil.com")), "excluded");
    }

    // ---- forms jtls does not process -------------------------------------------------------------

    @Test
    void aCriticalConstraintOnAnUnprocessedFormRefusesCertificatesWithSuchNames() throws Exception {
        GeneralName registered = new GeneralName(GeneralName.registeredID, new ASN1ObjectIdentifier("1.2.3.4"));
        byte[] value = ncValue(List.of(registered), List.of());
        X509Certificate withRegisteredId = leaf("CN=x", registered, dns("www.example.com"));
        NameConstraints critical = NameConstraints.decode(value, ca(value, true), 1);
        refuses(critical, withRegisteredId, "registeredID");
        accepts(critical, leaf("CN=x", dns("www.example.com")));
        NameConstraints nonCritical = NameConstraints.decode(value, ca(value, false), 1);
        accepts(nonCritical, withRegisteredId);
    }

    // ---- malformed extensions --------------------------------------------------------------------

    @Test
    void refusesMalformedExtensions() throws Exception {
        malformed(new DERSequence().getEncoded(), ChainProblem.PROFILE, "neither permittedSubtrees nor excludedSubtrees");
        malformed(new byte[] {0x30, 0x03, 0x02, 0x01}, ChainProblem.MALFORMED, "cannot be read");
        malformed(new byte[] {0x04, 0x00}, ChainProblem.MALFORMED, "not a SEQUENCE");
        malformed(new DERSequence(new DERTaggedObject(false, 0, new DERSequence())).getEncoded(), ChainProblem.MALFORMED,
                "empty");
        malformed(subtreeWith(new DERTaggedObject(false, 0, new ASN1Integer(1))), ChainProblem.PROFILE, "minimum");
        malformed(subtreeWith(new DERTaggedObject(false, 0, new ASN1Integer(0))), ChainProblem.MALFORMED, "DEFAULT");
        malformed(subtreeWith(new DERTaggedObject(false, 1, new ASN1Integer(3))), ChainProblem.PROFILE, "maximum");
        malformed(ncValue(List.of(dns("exa mple.com")), List.of()), ChainProblem.MALFORMED, "not a host name");
        // Trailing bytes after the SEQUENCE.
        byte[] good = ncValue(List.of(dns("example.com")), List.of());
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 1);
        malformed(padded, ChainProblem.MALFORMED, "unexpected bytes");
    }

    private static byte[] subtreeWith(ASN1Encodable extra) throws Exception {
        DERSequence subtree = new DERSequence(new ASN1Encodable[] {dns("example.com"), extra});
        return new DERSequence(new DERTaggedObject(false, 0, new DERSequence(subtree))).getEncoded();
    }

    @Test
    void aMalformedSubjectAltNameIsMalformedNotAViolation() throws Exception {
        NameConstraints nc = constraints(List.of(dns("example.com")), List.of());
        X509Certificate bad = TestCerts.leafWithRawSan(TestCerts.ca("Any", TestCerts.Kind.EC_P256), "x",
                TestCerts.Kind.EC_P256, new byte[] {0x30, 0x03, (byte) 0x87, 0x01, 0x01}).certificate();
        assertThatThrownBy(() -> nc.check(bad, 0, true))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> assertThat(e.problem()).isEqualTo(ChainProblem.MALFORMED))
                .hasMessageContaining("iPAddress");
    }

    private static final X509Certificate ANY_CARRIER = TestCerts.ca("Carrier", TestCerts.Kind.EC_P256).certificate();

    @net.jqwik.api.Property(tries = 500)
    void arbitraryExtensionValuesDecodeOrGiveOnlyARejection(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(max = 200) byte[] value) {
        try {
            NameConstraints.decode(value, ANY_CARRIER, 1);
        } catch (CertificateRejection e) {
            assertThat(e.problem()).isIn(ChainProblem.MALFORMED, ChainProblem.PROFILE);
        }
    }

    // ---- bounded work ---------------------------------------------------------------------------

    @Test
    void twoThousandSubtreesAgainstTwoThousandNamesIsRefusedQuickly() throws Exception {
        List<GeneralName> subtrees = new ArrayList<>();
        GeneralName[] sans = new GeneralName[2048];
        for (int i = 0; i < 2048; i++) {
            subtrees.add(dns("host" + i + ".example.com"));
            sans[i] = dns("name" + i + ".example.org");
        }
        byte[] value = ncValue(subtrees, List.of());
        X509Certificate carrier = ca(value, true);
        X509Certificate leaf = leaf("CN=x", sans);
        long start = System.nanoTime();
        NameConstraints nc = NameConstraints.decode(value, carrier, 1);
        assertThatThrownBy(() -> nc.check(leaf, 0, true))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> assertThat(e.problem()).isEqualTo(ChainProblem.NAME_CONSTRAINTS))
                .hasMessageContaining("too many names to check");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aLargeButBoundedCheckStillCompletes() throws Exception {
        // 1,024 x 1,024 = 2^20 comparisons: at the bound, done, and every name permitted.
        List<GeneralName> subtrees = new ArrayList<>();
        GeneralName[] sans = new GeneralName[1024];
        for (int i = 0; i < 1024; i++) {
            subtrees.add(dns("zone" + i + ".example.com"));
            sans[i] = dns("www.zone" + i + ".example.com");
        }
        byte[] value = ncValue(subtrees, List.of());
        NameConstraints nc = NameConstraints.decode(value, ca(value, true), 1);
        X509Certificate leaf = leaf("CN=x", sans);
        long start = System.nanoTime();
        accepts(nc, leaf);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
