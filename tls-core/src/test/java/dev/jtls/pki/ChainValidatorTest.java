package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Path building and RFC 5280 §6.1 path checks: valid chains, validity, signatures, CA rules, path length. */
class ChainValidatorTest {

    @Test
    void leafDirectlyUnderTheRootSentAlone() {
        Issued leaf = CertBuilder.leaf("a.example", ROOT).build();
        ValidatedPath p = accept(chain(leaf), ROOT);
        assertThat(p.certificates()).containsExactly(leaf.certificate(), ROOT.certificate());
    }

    @Test
    void trustedSelfSignedLeafIsAPathOfOne() {
        Issued self = CertBuilder.root("self.example", Kind.EC_P256)
                .without(org.bouncycastle.asn1.x509.Extension.basicConstraints)
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_serverAuth).build();
        ValidatedPath p = accept(chain(self), self);
        assertThat(p.certificates()).containsExactly(self.certificate());
    }

    @Test
    void chainsOfTwoThreeAndFourWithTheRootSentOrNot() {
        assertThat(accept(chain(LEAF, INTERMEDIATE), ROOT).certificates())
                .containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
        assertThat(accept(chain(LEAF, INTERMEDIATE, ROOT), ROOT).certificates()).hasSize(3);
        Issued i2 = CertBuilder.intermediate("Second Intermediate", INTERMEDIATE).build();
        Issued leaf = CertBuilder.leaf("deep.example", i2).build();
        ValidatedPath p = accept(chain(leaf, i2, INTERMEDIATE), ROOT);
        assertThat(p.certificates()).containsExactly(leaf.certificate(), i2.certificate(),
                INTERMEDIATE.certificate(), ROOT.certificate());
        assertThat(p.signatureChecks()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"RSA_2048", "EC_P256", "EC_P384", "EC_P521", "ED25519"})
    void everySupportedKeyTypeSignsAndIsSigned(Kind kind) {
        Issued root = CertBuilder.root("Root " + kind, kind).build();
        Issued ca = CertBuilder.intermediate("Int " + kind, root, CertBuilder.cached(kind)).build();
        Issued leaf = CertBuilder.leaf("k.example", ca).key(kind).build();
        assertThat(accept(chain(leaf, ca), root).anchor()).isEqualTo(root.certificate());
    }

    @ParameterizedTest
    @CsvSource({"SHA512withRSA", "SHA384withRSA"})
    void rsaPkcs1Signatures(String algorithm) {
        Issued root = CertBuilder.root("RSA Root", Kind.RSA_2048).build();
        Issued leaf = CertBuilder.leaf("pkcs1.example", root).signatureAlgorithm(algorithm).build();
        assertThat(accept(chain(leaf), root).certificates()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"SHA-256,32", "SHA-384,48", "SHA-512,64"})
    void rsaPssSignaturesWithTheirParametersDecoded(String hash, int salt) {
        Issued root = CertBuilder.root("RSA Root", Kind.RSA_2048).build();
        Issued leaf = CertBuilder.leaf("pss.example", root).pss(hash, salt).build();
        assertThat(accept(chain(leaf), root).certificates()).hasSize(2);
        Issued bad = CertBuilder.leaf("pss.example", root).pss(hash, salt)
                .signedWith(CertBuilder.cached(Kind.RSA_2048).getPrivate()).build();
        assertRejection(reject(chain(bad), root), ChainProblem.BAD_SIGNATURE, 0);
    }

    @Test
    void pssWithAnotherSaltLengthGoesThroughTheJdkFallback() throws Exception {
        Issued root = CertBuilder.root("RSA Root PSS", Kind.RSA_2048).build();
        // Salt 20 is not a TLS rsa_pss_rsae_* scheme (salt = hash length), so the JDK verifies it.
        Issued leaf = CertBuilder.leaf("salt.example", root).pssSalt(20).build();
        assertThat(accept(chain(leaf), root).certificates()).hasSize(2);
        Issued bad = CertBuilder.leaf("salt.example", root).pssSalt(20)
                .signedWith(CertBuilder.fresh(Kind.RSA_2048).getPrivate()).build();
        assertRejection(reject(chain(bad), root), ChainProblem.BAD_SIGNATURE, 0);
    }

    @Test
    void outOfOrderPaddedAndDuplicatedChainsAreSorted() {
        Issued stranger = CertBuilder.root("Stranger", Kind.EC_P256).build();
        Issued otherLeaf = CertBuilder.leaf("other.example", INTERMEDIATE).build();
        List<X509Certificate> chain = chain(LEAF, ROOT, stranger, otherLeaf, INTERMEDIATE, INTERMEDIATE);
        assertThat(accept(chain, ROOT).certificates())
                .containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
    }

    @Test
    void missingIntermediateThatTheTrustStoreHolds() {
        assertThat(accept(chain(LEAF), ROOT, INTERMEDIATE).certificates())
                .containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
    }

    @Test
    void noPathNamesTheMissingIssuer() {
        CertificateRejection e = reject(chain(LEAF));
        assertRejection(e, ChainProblem.UNKNOWN_ISSUER, 0);
        assertThat(e.description()).isEqualTo(AlertDescription.UNKNOWN_CA);
        assertThat(e.getMessage()).contains("no path to a trust anchor: issuer 'CN=Example Intermediate' not found"
                + " in the chain or trust store");
        Issued other = CertBuilder.root("Other Root", Kind.EC_P256).build();
        CertificateRejection e2 = reject(chain(LEAF, INTERMEDIATE, ROOT), other);
        assertRejection(e2, ChainProblem.UNKNOWN_ISSUER, 2);
        assertThat(e2.getMessage()).contains("self-issued and not a trust anchor");
    }

    @ParameterizedTest(name = "{0} at position {1}")
    @CsvSource({"EXPIRED,0", "EXPIRED,1", "EXPIRED,2", "NOT_YET_VALID,0", "NOT_YET_VALID,1", "NOT_YET_VALID,2"})
    void validityAtEachPosition(ChainProblem problem, int position) {
        CertBuilder rootB = CertBuilder.root("Timed Root", Kind.EC_P256);
        if (position == 2) {
            time(rootB, problem);
        }
        Issued root = rootB.build();
        CertBuilder caB = CertBuilder.intermediate("Timed Intermediate", root);
        if (position == 1) {
            time(caB, problem);
        }
        Issued ca = caB.build();
        CertBuilder leafB = CertBuilder.leaf("t.example", ca);
        if (position == 0) {
            time(leafB, problem);
        }
        CertificateRejection e = reject(chain(leafB.build(), ca), root);
        assertRejection(e, problem, position);
        assertThat(e.description()).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
    }

    @Test
    void validityIsInclusiveAtWholeSeconds() {
        // RFC 5280 §4.1.2.5: notBefore through notAfter inclusive, in whole seconds (x509-limbo
        // rfc5280::validity::notafter-fractional / notbefore-fractional).
        Instant notAfter = CertBuilder.NOW;
        Issued endsNow = CertBuilder.leaf("t.example", INTERMEDIATE).validity(notAfter.minusSeconds(86400), notAfter)
                .build();
        Issued startsSoon = CertBuilder.leaf("t.example", INTERMEDIATE)
                .validity(notAfter.plusSeconds(1), notAfter.plusSeconds(86400)).build();
        ChainValidator validator = new ChainValidator(anchors(ROOT));
        assertThatCode(() -> validator.validate(chain(endsNow, INTERMEDIATE), at(notAfter.plusMillis(5)),
                KeyUse.DIGITAL_SIGNATURE)).doesNotThrowAnyException();
        assertRejection(reject(chain(endsNow, INTERMEDIATE), at(notAfter.plusSeconds(1)), KeyUse.DIGITAL_SIGNATURE,
                ROOT), ChainProblem.EXPIRED, 0);
        assertRejection(reject(chain(startsSoon, INTERMEDIATE), at(notAfter.plusMillis(999)),
                KeyUse.DIGITAL_SIGNATURE, ROOT), ChainProblem.NOT_YET_VALID, 0);
        assertThatCode(() -> validator.validate(chain(startsSoon, INTERMEDIATE), at(notAfter.plusSeconds(1)),
                KeyUse.DIGITAL_SIGNATURE)).doesNotThrowAnyException();
    }

    private static ValidationPolicy at(Instant now) {
        return WEB.toBuilder().clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)).build();
    }

    private static void time(CertBuilder b, ChainProblem problem) {
        if (problem == ChainProblem.EXPIRED) {
            b.expired();
        } else {
            b.notYetValid();
        }
    }

    @Test
    void wrongIssuerSignature() {
        Issued forged = CertBuilder.leaf("www.example.com", INTERMEDIATE)
                .signedWith(CertBuilder.fresh(Kind.EC_P256).getPrivate()).build();
        assertRejection(reject(chain(forged, INTERMEDIATE), ROOT), ChainProblem.BAD_SIGNATURE, 0);
        Issued forgedCa = CertBuilder.intermediate("Example Intermediate", ROOT)
                .keys(INTERMEDIATE.keys()).signedWith(CertBuilder.fresh(Kind.EC_P256).getPrivate()).build();
        assertRejection(reject(chain(LEAF, forgedCa), ROOT), ChainProblem.BAD_SIGNATURE, 1);
    }

    @Test
    void caWithoutBasicConstraintsOrWithCaFalseCannotIssue() {
        Issued noBc = CertBuilder.intermediate("No BC", ROOT)
                .without(org.bouncycastle.asn1.x509.Extension.basicConstraints).build();
        assertRejection(reject(chain(CertBuilder.leaf("x.example", noBc).build(), noBc), ROOT),
                ChainProblem.NOT_A_CA, 1);
        Issued caFalse = CertBuilder.intermediate("CA False", ROOT)
                .replace(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                        new org.bouncycastle.asn1.x509.BasicConstraints(false))
                .without(org.bouncycastle.asn1.x509.Extension.keyUsage).build();
        assertRejection(reject(chain(CertBuilder.leaf("x.example", caFalse).build(), caFalse), ROOT),
                ChainProblem.NOT_A_CA, 1);
        Issued leafAsCa = CertBuilder.leaf("leaf-as-ca.example", INTERMEDIATE).build();
        Issued underLeaf = CertBuilder.leaf("y.example", leafAsCa).build();
        assertRejection(reject(chain(underLeaf, leafAsCa, INTERMEDIATE), ROOT), ChainProblem.NOT_A_CA, 1);
    }

    @Test
    void issuerWithoutKeyCertSign() {
        Issued ca = CertBuilder.intermediate("No CertSign", ROOT)
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.cRLSign).build();
        assertRejection(reject(chain(CertBuilder.leaf("x.example", ca).build(), ca), ROOT), ChainProblem.NOT_A_CA, 1);
    }

    @Test
    void basicConstraintsNotCriticalOnACa() {
        Issued ca = CertBuilder.intermediate("Soft BC", ROOT)
                .replace(org.bouncycastle.asn1.x509.Extension.basicConstraints, false,
                        new org.bouncycastle.asn1.x509.BasicConstraints(true)).build();
        assertRejection(reject(chain(CertBuilder.leaf("x.example", ca).build(), ca), ROOT), ChainProblem.PROFILE, 1);
    }

    @Test
    void pathLenConstraintOfTheAnchorAndOfAnIntermediate() {
        Issued root0 = CertBuilder.root("Root PathLen 0", Kind.EC_P256).pathLen(0).build();
        Issued ca = CertBuilder.intermediate("Under PathLen 0", root0).build();
        assertRejection(reject(chain(CertBuilder.leaf("x.example", ca).build(), ca), root0),
                ChainProblem.PATH_TOO_LONG, 1);
        accept(chain(CertBuilder.leaf("x.example", root0).build()), root0);

        Issued ca0 = CertBuilder.intermediate("PathLen 0", ROOT).pathLen(0).build();
        Issued below = CertBuilder.intermediate("Below PathLen 0", ca0).build();
        assertRejection(reject(chain(CertBuilder.leaf("x.example", below).build(), below, ca0), ROOT),
                ChainProblem.PATH_TOO_LONG, 1);
        accept(chain(CertBuilder.leaf("x.example", ca0).build(), ca0), ROOT);
    }

    @Test
    void selfIssuedIntermediatesDoNotCountAgainstPathLen() {
        // RFC 5280 §6.1.4 (l): a key rollover certificate (same name, new key) is not counted.
        Issued root = CertBuilder.root("Rollover Root", Kind.EC_P256).pathLen(0).build();
        Issued rollover = CertBuilder.intermediate("Rollover Root", root).build();
        Issued leaf = CertBuilder.leaf("roll.example", rollover).build();
        assertThat(accept(chain(leaf, rollover), root).certificates()).hasSize(3);
    }

    @Test
    void maximumChainLengthWhateverTheOrder() {
        List<Issued> cas = new ArrayList<>();
        Issued up = ROOT;
        for (int i = 0; i < 8; i++) {
            up = CertBuilder.intermediate("Level " + i, up).build();
            cas.add(up);
        }
        Issued leaf = CertBuilder.leaf("long.example", up).build();
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf.certificate()));
        for (Issued c : cas) {
            chain.add(c.certificate());
        }
        CertificateRejection e = reject(chain, ROOT);
        assertThat(e.problem()).isEqualTo(ChainProblem.PATH_TOO_LONG);
        List<X509Certificate> reversed = new ArrayList<>(chain.subList(1, chain.size()));
        Collections.reverse(reversed);
        reversed.add(0, leaf.certificate());
        assertThat(reject(reversed, ROOT).problem()).isEqualTo(ChainProblem.PATH_TOO_LONG);
        // Six intermediates: 8 certificates with the leaf and the root, the default maximum.
        assertThat(accept(chain, cas.get(1)).certificates()).hasSize(8);
        ValidationPolicy longer = WEB.toBuilder().maxIntermediates(8).build();
        assertThat(new ChainValidator(ChainFixtures.anchors(ROOT)).validate(chain, longer, KeyUse.DIGITAL_SIGNATURE)
                .certificates()).hasSize(10);
    }

    @Test
    void crossSignedPathsTakeTheTrustedRoute() {
        Issued rootA = CertBuilder.root("Root A", Kind.EC_P256).build();
        Issued rootB = CertBuilder.root("Root B", Kind.EC_P256).build();
        var key = CertBuilder.fresh(Kind.EC_P256);
        Issued viaA = CertBuilder.intermediate("Cross CA", rootA, key).build();
        Issued viaB = CertBuilder.intermediate("Cross CA", rootB, key).build();
        Issued leaf = CertBuilder.leaf("cross.example", viaA).build();
        List<X509Certificate> both = chain(leaf, viaB, viaA);
        assertThat(accept(both, rootA).certificates()).containsExactly(leaf.certificate(), viaA.certificate(),
                rootA.certificate());
        assertThat(accept(both, rootB).certificates()).containsExactly(leaf.certificate(), viaB.certificate(),
                rootB.certificate());
        assertRejection(reject(both, ROOT), ChainProblem.UNKNOWN_ISSUER, 1);
        // Only one route reaches an anchor and it fails: that failure is the one reported.
        Issued expiredViaA = CertBuilder.intermediate("Cross CA", rootA, key).expired().build();
        assertRejection(reject(chain(leaf, viaB, expiredViaA), rootA), ChainProblem.EXPIRED, 1);
        // Two routes to anchors, the first expired: backtracking finds the second.
        assertThat(accept(chain(leaf, expiredViaA, viaB), rootA, rootB).anchor()).isEqualTo(rootB.certificate());
    }

    @Test
    void hundredIntermediatesSharingOneSubjectAreRefusedQuickly() {
        var key = CertBuilder.fresh(Kind.EC_P256);
        Issued self = CertBuilder.root("Loop CA", Kind.EC_P256).keys(key).build();
        List<X509Certificate> chain = new ArrayList<>();
        Issued leaf = CertBuilder.leaf("loop.example", self).build();
        chain.add(leaf.certificate());
        for (int i = 0; i < 100; i++) {
            // Same subject and issuer ("CN=Loop CA"), same key: each one verifies every other.
            chain.add(CertBuilder.intermediate("Loop CA", self, key).issuerName("CN=Loop CA").build().certificate());
        }
        long start = System.nanoTime();
        CertificateRejection e = reject(chain, ROOT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.problem()).isIn(ChainProblem.WORK_LIMIT, ChainProblem.PATH_TOO_LONG);
        assertThat(millis).as("validation time in ms").isLessThan(1000);
    }

    @Test
    void manyCandidatesWithTheRightNameButWrongKeysExhaustTheBudget() {
        List<X509Certificate> chain = new ArrayList<>(List.of(LEAF.certificate()));
        byte[] rightKeyId = CertBuilder.keyId(INTERMEDIATE.keys().getPublic());
        for (int i = 0; i < 100; i++) {
            // Right name and right SKI (so AKI/SKI cannot tell them apart), wrong key.
            chain.add(CertBuilder.intermediate("Example Intermediate", ROOT)
                    .replace(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier, false,
                            new org.bouncycastle.asn1.x509.SubjectKeyIdentifier(rightKeyId))
                    .build().certificate());
        }
        chain.add(INTERMEDIATE.certificate());
        long start = System.nanoTime();
        CertificateRejection e = reject(chain, ROOT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        assertRejection(e, ChainProblem.WORK_LIMIT, -1);
        // With the right one listed early, the same list is accepted.
        chain.add(1, INTERMEDIATE.certificate());
        assertThat(accept(chain, ROOT).certificates()).hasSize(3);
    }
}
