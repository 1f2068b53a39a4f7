package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.CLIENT;
import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static dev.jtls.pki.ChainFixtures.accept;
import static dev.jtls.pki.ChainFixtures.anchors;
import static dev.jtls.pki.ChainFixtures.assertRejection;
import static dev.jtls.pki.ChainFixtures.reject;
import static dev.jtls.testing.CertBuilder.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.jtls.record.AlertDescription;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import dev.jtls.testing.CertBuilder.Kind;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5280 profile rules, key usage, extended key usage and algorithm policy, each with its exact problem and position. */
class ProfileRulesTest {
    private static final String UNKNOWN_OID = "1.3.6.1.4.1.99999.1";
    private static final byte[] DER_NULL = {0x05, 0x00};

    private static CertBuilder leaf() {
        return CertBuilder.leaf("www.example.com", INTERMEDIATE);
    }

    private static List<X509Certificate> withIntermediate(Issued leaf) {
        return chain(leaf, INTERMEDIATE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void unknownCriticalExtensionAtEachPositionIncludingTheAnchor(int position) {
        CertBuilder rootB = CertBuilder.root("Critical Root", Kind.EC_P256);
        if (position == 2) {
            rootB.add(CertBuilder.raw(UNKNOWN_OID, true, DER_NULL));
        }
        Issued root = rootB.build();
        CertBuilder caB = CertBuilder.intermediate("Critical Intermediate", root);
        if (position == 1) {
            caB.add(CertBuilder.raw(UNKNOWN_OID, true, DER_NULL));
        }
        Issued ca = caB.build();
        CertBuilder leafB = CertBuilder.leaf("c.example", ca);
        if (position == 0) {
            leafB.add(CertBuilder.raw(UNKNOWN_OID, true, DER_NULL));
        }
        CertificateRejection e = reject(chain(leafB.build(), ca), root);
        assertRejection(e, ChainProblem.UNKNOWN_CRITICAL_EXTENSION, position);
        assertThat(e.description()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
        assertThat(e.getMessage()).contains(UNKNOWN_OID);
    }

    @Test
    void unknownNonCriticalExtensionIsIgnored() {
        accept(withIntermediate(leaf().add(CertBuilder.raw(UNKNOWN_OID, false, DER_NULL)).build()), ROOT);
    }

    @Test
    void duplicateExtensionIsRefused() {
        // The JDK's CertificateFactory refuses duplicates itself; a certificate object from elsewhere
        // (another provider) can still carry them, and the validator reads the encoding.
        CertBuilder b = leaf();
        Issued base = b.build();
        byte[] dupDer = b.add(CertBuilder.ext(Extension.extendedKeyUsage, false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))).buildDer();
        X509Certificate dup = new dev.jtls.testing.RawEncodingCertificate(base.certificate(), dupDer);
        CertificateRejection e = reject(List.of(dup, INTERMEDIATE.certificate()), ROOT);
        assertRejection(e, ChainProblem.PROFILE, 0);
        assertThat(e.getMessage()).contains("2.5.29.37 occurs more than once");

        CertBuilder caB = CertBuilder.intermediate("Dup CA", ROOT);
        Issued caBase = caB.build();
        X509Certificate dupCa = new dev.jtls.testing.RawEncodingCertificate(caBase.certificate(),
                caB.add(CertBuilder.ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))).buildDer());
        Issued under = CertBuilder.leaf("d.example", caBase).build();
        assertRejection(reject(List.of(under.certificate(), dupCa), ROOT), ChainProblem.PROFILE, 1);
    }

    @Test
    void serialNumbersMustBePositiveAndAtMostTwentyOctets() {
        for (BigInteger bad : List.of(BigInteger.ZERO, BigInteger.valueOf(-5), BigInteger.ONE.shiftLeft(160))) {
            CertificateRejection e = reject(withIntermediate(leaf().serial(bad).build()), ROOT);
            assertRejection(e, ChainProblem.PROFILE, 0);
            assertThat(e.getMessage()).contains("RFC 5280 §4.1.2.2");
        }
        // 20 octets with the top bit clear: the longest allowed.
        accept(withIntermediate(leaf().serial(BigInteger.ONE.shiftLeft(158)).build()), ROOT);
    }

