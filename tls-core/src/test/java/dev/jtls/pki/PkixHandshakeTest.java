package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.CLIENT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import dev.jtls.testing.CertBuilder.Kind;
import dev.jtls.testing.Pump;
import java.nio.ByteBuffer;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jtls client ↔ jtls server in memory, the client validating the server's 3-certificate chain
 * (leaf, intermediate, root) with {@link PkixTrustVerifier}; the server validating a client chain.
 */
class PkixHandshakeTest {
    private static final String HOST = "pkix.example";
    private static final Issued ROOT = CertBuilder.root("Handshake Root", Kind.RSA_2048).build();
    private static final Issued CA = CertBuilder.intermediate("Handshake Intermediate", ROOT).build();
    private static final Issued EC_LEAF = CertBuilder.leaf(HOST, CA).build();
    private static final Issued RSA_LEAF = CertBuilder.leaf(HOST, CA).key(Kind.RSA_2048).build();
    private static final Issued CLIENT_LEAF = CertBuilder.leaf("client", CA).eku(KeyPurposeId.id_kp_clientAuth)
            .keyUsage(KeyUsage.digitalSignature).build();

    private static PkixTrustVerifier verifier(Issued... roots) {
        return new PkixTrustVerifier(new ChainValidator(ChainFixtures.anchors(roots)), WEB, CLIENT,
                HostnameVerifier.strict());
    }

    private static TlsConfig.Builder server(Issued leaf) {
        return TlsConfig.builder()
                .certifiedKey(new CertifiedKey(CertBuilder.chain(leaf, CA, ROOT), leaf.privateKey()))
                .trust(verifier(ROOT));
    }

    private static TlsConnection[] handshake(TlsConfig client, TlsConfig server, String host) throws Exception {
        TlsConnection c = TlsConnection.client(client, host, 443);
        TlsConnection s = TlsConnection.server(server);
        Pump.Endpoint ce = Pump.of(c, ByteBuffer.allocate(1 << 16));
        Pump.Endpoint se = Pump.of(s, ByteBuffer.allocate(1 << 16));
        // A side that fails throws out of the pump; pumping again delivers its alert to the peer.
        for (int i = 0; i < 3; i++) {
            try {
                Pump.run(ce, se, 1000);
                break;
            } catch (TlsAlertException e) {
                assertThat(e).isSameAs(c.failure() != null && c.failure() == e ? c.failure() : s.failure());
            }
        }
        return new TlsConnection[] {c, s};
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"})
    void clientValidatesAThreeCertificateChain(CipherSuite suite) throws Exception {
        Issued leaf = suite.authentication() == CipherSuite.Authentication.ECDSA ? EC_LEAF : RSA_LEAF;
        TlsConfig client = TlsConfig.builder().trust(verifier(ROOT)).cipherSuites(List.of(suite)).build();
        TlsConnection[] cs = handshake(client, server(leaf).build(), HOST);
        assertThat(cs[0].failure()).isNull();
        assertThat(cs[0].status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    @Test
    void untrustedCaFailsWithUnknownCa() throws Exception {
        Issued otherRoot = CertBuilder.root("Some Other Root", Kind.EC_P256).build();
        TlsConfig client = TlsConfig.builder().trust(verifier(otherRoot)).build();
        TlsConnection[] cs = handshake(client, server(EC_LEAF).build(), HOST);
        assertThat(cs[0].failure()).isNotNull();
        assertThat(cs[0].failure().description()).isEqualTo(AlertDescription.UNKNOWN_CA);
        assertThat(cs[0].failure().getMessage()).contains("no path to a trust anchor");
        assertThat(cs[0].status()).isNotEqualTo(TlsConnection.Status.CONNECTED);
        // The server received the alert.
        assertThat(cs[1].failure()).isNotNull();
        assertThat(cs[1].failure().getMessage()).contains("unknown_ca");
    }

    @Test
    void wrongHostFailsWithBadCertificate() throws Exception {
        TlsConfig client = TlsConfig.builder().trust(verifier(ROOT)).build();
        TlsConnection[] cs = handshake(client, server(EC_LEAF).build(), "other.example");
        assertThat(cs[0].failure().description()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(cs[0].failure().getMessage()).contains("does not match host 'other.example'");
    }

    @Test
    void serverValidatesClientChainWithTheClientAuthPolicy() throws Exception {
        TlsConfig client = TlsConfig.builder().trust(verifier(ROOT))
                .certifiedKey(new CertifiedKey(CertBuilder.chain(CLIENT_LEAF, CA), CLIENT_LEAF.privateKey())).build();
        TlsConnection[] ok = handshake(client, server(EC_LEAF).clientAuth(ClientAuth.NEED).build(), HOST);
        assertThat(ok[1].failure()).isNull();
        assertThat(ok[1].status()).isEqualTo(TlsConnection.Status.CONNECTED);

        // A serverAuth-only certificate offered as a client certificate: unsupported_certificate.
        TlsConfig wrongEku = TlsConfig.builder().trust(verifier(ROOT))
                .certifiedKey(new CertifiedKey(CertBuilder.chain(EC_LEAF, CA), EC_LEAF.privateKey())).build();
        TlsConnection[] bad = handshake(wrongEku, server(EC_LEAF).clientAuth(ClientAuth.NEED).build(), HOST);
        assertThat(bad[1].failure()).isInstanceOf(CertificateRejection.class);
        assertThat(((CertificateRejection) bad[1].failure()).problem()).isEqualTo(ChainProblem.EXTENDED_KEY_USAGE);
        assertThat(bad[1].failure().description()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
    }
}
