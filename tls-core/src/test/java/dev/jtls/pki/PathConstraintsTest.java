package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.CLOCK;
import static dev.jtls.pki.ChainFixtures.WEB;
import static dev.jtls.pki.ChainFixtures.accept;
import static dev.jtls.pki.ChainFixtures.assertRejection;
import static dev.jtls.pki.ChainFixtures.reject;
import static dev.jtls.testing.CertBuilder.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jtls.crypto.CryptoProviders;
import dev.jtls.record.AlertDescription;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import dev.jtls.testing.CertBuilder.Kind;
import dev.jtls.testing.TestOcsp;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;

/**
 * Name constraints and stapled OCSP as the whole validator applies them: constraints carried by the
 * trust anchor itself (which SunJSSE drops and Bouncy Castle ignores) and by intermediates, the
 * self-issued exemption of RFC 5280 §6.1.3 (b), and the staple judged against the issuer of the
 * validated path by {@link PkixTrustVerifier}.
 */
class PathConstraintsTest {

    private static NameConstraints permitDns(String dns) {
        return new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, dns))},
                null);
    }

    private static NameConstraints excludeDns(String dns) {
        return new NameConstraints(null,
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, dns))});
    }

    @Test
    void theTrustAnchorsOwnNameConstraintsBind() {
        Issued root = CertBuilder.root("Constrained Root", Kind.EC_P256)
                .add(CertBuilder.ext(Extension.nameConstraints, true, permitDns("example.com"))).build();
        Issued inter = CertBuilder.intermediate("Int", root).build();
        accept(chain(CertBuilder.leaf("www.example.com", inter).build(), inter), root);
        CertificateRejection e = reject(chain(CertBuilder.leaf("www.example.org", inter).build(), inter), root);
        assertRejection(e, ChainProblem.NAME_CONSTRAINTS, 0);
        assertThat(e.description()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(e.getMessage()).contains("www.example.org").contains("Constrained Root");
    }

    @Test
    void anIntermediatesExcludedSubtreeBindsTheLeafBelowIt() {
        Issued root = CertBuilder.root("Root", Kind.EC_P256).build();
        Issued inter = CertBuilder.intermediate("Excluding Int", root)
                .add(CertBuilder.ext(Extension.nameConstraints, true, excludeDns("bad.example"))).build();
        accept(chain(CertBuilder.leaf("good.example", inter).build(), inter), root);
        assertRejection(reject(chain(CertBuilder.leaf("x.bad.example", inter).build(), inter), root),
                ChainProblem.NAME_CONSTRAINTS, 0);
    }

    @Test
    void constraintsReachIntermediatesBelowTheCarrier() {
        // RFC 5280 §6.1.3 (b): the subject of every later certificate is checked; a DN-constrained
        // root does not apply here, so use a DNS constraint on a second intermediate's SAN-less
        // subject: only the leaf's SAN counts. Two levels down, the root's constraint still binds.
        Issued root = CertBuilder.root("Root", Kind.EC_P256)
                .add(CertBuilder.ext(Extension.nameConstraints, true, permitDns("example.com"))).build();
        Issued i1 = CertBuilder.intermediate("Int one", root).build();
        Issued i2 = CertBuilder.intermediate("Int two", i1).build();
        accept(chain(CertBuilder.leaf("deep.example.com", i2).build(), i2, i1), root);
        assertRejection(reject(chain(CertBuilder.leaf("deep.example.net", i2).build(), i2, i1), root),
                ChainProblem.NAME_CONSTRAINTS, 0);
    }

    @Test
    void aStapledRevocationFailsAndAGoodOnePasses() {
        Issued root = CertBuilder.root("OCSP Root", Kind.EC_P256).build();
        Issued inter = CertBuilder.intermediate("OCSP Int", root).build();
        Issued leaf = CertBuilder.leaf("ocsp.example", inter).build();
        PkixTrustVerifier verifier = new PkixTrustVerifier(new ChainValidator(TrustAnchors.of(
                List.of(root.certificate())), CryptoProviders.defaults()), WEB,
                ValidationPolicy.webPkiClient().toBuilder().clock(CLOCK).build(), HostnameVerifier.strict());
        byte[] good = TestOcsp.response(TestOcsp.Spec.of(leaf, inter, CertBuilder.NOW));
        assertThatCode(() -> verifier.verifyServer(chain(leaf, inter),
                new ServerCheck("ocsp.example", KeyUse.DIGITAL_SIGNATURE, good))).doesNotThrowAnyException();

        byte[] revoked = TestOcsp.response(TestOcsp.Spec.of(leaf, inter, CertBuilder.NOW)
                .status(new RevokedStatus(java.util.Date.from(CertBuilder.NOW.minusSeconds(86400)), 1)));
        CertificateRejection e = catchThrowableOfType(CertificateRejection.class, () -> verifier.verifyServer(
                chain(leaf, inter), new ServerCheck("ocsp.example", KeyUse.DIGITAL_SIGNATURE, revoked)));
        assertThat(e.problem()).isEqualTo(ChainProblem.REVOKED);
        assertThat(e.description()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);

        // A response for the right serial but signed by the root (not the leaf's issuer) is refused.
        byte[] wrongSigner = TestOcsp.response(TestOcsp.Spec.of(leaf, inter, CertBuilder.NOW).signer(root, List.of()));
        CertificateRejection w = catchThrowableOfType(CertificateRejection.class, () -> verifier.verifyServer(
                chain(leaf, inter), new ServerCheck("ocsp.example", KeyUse.DIGITAL_SIGNATURE, wrongSigner)));
        assertThat(w.problem()).isEqualTo(ChainProblem.BAD_STATUS_RESPONSE);

        // Hard-fail: no staple at all is refused.
        PkixTrustVerifier hard = new PkixTrustVerifier(verifier.validator(), WEB, verifier.clientPolicy(),
                HostnameVerifier.strict(), RevocationPolicy.HARD_FAIL);
        CertificateRejection h = catchThrowableOfType(CertificateRejection.class, () -> hard.verifyServer(
                chain(leaf, inter), ServerCheck.host("ocsp.example")));
        assertThat(h.problem()).isEqualTo(ChainProblem.STATUS_UNKNOWN);
    }
}