    @Test
    void authorityAndSubjectKeyIdentifiers() {
        Issued mismatch = leaf().replace(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(new byte[20])).build();
        assertRejection(reject(withIntermediate(mismatch), ROOT), ChainProblem.PROFILE, 0);
        Issued noAki = leaf().without(Extension.authorityKeyIdentifier).build();
        assertRejection(reject(withIntermediate(noAki), ROOT), ChainProblem.PROFILE, 0);
        Issued criticalAki = leaf().replace(Extension.authorityKeyIdentifier, true,
                new AuthorityKeyIdentifier(CertBuilder.keyId(INTERMEDIATE.keys().getPublic()))).build();
        assertRejection(reject(withIntermediate(criticalAki), ROOT), ChainProblem.PROFILE, 0);
        Issued caNoSki = CertBuilder.intermediate("No SKI", ROOT).without(Extension.subjectKeyIdentifier).build();
        Issued under = CertBuilder.leaf("s.example", caNoSki).without(Extension.authorityKeyIdentifier)
                .add(CertBuilder.ext(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(CertBuilder.keyId(caNoSki.keys().getPublic())))).build();
        assertRejection(reject(chain(under, caNoSki), ROOT), ChainProblem.PROFILE, 1);
        // A leaf without SKI is fine (RFC 5280 §4.2.1.2: SHOULD).
        accept(withIntermediate(leaf().without(Extension.subjectKeyIdentifier).build()), ROOT);
    }

