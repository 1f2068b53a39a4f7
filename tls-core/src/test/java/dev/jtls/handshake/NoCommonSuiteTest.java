package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each reason ServerChoice finds nothing is said in words a person can act on; the alert stays handshake_failure. */
class NoCommonSuiteTest {
    private static final Issued CA = TestCerts.ca("CA", Kind.EC_P256);
    private static final CertifiedKey RSA = key(Kind.RSA_2048);
    private static final CertifiedKey EC = key(Kind.EC_P256);
    private static final List<CipherSuite> SUITES = CipherSuite.defaultOrder();
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);
    private static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.values());
    private static final List<Integer> ALL_SCHEMES = SCHEMES.stream().map(SignatureScheme::code).toList();

    private static CertifiedKey key(Kind kind) {
        Issued leaf = TestCerts.leaf(CA, "localhost", kind, List.of("localhost"));
        return new CertifiedKey(List.of(leaf.certificate()), leaf.privateKey());
    }

    private static void refused(CertifiedKey key, ServerChoice.Offer offer, String message) {
        assertThatThrownBy(() -> ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(key), offer))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> {
                            org.assertj.core.api.Assertions.assertThat(e.description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
                            org.assertj.core.api.Assertions.assertThat(e.reason()).isInstanceOf(PeerIncompatible.class);
                        })
                .hasMessage("peer incompatible: " + message);
    }

    private static List<Integer> codes(CipherSuite... suites) {
        return java.util.Arrays.stream(suites).map(CipherSuite::code).toList();
    }

    @Test
    void aClientOfferingOnlyTls13SuitesIsToldSo() {
        refused(EC, new ServerChoice.Offer(List.of(0x1302, 0x1303, 0x1301, 0x00ff), List.of(0x001d), ALL_SCHEMES, null),
                "the client offers only TLS 1.3 (cipher suites [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256,"
                        + " TLS_AES_128_GCM_SHA256]); this server speaks TLS 1.2 only");
    }

    @Test
    void onlyRsaSuitesAgainstAnEcdsaKeyIsAKeyTypeMismatchAndTheReverse() {
        refused(EC, new ServerChoice.Offer(codes(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), List.of(0x001d), ALL_SCHEMES, null),
                "key type mismatch: the client offers only RSA-authenticated suites, this server's key is ECDSA");
        refused(RSA, new ServerChoice.Offer(codes(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                        List.of(0x001d), ALL_SCHEMES, null),
                "key type mismatch: the client offers only ECDSA-authenticated suites, this server's key is RSA");
    }

    @Test
    void withoutSignatureAlgorithmsTheClientIsToldSha1IsRefused() {
        refused(EC, new ServerChoice.Offer(codes(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), List.of(0x001d),
                        null, null),
                "the client sent no signature_algorithms, so it accepts only SHA-1 signatures (RFC 5246 §7.4.1.4.1),"
                        + " and this server refuses SHA-1 signatures (RFC 9155 §3)");
        refused(EC, new ServerChoice.Offer(codes(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), List.of(0x001d),
                        List.of(0x0203, 0x0201), null),
                "the client accepts only SHA-1 signatures (signature_algorithms [ecdsa_sha1, rsa_pkcs1_sha1]),"
                        + " and this server refuses SHA-1 signatures (RFC 9155 §2)");
    }

    @Test
    void noSharedGroupOrSuiteIsNamed() {
        refused(EC, new ServerChoice.Offer(codes(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), List.of(0x0100),
                        ALL_SCHEMES, null),
                "no group in common for ECDHE: the client offers [ffdhe2048]; this server enables [x25519, secp256r1]");
        assertThatThrownBy(() -> ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC),
                new ServerChoice.Offer(List.of(0x0005), List.of(0x001d), ALL_SCHEMES, null)))
                .hasMessageStartingWith("peer incompatible: no cipher suite in common: the client offers [0x0005]; this server enables [TLS_");
    }
}
