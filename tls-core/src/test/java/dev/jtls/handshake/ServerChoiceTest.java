package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {
    private static final Issued CA = TestCerts.ca("CA", Kind.EC_P256);
    private static final CertifiedKey RSA_WWW = key(Kind.RSA_2048, "www.example.com");
    private static final CertifiedKey EC_WWW = key(Kind.EC_P256, "www.example.com");
    private static final CertifiedKey EC384_API = key(Kind.EC_P384, "api.example.com");

    private static final List<CipherSuite> SUITES = CipherSuite.defaultOrder();
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);
    private static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.values());
    private static final List<Integer> ALL_SCHEMES = codes(SignatureScheme.values());

    private static CertifiedKey key(Kind kind, String name) {
        Issued leaf = TestCerts.leaf(CA, name, kind, List.of(name));
        return new CertifiedKey(List.of(leaf.certificate()), leaf.privateKey());
    }

    private static List<Integer> codes(SignatureScheme... schemes) {
        return java.util.Arrays.stream(schemes).map(SignatureScheme::code).toList();
    }

    private static List<Integer> allSuites() {
        return SUITES.stream().map(CipherSuite::code).toList();
    }

    @Test
    void prefersEcdheAeadWithTheServersFirstSharedGroup() {
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW, EC_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x0017, 0x001d), ALL_SCHEMES, null));
        assertThat(c.suite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        assertThat(c.group()).isEqualTo(NamedGroup.X25519);
        assertThat(c.key()).isSameAs(EC_WWW);
        assertThat(c.scheme()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
    }

    @Test
    void neverPicksAGroupTheClientDidNotOffer() {
        // The client names only a group jtls does not support: no ECDHE at all, RSA key exchange instead.
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW, EC_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x0100), ALL_SCHEMES, null));
        assertThat(c.suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
        assertThat(c.group()).isNull();
        // Present but empty: the same.
        ServerChoice d = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW, EC_WWW),
                new ServerChoice.Offer(allSuites(), List.of(), ALL_SCHEMES, null));
        assertThat(d.suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
    }

    @Test
    void withoutSupportedGroupsTheServerPicksSecp256r1() {
        // RFC 8422 §4: without the extension "the server is free to choose any one of the elliptic
        // curves"; tlsfuzzer test-ecdhe-rsa-key-exchange.py "ECDHE w/o extension" expects ECDHE.
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW, EC_WWW),
                new ServerChoice.Offer(allSuites(), null, ALL_SCHEMES, null));
        assertThat(c.suite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        assertThat(c.group()).isEqualTo(NamedGroup.SECP256R1);
        // Only ECDHE_RSA offered, and an RSA key.
        ServerChoice d = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW),
                new ServerChoice.Offer(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.code()), null,
                        ALL_SCHEMES, null));
        assertThat(d.group()).isEqualTo(NamedGroup.SECP256R1);
        // A server that has not enabled secp256r1 has no group for such a client: no ECDHE.
        assertThatThrownBy(() -> ServerChoice.choose(SUITES, List.of(NamedGroup.X25519), SCHEMES, List.of(RSA_WWW),
                new ServerChoice.Offer(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.code()), null,
                        ALL_SCHEMES, null)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
    }

    @Test
    void withoutSignatureAlgorithmsAndNoRsaKeyExchangeItIsHandshakeFailure() {
        // RFC 9155 §3: no signature_algorithms, signatures needed → handshake_failure.
        assertThatThrownBy(() -> ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW, EC_WWW),
                new ServerChoice.Offer(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.code(),
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.code()), List.of(0x0017), null, null)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE))
                .hasMessageContaining("no signature_algorithms");
        // RSA key exchange signs nothing: allowed.
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW, EC_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x0017), null, null));
        assertThat(c.suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
    }

    @Test
    void withoutAnySharedSuiteItIsHandshakeFailure() {
        assertThatThrownBy(() -> ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW),
                new ServerChoice.Offer(List.of(0x0005, 0x000a), List.of(0x001d), ALL_SCHEMES, null)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE))
                .hasMessageContaining("0x0005");
        // ECDHE_ECDSA offered but only an RSA key: no common ground.
        assertThatThrownBy(() -> ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(RSA_WWW),
                new ServerChoice.Offer(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.code()),
                        List.of(0x001d), ALL_SCHEMES, null)))
                .isInstanceOf(TlsAlertException.class);
    }

    @Test
    void signatureAlgorithmsDecideTheKeyAndScheme() {
        // Only RSA-PSS accepted: the RSA key serves ECDHE_RSA with rsa_pss_rsae_sha256.
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW, RSA_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x001d), codes(SignatureScheme.RSA_PSS_RSAE_SHA256), null));
        assertThat(c.suite()).isEqualTo(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        assertThat(c.scheme()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256);
        // No signature_algorithms: no ECDHE (SHA-1 only, RFC 5246 §7.4.1.4.1), RSA key exchange.
        ServerChoice d = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW, RSA_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x001d), null, null));
        assertThat(d.suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
    }

    @Test
    void anEcdsaKeySignsWithAnyHashTheClientAccepts() {
        // RFC 5246 §7.4.1.4.1 / RFC 8422 §6: in TLS 1.2 0x0503 is (SHA-384, ECDSA), any curve; the
        // key's own hash first when the client accepts it (tlsfuzzer test-ecdsa-sig-flexibility.py).
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x0017), codes(SignatureScheme.ECDSA_SECP384R1_SHA384), null));
        assertThat(c.key()).isSameAs(EC_WWW);
        assertThat(c.scheme()).isEqualTo(SignatureScheme.ECDSA_SECP384R1_SHA384);
        ServerChoice d = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x0017), codes(SignatureScheme.ECDSA_SECP521R1_SHA512,
                        SignatureScheme.ECDSA_SECP256R1_SHA256), null));
        assertThat(d.scheme()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
    }

    @Test
    void aP384CertificateNeedsTheClientToSupportP384() {
        ServerChoice.Offer p256Only = new ServerChoice.Offer(allSuites(), List.of(0x0017), ALL_SCHEMES, "api.example.com");
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC384_API, EC_WWW), p256Only);
        assertThat(c.key()).as("the P-384 key is skipped, the default P-256 key serves").isSameAs(EC_WWW);
    }

    @Test
    void anEcdsaCertificateOnACurveTheClientDidNotNameIsNotUsed() {
        // RFC 8422 §5.1: the client's supported_groups also bounds the server certificate's curve.
        ServerChoice c = ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW, RSA_WWW),
                new ServerChoice.Offer(allSuites(), List.of(0x001d), ALL_SCHEMES, null));
        assertThat(c.key()).isSameAs(RSA_WWW);
        assertThat(c.suite()).isEqualTo(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    }

    @Test
    void sniPicksTheCertificateThatNamesTheHost() {
        ServerChoice.Offer api = new ServerChoice.Offer(allSuites(), List.of(0x001d, 0x0018), ALL_SCHEMES,
                "API.example.com");
        assertThat(ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW, EC384_API), api).key())
                .isSameAs(EC384_API);
        ServerChoice.Offer unknown = new ServerChoice.Offer(allSuites(), List.of(0x001d, 0x0017, 0x0018), ALL_SCHEMES,
                "other.test");
        assertThat(ServerChoice.choose(SUITES, GROUPS, SCHEMES, List.of(EC_WWW, EC384_API), unknown).key())
                .as("no key names the host: the first suitable key serves").isSameAs(EC_WWW);
    }
}
