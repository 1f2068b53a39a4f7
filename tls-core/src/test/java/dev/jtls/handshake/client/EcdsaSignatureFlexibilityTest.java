package dev.jtls.handshake.client;

import static dev.jtls.handshake.client.JtlsToJtlsTest.negotiated;
import static dev.jtls.handshake.client.JtlsToJtlsTest.pump;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.PinnedTrustVerifier;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.3 and §6: in TLS 1.2 an ECDSA signature scheme names the hash
 * only; a P-256 key signs ServerKeyExchange and CertificateVerify with SHA-384 or SHA-512 when that
 * is all the peer accepts (tlsfuzzer test-ecdsa-sig-flexibility.py), and the peer verifies it.
 */
class EcdsaSignatureFlexibilityTest {

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = {"ECDSA_SECP256R1_SHA256", "ECDSA_SECP384R1_SHA384",
        "ECDSA_SECP521R1_SHA512"})
    void aP256KeySignsWithWhicheverHashThePeerAccepts(SignatureScheme only) throws Exception {
        TlsConfig serverConfig = TlsConfig.builder()
                .certifiedKey(JtlsToJtlsTest.key(JssePeer.EC_LEAF, JssePeer.CA))
                .trust(new PinnedTrustVerifier(List.of(JssePeer.CLIENT_CA.certificate()), Clock.systemUTC()))
                .clientAuth(ClientAuth.NEED).signatureSchemes(List.of(only)).build();
        TlsConfig clientConfig = ClientJsseHandshakeTest.config()
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256))
                .groups(List.of(NamedGroup.SECP256R1)).signatureSchemes(List.of(only))
                .certifiedKey(JtlsToJtlsTest.key(JssePeer.CLIENT_EC, JssePeer.CLIENT_CA)).build();
        TlsConnection client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(serverConfig);
        pump(client, server, ByteBuffer.allocate(1 << 16), ByteBuffer.allocate(1 << 16));
        assertThat(client.failure()).isNull();
        assertThat(server.failure()).isNull();
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(negotiated(client).scheme()).isEqualTo(only);
        assertThat(negotiated(server).scheme()).isEqualTo(only);
    }
}
