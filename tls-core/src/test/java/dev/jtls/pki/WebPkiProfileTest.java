package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.CLOCK;
import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static dev.jtls.pki.ChainFixtures.accept;
import static dev.jtls.pki.ChainFixtures.anchors;
import static dev.jtls.pki.ChainFixtures.assertRejection;
import static dev.jtls.pki.ChainFixtures.reject;
import static dev.jtls.testing.CertBuilder.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import dev.jtls.testing.CertBuilder.Kind;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The rules that differ between {@link ValidationPolicy.Profile#WEB_PKI} and {@link
 * ValidationPolicy.Profile#RFC_5280} (each shown with both outcomes), direct trust of a leaf, path
 * length with self-issued CAs, weak keys reported as weak, policy constraints and message length.
 */
class WebPkiProfileTest {
    private static final ValidationPolicy RFC = WEB.toBuilder().profile(ValidationPolicy.Profile.RFC_5280).build();

    private static List<X509Certificate> withIntermediate(Issued leaf) {
        return chain(leaf, INTERMEDIATE);
    }

    private static ValidatedPath validate(List<X509Certificate> chain, ValidationPolicy policy, Issued... roots) {
        return new ChainValidator(anchors(roots)).validate(chain, policy, KeyUse.DIGITAL_SIGNATURE);
    }

    /** Refused under the Web PKI with {@code problem} at {@code position}, accepted under RFC 5280. */
    private static void webPkiOnly(List<X509Certificate> chain, ChainProblem problem, int position, String text,
                                   Issued... roots) {
        CertificateRejection e = reject(chain, WEB, KeyUse.DIGITAL_SIGNATURE, roots);
        assertRejection(e, problem, position);
        assertThat(e.getMessage()).contains(text);
        assertThat(validate(chain, RFC, roots).certificates()).isNotEmpty();
    }

    /** As `openssl req -x509 -subj /CN=localhost -addext subjectAltName=DNS:localhost`: CA:TRUE, no EKU, no keyUsage. */
    private static CertBuilder selfSignedLocalhost() {
        return CertBuilder.root("localhost", Kind.EC_P256).without(Extension.keyUsage)
                .add(CertBuilder.ext(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost"))));
    }

    @Test
    void aDirectlyTrustedSelfSignedLeafIsAcceptedForItsOwnNames() {
        Issued self = selfSignedLocalhost().build();
        for (ValidationPolicy policy : List.of(WEB, RFC)) {
            assertThat(validate(chain(self), policy, self).certificates()).containsExactly(self.certificate());
        }
        PkixTrustVerifier verifier = new PkixTrustVerifier(new ChainValidator(anchors(self)), WEB,
                ChainFixtures.CLIENT, HostnameVerifier.strict());
        verifier.verifyServer(chain(self), new ServerCheck("localhost", KeyUse.DIGITAL_SIGNATURE, null));
        assertThatThrownBy(() -> verifier.verifyServer(chain(self),
                new ServerCheck("example.com", KeyUse.DIGITAL_SIGNATURE, null)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.BAD_CERTIFICATE));
        // Not the same certificate (same name and key, other serial): not directly trusted, and as a
        // leaf issued by the anchor it is a CA certificate in an end-entity's place.
        Issued twin = selfSignedLocalhost().keys(self.keys()).build();
        assertRejection(reject(chain(twin), self), ChainProblem.PROFILE, 0);
    }

    @Test
    void theJsseProvidersTrustManagerTrustsADirectlyTrustedLeaf() throws Exception {
        Issued self = selfSignedLocalhost().validity(java.time.Instant.now().minusSeconds(600),
                java.time.Instant.now().plusSeconds(86_400)).build();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("self", self.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX",
                new dev.jtls.jsse.JtlsProvider());
        tmf.init(ks);
        javax.net.ssl.X509ExtendedTrustManager tm = (javax.net.ssl.X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.2");
        ctx.init(null, null, null);
        X509Certificate[] certs = {self.certificate()};
        for (String host : List.of("localhost", "example.com")) {
            javax.net.ssl.SSLEngine engine = ctx.createSSLEngine(host, 443);
            javax.net.ssl.SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
            if (host.equals("localhost")) {
                tm.checkServerTrusted(certs, "ECDHE_ECDSA", engine);
            } else {
                assertThatThrownBy(() -> tm.checkServerTrusted(certs, "ECDHE_ECDSA", engine))
                        .isInstanceOf(java.security.cert.CertificateException.class)
                        .hasMessageContaining("does not match host 'example.com'");
            }
        }
    }

    @Test
    void aDirectlyTrustedLeafStillNeedsValidityAlgorithmsKeyAndKeyUsage() {
        Issued expired = selfSignedLocalhost().expired().build();
        assertRejection(reject(chain(expired), expired), ChainProblem.EXPIRED, 0);
        Issued sha1 = selfSignedLocalhost().signatureAlgorithm("SHA1withECDSA").build();
        assertRejection(reject(chain(sha1), sha1), ChainProblem.WEAK_ALGORITHM, 0);
        Issued rsa1024 = selfSignedLocalhost().keys(CertBuilder.cached(Kind.RSA_1024)).build();
        assertRejection(reject(chain(rsa1024), rsa1024), ChainProblem.WEAK_ALGORITHM, 0);
        Issued caOnly = selfSignedLocalhost().add(CertBuilder.ext(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign))).build();
        assertRejection(reject(chain(caOnly), caOnly), ChainProblem.KEY_USAGE, 0);
        Issued clientOnly = selfSignedLocalhost().add(CertBuilder.ext(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))).build();
        assertRejection(reject(chain(clientOnly), clientOnly), ChainProblem.EXTENDED_KEY_USAGE, 0);
    }

    @Test
    void anchorContentsUnderTheWebPki() {
        Issued nonCriticalBc = CertBuilder.root("Lax Root", Kind.EC_P256)
                .replace(Extension.basicConstraints, false, new BasicConstraints(true)).build();
        webPkiOnly(chain(CertBuilder.leaf("a.example", nonCriticalBc).build()), ChainProblem.PROFILE, 1,
                "basicConstraints is not critical", nonCriticalBc);

        Issued noSki = CertBuilder.root("No SKI Root", Kind.EC_P256).without(Extension.subjectKeyIdentifier).build();
        Issued leafOfNoSki = CertBuilder.leaf("b.example", noSki).build();
        webPkiOnly(chain(leafOfNoSki), ChainProblem.PROFILE, 1, "no subjectKeyIdentifier", noSki);

        Issued badAki = CertBuilder.root("Odd AKI Root", Kind.EC_P256).add(CertBuilder.ext(
                Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(new byte[] {1, 2, 3}))).build();
        webPkiOnly(chain(CertBuilder.leaf("c.example", badAki).build()), ChainProblem.PROFILE, 1,
                "differs from its own subjectKeyIdentifier", badAki);

        // A cross-signed anchor (an intermediate trusted directly) must carry its AKI.
        Issued cross = CertBuilder.intermediate("Cross Anchor", ROOT).without(Extension.authorityKeyIdentifier).build();
        webPkiOnly(chain(CertBuilder.leaf("d.example", cross).build()), ChainProblem.PROFILE, 1,
                "cross-signed", cross);

        Issued clientRoot = CertBuilder.root("Client Root", Kind.EC_P256).add(CertBuilder.ext(
                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))).build();
        webPkiOnly(chain(CertBuilder.leaf("e.example", clientRoot).build()), ChainProblem.EXTENDED_KEY_USAGE, 1,
                "may not issue serverAuth", clientRoot);
    }

    @Test
    void moreAnchorContentsUnderTheWebPki() {
        Issued laxNc = CertBuilder.root("NC Root", Kind.EC_P256).add(CertBuilder.ext(Extension.nameConstraints, false,
                new org.bouncycastle.asn1.x509.NameConstraints(new org.bouncycastle.asn1.x509.GeneralSubtree[] {
                    new org.bouncycastle.asn1.x509.GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"))},
                        null))).build();
        webPkiOnly(chain(CertBuilder.leaf("www.example.com", laxNc).build()), ChainProblem.PROFILE, 1,
                "nameConstraints is not critical", laxNc);
        Issued root = CertBuilder.root("AKI Root", Kind.EC_P256).build();
        Issued akiWithSerial = CertBuilder.root("AKI Root", Kind.EC_P256).keys(root.keys()).add(CertBuilder.ext(
                Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(CertBuilder.keyId(root.keys().getPublic()),
                        new GeneralNames(new GeneralName(root.name())), java.math.BigInteger.ONE))).build();
        webPkiOnly(chain(CertBuilder.leaf("f.example", akiWithSerial).build()), ChainProblem.PROFILE, 1,
                "names an issuer or serial", akiWithSerial);
    }

    @Test
    void inhibitAnyPolicyAndPolicyMappings() {
        ASN1ObjectIdentifier p1 = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1");
        ASN1ObjectIdentifier p2 = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2");
        ASN1EncodableVector require0 = new ASN1EncodableVector();
        require0.add(new DERTaggedObject(false, 0, new ASN1Integer(0)));
        CertificatePolicies any = new CertificatePolicies(new PolicyInformation(
                new ASN1ObjectIdentifier(PolicyTree.ANY_POLICY)));
        // The CA requires an explicit policy and maps p1 to p2; the leaf asserts p2: valid.
        Issued mapping = CertBuilder.intermediate("Mapping CA", ROOT)
                .add(CertBuilder.ext(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(p1))))
                .add(CertBuilder.ext(Extension.policyMappings, false, new org.bouncycastle.asn1.x509.PolicyMappings(
                        new org.bouncycastle.asn1.x509.CertPolicyId[] {org.bouncycastle.asn1.x509.CertPolicyId.getInstance(p1)},
                        new org.bouncycastle.asn1.x509.CertPolicyId[] {org.bouncycastle.asn1.x509.CertPolicyId.getInstance(p2)})))
                .add(CertBuilder.ext(Extension.policyConstraints, true, new DERSequence(require0))).build();
        Issued mapped = CertBuilder.leaf("www.example.com", mapping).add(CertBuilder.ext(Extension.certificatePolicies,
                false, new CertificatePolicies(new PolicyInformation(p2)))).build();
        accept(chain(mapped, mapping), ROOT);
        Issued unmapped = CertBuilder.leaf("www.example.com", mapping).add(CertBuilder.ext(Extension.certificatePolicies,
                false, new CertificatePolicies(new PolicyInformation(p1)))).build();
        assertRejection(reject(chain(unmapped, mapping), ROOT), ChainProblem.PROFILE, 0);
        // inhibitAnyPolicy 0: anyPolicy in the leaf no longer matches the CA's policy.
        Issued inhibiting = CertBuilder.intermediate("Inhibiting CA", ROOT)
                .add(CertBuilder.ext(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(p1))))
                .add(CertBuilder.ext(Extension.inhibitAnyPolicy, true, new ASN1Integer(0)))
                .add(CertBuilder.ext(Extension.policyConstraints, true, new DERSequence(require0))).build();
        Issued anyLeaf = CertBuilder.leaf("www.example.com", inhibiting)
                .add(CertBuilder.ext(Extension.certificatePolicies, false, any)).build();
        assertRejection(reject(chain(anyLeaf, inhibiting), ROOT), ChainProblem.PROFILE, 0);
        Issued p1Leaf = CertBuilder.leaf("www.example.com", inhibiting).add(CertBuilder.ext(Extension.certificatePolicies,
                false, new CertificatePolicies(new PolicyInformation(p1)))).build();
        accept(chain(p1Leaf, inhibiting), ROOT);
    }

    @Test
    void leafEkuUnderTheWebPki() {
        Issued anyBeside = CertBuilder.leaf("www.example.com", INTERMEDIATE)
                .eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.anyExtendedKeyUsage).build();
        webPkiOnly(withIntermediate(anyBeside), ChainProblem.EXTENDED_KEY_USAGE, 0, "anyExtendedKeyUsage beside", ROOT);
        Issued critical = CertBuilder.leaf("www.example.com", INTERMEDIATE).replace(Extension.extendedKeyUsage, true,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)).build();
        webPkiOnly(withIntermediate(critical), ChainProblem.EXTENDED_KEY_USAGE, 0, "is critical", ROOT);
    }

    @Test
    void leafNamesUnderTheWebPki() {
        Issued cnNotInSan = CertBuilder.leaf("www.example.com", INTERMEDIATE).subjectName("CN=other.example.com").build();
        webPkiOnly(withIntermediate(cnNotInSan), ChainProblem.PROFILE, 0, "is not one of its subjectAltName", ROOT);
        Issued upperCn = CertBuilder.leaf("www.example.com", INTERMEDIATE).subjectName("CN=WWW.Example.COM").build();
        accept(withIntermediate(upperCn), ROOT);
        Issued criticalSan = CertBuilder.leaf("www.example.com", INTERMEDIATE).replace(Extension.subjectAlternativeName,
                true, new GeneralNames(new GeneralName(GeneralName.dNSName, "www.example.com"))).build();
        webPkiOnly(withIntermediate(criticalSan), ChainProblem.PROFILE, 0, "subjectAltName is critical", ROOT);
    }

    @Test
    void rsaModulusMustBeAMultipleOfEightBitsUnderTheWebPki() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2052);
        Issued odd = CertBuilder.leaf("www.example.com", INTERMEDIATE).keys(g.generateKeyPair()).build();
        webPkiOnly(withIntermediate(odd), ChainProblem.WEAK_ALGORITHM, 0, "not a multiple of 8", ROOT);
    }

    @Test
    void aP192KeyIsReportedAsWeakNotAsABadSignature() {
        Issued p192Leaf = CertBuilder.leaf("www.example.com", INTERMEDIATE).keys(CertBuilder.cached(Kind.EC_P192)).build();
        assertRejection(reject(withIntermediate(p192Leaf), ROOT), ChainProblem.WEAK_ALGORITHM, 0);
        Issued p192Ca = CertBuilder.intermediate("P-192 CA", ROOT, CertBuilder.cached(Kind.EC_P192)).build();
        Issued leaf = CertBuilder.leaf("www.example.com", p192Ca).build();
        CertificateRejection e = reject(chain(leaf, p192Ca), ROOT);
        assertRejection(e, ChainProblem.WEAK_ALGORITHM, 1);
    }

    @Test
    void selfIssuedIntermediatesDoNotCountTowardPathLength() {
        Issued ca = CertBuilder.intermediate("Rollover CA", ROOT).pathLen(0).build();
        // Same name, new key: a key-rollover certificate (self-issued, RFC 5280 §6.1).
        Issued rolled = CertBuilder.intermediate("Rollover CA", ca).build();
        Issued leaf = CertBuilder.leaf("www.example.com", rolled).build();
        assertThat(accept(chain(leaf, rolled, ca), ROOT).certificates()).hasSize(4);
        ValidationPolicy oneIntermediate = WEB.toBuilder().maxIntermediates(1).build();
        assertThat(validate(chain(leaf, rolled, ca), oneIntermediate, ROOT).certificates()).hasSize(4);
        // A second CA that is not self-issued is one too many for pathLen 0 ...
        Issued other = CertBuilder.intermediate("Other CA", ca).build();
        Issued leaf2 = CertBuilder.leaf("www.example.com", other).build();
        assertRejection(reject(chain(leaf2, other, ca), ROOT), ChainProblem.PATH_TOO_LONG, 1);
        // ... and for a maximum of one intermediate.
        Issued free = CertBuilder.intermediate("Free CA", ROOT).build();
        Issued under = CertBuilder.intermediate("Under CA", free).build();
        Issued leaf3 = CertBuilder.leaf("www.example.com", under).build();
        assertThat(reject(chain(leaf3, under, free), oneIntermediate, KeyUse.DIGITAL_SIGNATURE, ROOT).problem())
                .isEqualTo(ChainProblem.PATH_TOO_LONG);
        assertThat(validate(chain(leaf3, under, free), WEB.toBuilder().maxIntermediates(2).build(), ROOT)
                .certificates()).hasSize(4);
    }

    @Test
    void policyConstraintsAreDecodedCheckedAndProcessed() {
        ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier("2.23.140.1.2.1");
        ASN1EncodableVector require0 = new ASN1EncodableVector();
        require0.add(new DERTaggedObject(false, 0, new ASN1Integer(0)));
        // Non-critical policyConstraints: RFC 5280 §4.2.1.11 requires it critical.
        Issued lax = CertBuilder.intermediate("Lax Policy CA", ROOT)
                .add(CertBuilder.ext(Extension.policyConstraints, false, new DERSequence(require0))).build();
        assertRejection(reject(chain(CertBuilder.leaf("www.example.com", lax).build(), lax), ROOT),
                ChainProblem.PROFILE, 1);
        // requireExplicitPolicy 0: the leaf must assert a policy the path allows.
        Issued strict = CertBuilder.intermediate("Policy CA", ROOT)
                .add(CertBuilder.ext(Extension.policyConstraints, true, new DERSequence(require0)))
                .add(CertBuilder.ext(Extension.certificatePolicies, false,
                        new CertificatePolicies(new PolicyInformation(policy)))).build();
        Issued noPolicy = CertBuilder.leaf("www.example.com", strict).build();
        CertificateRejection e = reject(chain(noPolicy, strict), ROOT);
        assertRejection(e, ChainProblem.PROFILE, 0);
        assertThat(e.getMessage()).contains("requires an explicit policy");
        Issued withPolicy = CertBuilder.leaf("www.example.com", strict).add(CertBuilder.ext(
                Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(policy)))).build();
        accept(chain(withPolicy, strict), ROOT);
    }

    @Test
    void refusalMessagesAreCappedWhateverTheSubjectLength() {
        String huge = "x".repeat(100_000);
        Issued leaf = CertBuilder.leaf("www.example.com", INTERMEDIATE).subjectName("CN=www.example.com,O=" + huge)
                .expired().build();
        CertificateRejection e = reject(withIntermediate(leaf), ROOT);
        assertThat(e.problem()).isEqualTo(ChainProblem.EXPIRED);
        assertThat(e.getMessage().length()).isLessThanOrEqualTo(CertificateRejection.MAX_MESSAGE + 40);
        assertThat(e.getMessage()).contains("more characters");
    }

    @Test
    void everyProblemHasItsAlert() {
        for (ChainProblem p : ChainProblem.values()) {
            assertThat(p.alert()).as(p.name()).isNotNull();
        }
        assertThat(ChainProblem.REVOKED.alert()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
        assertThat(CLOCK.instant()).isEqualTo(CertBuilder.NOW);
    }
}