    @Test
    void endEntityMayNotActAsACa() {
        Issued caTrue = leaf().add(CertBuilder.ext(Extension.basicConstraints, true, new BasicConstraints(true))).build();
        assertRejection(reject(withIntermediate(caTrue), ROOT), ChainProblem.PROFILE, 0);
        Issued certSign = leaf().keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign).build();
        assertRejection(reject(withIntermediate(certSign), ROOT), ChainProblem.PROFILE, 0);
        NameConstraints nc = new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"))}, null);
        Issued withNc = leaf().add(CertBuilder.ext(Extension.nameConstraints, true, nc)).build();
        assertRejection(reject(withIntermediate(withNc), ROOT), ChainProblem.PROFILE, 0);
    }

    @Test
    void malformedSubjectAltNameIsMalformed() {
        // GeneralNames with an iPAddress of 5 octets, and an empty GeneralNames.
        byte[] badIp = {0x30, 0x07, (byte) 0x87, 0x05, 1, 2, 3, 4, 5};
        Issued bad = leaf().replace(CertBuilder.raw("2.5.29.17", false, badIp)).build();
        CertificateRejection e = reject(withIntermediate(bad), ROOT);
        assertRejection(e, ChainProblem.MALFORMED, 0);
        assertThat(e.description()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        Issued empty = leaf().replace(CertBuilder.raw("2.5.29.17", false, new byte[] {0x30, 0x00})).build();
        assertRejection(reject(withIntermediate(empty), ROOT), ChainProblem.MALFORMED, 0);
    }

    @Test
    void weakKeysAreRefusedAtAnyPosition() {
        Issued rsa1024 = leaf().keys(CertBuilder.cached(Kind.RSA_1024)).build();
        CertificateRejection e = reject(withIntermediate(rsa1024), ROOT);
        assertRejection(e, ChainProblem.WEAK_ALGORITHM, 0);
        assertThat(e.getMessage()).contains("1024 bits");
        assertThat(e.description()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
        ValidationPolicy lax = WEB.toBuilder().minRsaBits(1024).build();
        assertThatCode(() -> new ChainValidator(anchors(ROOT)).validate(withIntermediate(rsa1024), lax,
                KeyUse.DIGITAL_SIGNATURE)).doesNotThrowAnyException();

        Issued weakCa = CertBuilder.intermediate("Weak CA", ROOT, CertBuilder.cached(Kind.RSA_1024)).build();
        assertRejection(reject(chain(CertBuilder.leaf("w.example", weakCa).build(), weakCa), ROOT),
                ChainProblem.WEAK_ALGORITHM, 1);
        Issued p224 = leaf().keys(CertBuilder.cached(Kind.EC_P224)).build();
        assertRejection(reject(withIntermediate(p224), ROOT), ChainProblem.WEAK_ALGORITHM, 0);
        ValidationPolicy noP521 = WEB.toBuilder().curves(Set.of(ValidationPolicy.Curve.P256)).build();
        Issued p384 = leaf().keys(CertBuilder.cached(Kind.EC_P384)).build();
        CertificateRejection r = org.assertj.core.api.Assertions.catchThrowableOfType(CertificateRejection.class,
                () -> new ChainValidator(anchors(ROOT)).validate(withIntermediate(p384), noP521, KeyUse.DIGITAL_SIGNATURE));
        assertRejection(r, ChainProblem.WEAK_ALGORITHM, 0);
    }

    @Test
    void dsaKeysAreRefused() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("DSA");
        g.initialize(2048);
        Issued dsa = leaf().keys(g.generateKeyPair()).build();
        CertificateRejection e = reject(withIntermediate(dsa), ROOT);
        assertRejection(e, ChainProblem.WEAK_ALGORITHM, 0);
        assertThat(e.getMessage()).contains("DSA key is not accepted");
    }

    @Test
    void extensionsRequireVersion3() {
        for (int version : new int[] {1, 2}) {
            CertBuilder b = leaf().version(version);
            Issued base = leaf().build();
            X509Certificate cert = new dev.jtls.testing.RawEncodingCertificate(base.certificate(), b.buildDer());
            // Signed by the intermediate over exactly these bytes; only the version is wrong.
            CertificateRejection e = reject(List.of(cert, INTERMEDIATE.certificate()), ROOT);
            assertRejection(e, ChainProblem.PROFILE, 0);
            assertThat(e.getMessage()).contains("version " + version + " but has extensions");
        }
    }

    @Test
    void sha1AndMd5SignaturesAreRefusedUnlessThePolicyAllowsThem() {
        Issued rsaRoot = CertBuilder.root("RSA Root SHA1", Kind.RSA_2048).build();
        Issued sha1 = CertBuilder.leaf("sha1.example", rsaRoot).signatureAlgorithm("SHA1withRSA").build();
        CertificateRejection e = reject(chain(sha1), rsaRoot);
        assertRejection(e, ChainProblem.WEAK_ALGORITHM, 0);
        assertThat(e.getMessage()).contains("RSA_PKCS1_SHA1");
        Issued md5 = CertBuilder.leaf("md5.example", rsaRoot).signatureAlgorithm("MD5withRSA").build();
        assertRejection(reject(chain(md5), rsaRoot), ChainProblem.WEAK_ALGORITHM, 0);
        Issued ecSha1 = leaf().signatureAlgorithm("SHA1withECDSA").build();
        assertRejection(reject(withIntermediate(ecSha1), ROOT), ChainProblem.WEAK_ALGORITHM, 0);

        ValidationPolicy legacy = WEB.toBuilder().signatureAlgorithms(Set.of(
                CertificateSignatureAlgorithm.RSA_PKCS1_SHA1, CertificateSignatureAlgorithm.RSA_PKCS1_SHA256)).build();
        assertThat(new ChainValidator(anchors(rsaRoot)).validate(chain(sha1), legacy, KeyUse.DIGITAL_SIGNATURE)
                .certificates()).hasSize(2);
    }

    @Test
    void theAnchorsOwnSha1SelfSignatureIsNotJudged() {
        Issued oldRoot = CertBuilder.root("Old Root", Kind.RSA_2048).signatureAlgorithm("SHA1withRSA").build();
        accept(chain(CertBuilder.leaf("old.example", oldRoot).build()), oldRoot);
    }

    @Test
    void leafKeyUsageMustFitTheKeyExchange() {
        Issued encOnly = leaf().keyUsage(KeyUsage.keyEncipherment).build();
        assertRejection(reject(withIntermediate(encOnly), ROOT), ChainProblem.KEY_USAGE, 0);
        Issued sigOnly = leaf().keyUsage(KeyUsage.digitalSignature).build();
        assertRejection(reject(withIntermediate(sigOnly), WEB, KeyUse.KEY_ENCIPHERMENT, ROOT), ChainProblem.KEY_USAGE, 0);
        new ChainValidator(anchors(ROOT)).validate(withIntermediate(encOnly), WEB, KeyUse.KEY_ENCIPHERMENT);
        // No keyUsage at all: any use (RFC 5280 §4.2.1.3).
        accept(withIntermediate(leaf().without(Extension.keyUsage).build()), ROOT);
    }

    @Test
    void extendedKeyUsageUnderTheWebPkiAndRfc5280() {
        ValidationPolicy rfc = WEB.toBuilder().profile(ValidationPolicy.Profile.RFC_5280).build();
        ChainValidator v = new ChainValidator(anchors(ROOT));
        Issued noEku = leaf().without(Extension.extendedKeyUsage).build();
        assertRejection(reject(withIntermediate(noEku), ROOT), ChainProblem.EXTENDED_KEY_USAGE, 0);
        v.validate(withIntermediate(noEku), rfc, KeyUse.DIGITAL_SIGNATURE);

        Issued anyOnly = leaf().eku(KeyPurposeId.anyExtendedKeyUsage).build();
        CertificateRejection e = reject(withIntermediate(anyOnly), ROOT);
        assertRejection(e, ChainProblem.EXTENDED_KEY_USAGE, 0);
        assertThat(e.getMessage()).contains("anyExtendedKeyUsage is not enough");
        v.validate(withIntermediate(anyOnly), rfc, KeyUse.DIGITAL_SIGNATURE);

        Issued clientOnly = leaf().eku(KeyPurposeId.id_kp_clientAuth).build();
        CertificateRejection notForServers = reject(withIntermediate(clientOnly), ROOT);
        assertRejection(notForServers, ChainProblem.EXTENDED_KEY_USAGE, 0);
        // The refusal says how to make a certificate that passes.
        assertThat(notForServers.getMessage()).endsWith("; make the certificate with it, e.g. openssl req ..."
                + " -addext extendedKeyUsage=serverAuth");
        assertThat(reject(withIntermediate(leaf().build()), CLIENT, KeyUse.DIGITAL_SIGNATURE, ROOT).getMessage())
                .endsWith("-addext extendedKeyUsage=clientAuth");
        assertRejection(reject(withIntermediate(clientOnly), rfc, KeyUse.DIGITAL_SIGNATURE, ROOT),
                ChainProblem.EXTENDED_KEY_USAGE, 0);
        v.validate(withIntermediate(clientOnly), CLIENT, KeyUse.DIGITAL_SIGNATURE);
        assertRejection(reject(withIntermediate(leaf().build()), CLIENT, KeyUse.DIGITAL_SIGNATURE, ROOT),
                ChainProblem.EXTENDED_KEY_USAGE, 0);

        Issued clientCa = CertBuilder.intermediate("Client CA", ROOT).eku(KeyPurposeId.id_kp_clientAuth).build();
        assertRejection(reject(chain(CertBuilder.leaf("e.example", clientCa).build(), clientCa), ROOT),
                ChainProblem.EXTENDED_KEY_USAGE, 1);
    }

    @Test
    void anchorThatSaysItIsNotACa() {
        Issued root = CertBuilder.root("Not A CA Root", Kind.EC_P256)
                .replace(Extension.basicConstraints, true, new BasicConstraints(false))
                .without(Extension.keyUsage).build();
        assertRejection(reject(chain(CertBuilder.leaf("n.example", root).build()), root), ChainProblem.NOT_A_CA, 1);
    }

    @Test
    void anchorWithCriticalKeyIdentifiersIsRefused() {
        java.security.KeyPair kp = CertBuilder.fresh(Kind.EC_P256);
        byte[] id = CertBuilder.keyId(kp.getPublic());
        Issued criticalSki = CertBuilder.root("Critical SKI Root", Kind.EC_P256).keys(kp)
                .replace(CertBuilder.ext(Extension.subjectKeyIdentifier, true, new SubjectKeyIdentifier(id))).build();
        CertificateRejection ski = reject(chain(CertBuilder.leaf("s.example", criticalSki).build()), criticalSki);
        assertRejection(ski, ChainProblem.PROFILE, 1);
        assertThat(ski.getMessage()).contains("subjectKeyIdentifier is critical");
        Issued criticalAki = CertBuilder.root("Critical AKI Root", Kind.EC_P256).keys(kp)
                .add(CertBuilder.ext(Extension.authorityKeyIdentifier, true, new AuthorityKeyIdentifier(id))).build();
        CertificateRejection aki = reject(chain(CertBuilder.leaf("a.example", criticalAki).build()), criticalAki);
        assertRejection(aki, ChainProblem.PROFILE, 1);
        assertThat(aki.getMessage()).contains("authorityKeyIdentifier is critical");
    }

    @Test
    void version3AnchorWithoutBasicConstraintsIsNotACa() {
        Issued root = CertBuilder.root("No BC Root", Kind.EC_P256).without(Extension.basicConstraints).build();
        assertThat(root.certificate().getVersion()).isEqualTo(3);
        assertRejection(reject(chain(CertBuilder.leaf("n.example", root).build()), root), ChainProblem.NOT_A_CA, 1);
    }

    @Test
    void version1AnchorWithoutExtensionsIsAccepted() {
        Issued v1 = CertBuilder.root("V1 Root", Kind.EC_P256).without(Extension.basicConstraints)
                .without(Extension.keyUsage).without(Extension.subjectKeyIdentifier).version(1).build();
        assertThat(v1.certificate().getVersion()).isEqualTo(1);
        Issued leaf = CertBuilder.leaf("v1.example", v1).without(Extension.authorityKeyIdentifier)
                .add(CertBuilder.ext(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(CertBuilder.keyId(v1.keys().getPublic())))).build();
        accept(chain(leaf), v1);
    }

    @Test
    void messageNamesSubjectSerialPositionAndRule() {
        Issued expired = leaf().expired().serial(BigInteger.valueOf(0xabcdef)).build();
        CertificateRejection e = reject(withIntermediate(expired), ROOT);
        assertThat(e.getMessage()).startsWith("certificate refused: certificate 'CN=www.example.com' (position 0, serial 0xabcdef): it expired at");
    }

    @Test
    void extensionsThatDoNotDecodeAreMalformed() throws Exception {
        Issued badKu = leaf().replace(CertBuilder.raw("2.5.29.15", false, new byte[] {0x03, 0x02, 0x08, 0x00})).build();
        assertRejection(reject(withIntermediate(badKu), ROOT), ChainProblem.MALFORMED, 0);
        Issued badEku = leaf().replace(CertBuilder.raw("2.5.29.37", false, new DERSequence().getEncoded())).build();
        assertRejection(reject(withIntermediate(badEku), ROOT), ChainProblem.MALFORMED, 0);
        Issued badSki = CertBuilder.intermediate("Bad SKI", ROOT)
                .replace(CertBuilder.raw("2.5.29.14", false, new byte[] {0x02, 0x01, 0x01})).build();
        Issued under = CertBuilder.leaf("b.example", badSki).build();
        assertRejection(reject(chain(under, badSki), ROOT), ChainProblem.MALFORMED, 1);
    }

    @Test
    void issuerAndCaSubjectNamesMustNotBeEmpty() {
        // The JDK's CertificateFactory refuses an empty issuer, another provider's certificate class
        // need not: the same certificate re-encoded with an empty issuer (signed by the real issuer).
        CertBuilder b = leaf();
        Issued base = b.build();
        X509Certificate emptyIssuer = new dev.jtls.testing.RawEncodingCertificate(base.certificate(),
                b.issuerName("").buildDer());
        CertificateRejection e = reject(List.of(emptyIssuer, INTERMEDIATE.certificate()), ROOT);
        assertRejection(e, ChainProblem.PROFILE, 0);
        assertThat(e.getMessage()).contains("issuer name is empty (RFC 5280 §4.1.2.4)");
        // RFC 5280 §4.1.2.6: a CA's subject is never empty, even with a critical subjectAltName.
        CertBuilder ca = CertBuilder.intermediate("Empty CA", ROOT).add(CertBuilder.ext(Extension.subjectAlternativeName,
                true, new GeneralNames(new GeneralName(GeneralName.dNSName, "ca.example"))));
        Issued caBase = ca.build();
        X509Certificate emptyCa = new dev.jtls.testing.RawEncodingCertificate(caBase.certificate(),
                ca.subjectName("").buildDer());
        Issued under = CertBuilder.leaf("f.example", caBase).build();
        accept(chain(under, caBase), ROOT);
        CertificateRejection c = reject(List.of(under.certificate(), emptyCa), ROOT);
        assertRejection(c, ChainProblem.PROFILE, 1);
        assertThat(c.getMessage()).contains("empty subject name (RFC 5280 §4.1.2.6)");
    }

    @Test
    void malformedInformationAccessIsMalformed() throws Exception {
        // x509-limbo webpki::malformed-aia: the extension value is not AuthorityInfoAccessSyntax.
        Issued bad = leaf().add(CertBuilder.raw("1.3.6.1.5.5.7.1.1", false,
                "malformed".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).build();
        assertRejection(reject(withIntermediate(bad), ROOT), ChainProblem.MALFORMED, 0);
        Issued empty = leaf().add(CertBuilder.raw("1.3.6.1.5.5.7.1.1", false, new DERSequence().getEncoded())).build();
        assertRejection(reject(withIntermediate(empty), ROOT), ChainProblem.MALFORMED, 0);
        Issued good = leaf().add(CertBuilder.ext(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                X509ObjectIdentifiers.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier,
                        "http://ca.example/int.der")))).build();
        accept(withIntermediate(good), ROOT);
        // RFC 5280 §4.2.2.1: conforming CAs mark it non-critical; jtls does not process it.
        Issued critical = leaf().add(CertBuilder.ext(Extension.authorityInfoAccess, true, new AuthorityInformationAccess(
                X509ObjectIdentifiers.id_ad_caIssuers, new GeneralName(GeneralName.dNSName, "example.com")))).build();
        assertRejection(reject(withIntermediate(critical), ROOT), ChainProblem.UNKNOWN_CRITICAL_EXTENSION, 0);
    }
}
