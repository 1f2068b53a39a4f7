package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/** Shared chain fixtures and assertions for the chain-validator tests. */
final class ChainFixtures {
    static final Clock CLOCK = Clock.fixed(CertBuilder.NOW, ZoneOffset.UTC);
    static final ValidationPolicy WEB = ValidationPolicy.builder().clock(CLOCK).build();
    static final ValidationPolicy CLIENT = ValidationPolicy.webPkiClient().toBuilder().clock(CLOCK).build();

    /** A fixed hierarchy: Root CA → Example Intermediate → www.example.com (all P-256). */
    static final Issued ROOT = CertBuilder.root("Root CA", CertBuilder.Kind.EC_P256).build();
    static final Issued INTERMEDIATE = CertBuilder.intermediate("Example Intermediate", ROOT).build();
    static final Issued LEAF = CertBuilder.leaf("www.example.com", INTERMEDIATE).build();

    private ChainFixtures() {
    }

    static TrustAnchors anchors(Issued... roots) {
        return TrustAnchors.of(CertBuilder.chain(roots));
    }

    static ValidatedPath accept(List<X509Certificate> chain, Issued... roots) {
        return new ChainValidator(anchors(roots)).validate(chain, WEB, KeyUse.DIGITAL_SIGNATURE);
    }

    static CertificateRejection reject(List<X509Certificate> chain, ValidationPolicy policy, KeyUse use,
                                       Issued... roots) {
        CertificateRejection e = catchThrowableOfType(CertificateRejection.class,
                () -> new ChainValidator(anchors(roots)).validate(chain, policy, use));
        assertThat(e).as("the chain must be refused").isNotNull();
        return e;
    }

    static CertificateRejection reject(List<X509Certificate> chain, Issued... roots) {
        return reject(chain, WEB, KeyUse.DIGITAL_SIGNATURE, roots);
    }

    /** Asserts the exact problem, the position and the alert, and that the message names the certificate. */
    static void assertRejection(CertificateRejection e, ChainProblem problem, int position) {
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
        assertThat(e.description()).isEqualTo(problem.alert());
        if (position >= 0) {
            assertThat(e.getMessage()).contains("(position " + position + ", serial 0x");
        }
    }
}
