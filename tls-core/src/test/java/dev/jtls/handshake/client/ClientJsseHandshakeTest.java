package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.pki.PinnedTrustVerifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** jtls client ↔ SunJSSE server, every suite × every group, full handshakes with data both ways. */
class ClientJsseHandshakeTest {
    static final JssePeer PEER = new JssePeer();

    static TlsConfig.Builder config() {
        return TlsConfig.builder().trust(new PinnedTrustVerifier(List.of(JssePeer.CA.certificate()), Clock.systemUTC()));
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            if (s.keyExchange() == CipherSuite.KeyExchange.RSA) {
                out.add(Arguments.of(s, null));
                continue;
            }
            for (NamedGroup g : NamedGroup.values()) {
                out.add(Arguments.of(s, g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void everySuiteAndGroup(CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = config().cipherSuites(List.of(suite));
        if (group != null) {
            // RFC 8422 §5.1: an ECDSA certificate's curve must be among supported_groups too, so
            // secp256r1 (the test certificate's curve) follows the group under test.
            b.groups(suite.authentication() == CipherSuite.Authentication.ECDSA && group != NamedGroup.SECP256R1
                    ? List.of(group, NamedGroup.SECP256R1) : List.of(group));
        }
        Conversation c = new Conversation(b.build(), JssePeer.HOST, PEER.serverEngine()).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.serverFailure).isNull();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(c.server.getSession().getCipherSuite()).isEqualTo(suite.standardName());
        assertThat(c.server.getSession().getProtocol()).isEqualTo("TLSv1.2");
        Negotiated n = c.negotiated();
        assertThat(n.suite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        // ECDHE: the scheme that signed ServerKeyExchange fits the certificate; none for RSA key exchange.
        if (group == null) {
            assertThat(n.scheme()).isNull();
        } else {
            assertThat(n.scheme().kind() == dev.jtls.crypto.SignatureScheme.Kind.ECDSA)
                    .isEqualTo(suite.authentication() == CipherSuite.Authentication.ECDSA);
        }
        assertThat(n.serverName()).isEqualTo(JssePeer.HOST);
        assertThat(n.resumed()).isFalse();
        assertThat(n.extendedMasterSecret()).isTrue();
        c.exchange(16 * 1024 + 7, suite.ordinal());
    }

    static Stream<CipherSuite> suites() {
        return Stream.of(CipherSuite.values());
    }

    @ParameterizedTest
    @MethodSource("suites")
    void oneMebibyteEachWay(CipherSuite suite) {
        Conversation c = new Conversation(config().cipherSuites(List.of(suite)).build(), JssePeer.HOST,
                PEER.serverEngine()).pump();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        c.exchange(1 << 20, 42 + suite.ordinal());
        c.exchange(1, 7);
    }

    @Test
    void alpnAndSniSeenOnBothEnds() {
        TlsConfig config = config().alpnProtocols(List.of("http/1.1", "h2")).build();
        JssePeer peer = new JssePeer();
        Conversation c = new Conversation(config, JssePeer.HOST, peer.serverEngine()).pump();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        // SunJSSE picks by its own order (h2 first); jtls reports what the server chose.
        assertThat(c.server.getApplicationProtocol()).isEqualTo("h2");
        assertThat(c.negotiated().alpn()).isEqualTo("h2");
        assertThat(peer.sniSeen).containsExactly(JssePeer.HOST);
        assertThat(c.negotiated().serverName()).isEqualTo(JssePeer.HOST);
        assertThat(c.client.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PeerCertificates.class,
                p -> assertThat(p.chain().get(0).getSubjectX500Principal().getName()).contains(JssePeer.HOST)));
    }

    @Test
    void ipAddressIsNotSentAsSni() {
        JssePeer peer = new JssePeer();
        // The certificate names server.test, not the address: the verifier is given no name to check.
        Conversation c = new Conversation(config().build(), null, peer.serverEngine()).pump();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(peer.sniSeen).isEmpty();
        assertThat(ClientHandshake.sniName("192.0.2.1")).isNull();
        assertThat(ClientHandshake.sniName("2001:db8::1")).isNull();
        assertThat(ClientHandshake.sniName("Server.Test.")).isEqualTo("server.test");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = dev.jtls.testing.TestCerts.Kind.class,
            names = {"EC_P256", "EC_P384", "EC_P521"})
    void ecdsaServerCertificatesOfEveryCurve(dev.jtls.testing.TestCerts.Kind kind) {
        JssePeer peer = new JssePeer(dev.jtls.testing.TestCerts.leaf(JssePeer.CA, JssePeer.HOST, kind, List.of(JssePeer.HOST)));
        Conversation c = new Conversation(config().cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384))
                .build(), JssePeer.HOST, peer.serverEngine()).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        dev.jtls.crypto.SignatureScheme expected = kind == dev.jtls.testing.TestCerts.Kind.EC_P256
                ? dev.jtls.crypto.SignatureScheme.ECDSA_SECP256R1_SHA256
                : kind == dev.jtls.testing.TestCerts.Kind.EC_P384 ? dev.jtls.crypto.SignatureScheme.ECDSA_SECP384R1_SHA384
                : dev.jtls.crypto.SignatureScheme.ECDSA_SECP521R1_SHA512;
        assertThat(c.negotiated().scheme()).isEqualTo(expected);
        c.exchange(1000, 5);
    }

    @Test
    void ed25519ServerCertificate() {
        JssePeer peer = new JssePeer(dev.jtls.testing.TestCerts.leaf(JssePeer.CA, JssePeer.HOST,
                dev.jtls.testing.TestCerts.Kind.ED25519, List.of(JssePeer.HOST)));
        Conversation c = new Conversation(config().cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256))
                .build(), JssePeer.HOST, peer.serverEngine()).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.negotiated().scheme()).isEqualTo(dev.jtls.crypto.SignatureScheme.ED25519);
        c.exchange(1000, 6);
    }
}
