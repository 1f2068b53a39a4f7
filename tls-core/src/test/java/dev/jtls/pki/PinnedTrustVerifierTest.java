package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedTrustVerifierTest {
    private static final Issued CA = TestCerts.ca("Test CA", Kind.EC_P256);
    private static final Issued OTHER_CA = TestCerts.ca("Other CA", Kind.EC_P256);
    private static final Issued LEAF = TestCerts.leaf(CA, "www.example.com", Kind.EC_P256,
            List.of("www.example.com", "*.api.example.com", "127.0.0.1"));

    private final PinnedTrustVerifier trustsCa = new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC());

    @Test
    void acceptsALeafSignedByATrustedCaWhetherOrNotTheCaIsSent() {
        assertThatCode(() -> trustsCa.verifyServer(List.of(LEAF.certificate()), ServerCheck.host("www.example.com")))
                .doesNotThrowAnyException();
        assertThatCode(() -> trustsCa.verifyServer(List.of(LEAF.certificate(), CA.certificate()), ServerCheck.host("www.example.com")))
                .doesNotThrowAnyException();
        assertThatCode(() -> trustsCa.verifyClient(List.of(LEAF.certificate()))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAPinnedLeaf() {
        PinnedTrustVerifier pinsLeaf = new PinnedTrustVerifier(List.of(LEAF.certificate()), Clock.systemUTC());
        assertThatCode(() -> pinsLeaf.verifyServer(List.of(LEAF.certificate()), ServerCheck.host(null))).doesNotThrowAnyException();
    }

    @Test
    void refusesAnUntrustedIssuerWithUnknownCa() {
        PinnedTrustVerifier trustsOther = new PinnedTrustVerifier(List.of(OTHER_CA.certificate()), Clock.systemUTC());
        assertThatThrownBy(() -> trustsOther.verifyServer(List.of(LEAF.certificate()), ServerCheck.host("www.example.com")))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.description())
                                .isEqualTo(AlertDescription.UNKNOWN_CA))
                .hasMessageContaining("CN=Test CA");
    }

    @Test
    void refusesAForgedIssuerWithBadCertificate() {
        // Same subject name as the trusted CA, different key.
        Issued impostor = TestCerts.ca("Test CA", Kind.EC_P256);
        Issued forged = TestCerts.leaf(impostor, "www.example.com", Kind.EC_P256, List.of("www.example.com"));
        assertThatThrownBy(() -> trustsCa.verifyServer(List.of(forged.certificate()), ServerCheck.host("www.example.com")))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.description())
                                .isEqualTo(AlertDescription.BAD_CERTIFICATE));
    }

    @Test
    void checksValidityAtTheInjectedClock() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(60)), java.time.ZoneOffset.UTC);
        PinnedTrustVerifier v = new PinnedTrustVerifier(List.of(CA.certificate()), later);
        assertThatThrownBy(() -> v.verifyServer(List.of(LEAF.certificate()), ServerCheck.host("www.example.com")))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.description())
                                .isEqualTo(AlertDescription.CERTIFICATE_EXPIRED))
                .hasMessageContaining("position 0");
    }

    @Test
    void matchesHostNamesAsRfc6125Says() {
        assertThatCode(() -> trustsCa.verifyServer(List.of(LEAF.certificate()), ServerCheck.host("WWW.Example.COM.")))
                .doesNotThrowAnyException();
        assertThatCode(() -> trustsCa.verifyServer(List.of(LEAF.certificate()), ServerCheck.host("v1.api.example.com")))
                .doesNotThrowAnyException();
        assertThatCode(() -> trustsCa.verifyServer(List.of(LEAF.certificate()), ServerCheck.host("127.0.0.1")))
                .doesNotThrowAnyException();
        for (String wrong : List.of("example.com", "a.v1.api.example.com", "api.example.com", "127.0.0.2",
                "www.example.com.evil")) {
            assertThatThrownBy(() -> trustsCa.verifyServer(List.of(LEAF.certificate()), ServerCheck.host(wrong)))
                    .as(wrong)
                    .isInstanceOf(TlsAlertException.class)
                    .hasMessageContaining("does not match host");
        }
    }

    @Test
    void refusesAnEmptyChain() {
        assertThatThrownBy(() -> trustsCa.verifyClient(List.of())).isInstanceOf(TlsAlertException.class);
    }

    // ---- stapled OCSP (RFC 6066 §8) ----

    private static PinnedTrustVerifier withRevocation(java.util.Collection<java.security.cert.X509Certificate> trusted,
                                                      RevocationPolicy policy) {
        return new PinnedTrustVerifier(trusted, Clock.systemUTC(), HostnameVerifier.strict(), policy,
                dev.jtls.crypto.CryptoProviders.defaults());
    }

    private static ServerCheck stapled(byte[] staple) {
        return new ServerCheck("www.example.com", KeyUse.DIGITAL_SIGNATURE, staple);
    }

    @Test
    void checksTheStapleAgainstTheIssuerFromTheChainOrTheTrustStore() {
        byte[] good = dev.jtls.testing.TestOcsp.response(dev.jtls.testing.TestOcsp.Spec.of(LEAF, CA, Instant.now()));
        PinnedTrustVerifier hard = withRevocation(List.of(CA.certificate()), RevocationPolicy.HARD_FAIL);
        assertThatCode(() -> hard.verifyServer(List.of(LEAF.certificate()), stapled(good))).doesNotThrowAnyException();
        assertThatCode(() -> hard.verifyServer(List.of(LEAF.certificate(), CA.certificate()), stapled(good)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> hard.verifyServer(List.of(LEAF.certificate()), stapled(null)))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.problem()).isEqualTo(ChainProblem.STATUS_UNKNOWN));
        PinnedTrustVerifier soft = trustsCa;
        assertThatCode(() -> soft.verifyServer(List.of(LEAF.certificate()), stapled(null))).doesNotThrowAnyException();
        byte[] revoked = dev.jtls.testing.TestOcsp.response(dev.jtls.testing.TestOcsp.Spec.of(LEAF, CA, Instant.now())
                .status(new org.bouncycastle.cert.ocsp.RevokedStatus(new java.util.Date(), 0)));
        assertThatThrownBy(() -> soft.verifyServer(List.of(LEAF.certificate()), stapled(revoked)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.description())
                                .isEqualTo(AlertDescription.CERTIFICATE_REVOKED));
    }

    @Test
    void aPinnedLeafWithoutItsIssuerCannotHaveItsStapleChecked() {
        byte[] good = dev.jtls.testing.TestOcsp.response(dev.jtls.testing.TestOcsp.Spec.of(LEAF, CA, Instant.now()));
        assertThatCode(() -> withRevocation(List.of(LEAF.certificate()), RevocationPolicy.SOFT_FAIL)
                .verifyServer(List.of(LEAF.certificate()), stapled(good))).doesNotThrowAnyException();
        assertThatThrownBy(() -> withRevocation(List.of(LEAF.certificate()), RevocationPolicy.HARD_FAIL)
                .verifyServer(List.of(LEAF.certificate()), stapled(good)))
                .isInstanceOf(CertificateRejection.class).hasMessageContaining("issuer is not known");
    }
}
