package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.AlertDescription;
import dev.jtls.testing.TestCerts;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Client authentication (RFC 5246 §7.4.4, §7.4.6, §7.4.8) against a SunJSSE server that asks for it. */
class ClientAuthJsseTest {
    static final JssePeer PEER = new JssePeer();

    static CertifiedKey key(TestCerts.Issued leaf) {
        return new CertifiedKey(List.of(leaf.certificate(), JssePeer.CLIENT_CA.certificate()), leaf.privateKey());
    }

    enum ClientKey { EC, RSA }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void needClientAuthWithEcKey(CipherSuite suite) throws Exception {
        run(suite, ClientKey.EC);
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"})
    void needClientAuthWithRsaKey(CipherSuite suite) throws Exception {
        run(suite, ClientKey.RSA);
    }

    private void run(CipherSuite suite, ClientKey which) throws Exception {
        TestCerts.Issued leaf = which == ClientKey.EC ? JssePeer.CLIENT_EC : JssePeer.CLIENT_RSA;
        TlsConfig config = ClientJsseHandshakeTest.config().cipherSuites(List.of(suite)).certifiedKey(key(leaf)).build();
        SSLEngine server = PEER.serverEngine();
        server.setNeedClientAuth(true);
        Conversation c = new Conversation(config, JssePeer.HOST, server).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.serverFailure).isNull();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        X509Certificate seen = (X509Certificate) server.getSession().getPeerCertificates()[0];
        assertThat(seen).isEqualTo(leaf.certificate());
        c.exchange(4096, 1);
    }

    @Test
    void wantClientAuthWithoutKeySendsEmptyCertificate() throws Exception {
        SSLEngine server = PEER.serverEngine();
        server.setWantClientAuth(true);
        Conversation c = new Conversation(ClientJsseHandshakeTest.config().build(), JssePeer.HOST, server).pump();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.getSession().getPeerCertificates())
                .isInstanceOf(SSLPeerUnverifiedException.class);
        c.exchange(100, 2);
    }

    @Test
    void needClientAuthWithoutKeyIsRefusedByTheServer() {
        SSLEngine server = PEER.serverEngine();
        server.setNeedClientAuth(true);
        Conversation c = new Conversation(ClientJsseHandshakeTest.config().build(), JssePeer.HOST, server).pump();
        assertThat(c.serverFailure).isNotNull();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        // SunJSSE answers an empty Certificate under needClientAuth with bad_certificate (JDK 17)
        // or handshake_failure (JDK 25); jtls reports the peer's alert.
        assertThat(c.client.failure().description()).isIn(AlertDescription.BAD_CERTIFICATE,
                AlertDescription.HANDSHAKE_FAILURE);
        assertThat(c.client.failure().getMessage()).startsWith("peer aborted: ");
    }

    @Test
    void keyOfATypeTheServerDoesNotAskForIsNotSent() {
        // A server asking only for rsa_sign gets an empty Certificate from a client that holds an EC key.
        var request = new dev.jtls.message.CertificateRequest(List.of(dev.jtls.message.ClientCertificateType.of(1)),
                List.of(dev.jtls.message.SignatureSchemeId.of(0x0403), dev.jtls.message.SignatureSchemeId.of(0x0804)),
                List.of());
        TlsConfig ec = ClientJsseHandshakeTest.config().certifiedKey(key(JssePeer.CLIENT_EC)).build();
        assertThat(ClientCredentials.choose(ec, request)).isEqualTo(ClientCredentials.NONE);
        TlsConfig rsa = ClientJsseHandshakeTest.config().certifiedKey(key(JssePeer.CLIENT_EC))
                .certifiedKey(key(JssePeer.CLIENT_RSA)).build();
        ClientCredentials chosen = ClientCredentials.choose(rsa, request);
        assertThat(chosen.key().keyType()).isEqualTo(CertifiedKey.KeyType.RSA);
        assertThat(chosen.scheme()).isEqualTo(dev.jtls.crypto.SignatureScheme.RSA_PSS_RSAE_SHA256);
    }

    @ParameterizedTest
    @EnumSource(value = TestCerts.Kind.class, names = {"EC_P384", "EC_P521", "ED25519"})
    void otherClientKeyTypes(TestCerts.Kind kind) throws Exception {
        TestCerts.Issued leaf = TestCerts.leaf(JssePeer.CLIENT_CA, "client " + kind, kind, List.of());
        TlsConfig config = ClientJsseHandshakeTest.config().cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256))
                .certifiedKey(key(leaf)).build();
        SSLEngine server = PEER.serverEngine();
        server.setNeedClientAuth(true);
        Conversation c = new Conversation(config, JssePeer.HOST, server).pump();
        assertThat(c.client.failure()).isNull();
        assertThat(c.serverFailure).isNull();
        assertThat(server.getSession().getPeerCertificates()[0]).isEqualTo(leaf.certificate());
        c.exchange(100, 3);
    }

    @Test
    void keyFromACaTheServerDoesNotListIsNotSent() {
        var otherCa = TestCerts.ca("unlisted CA", TestCerts.Kind.EC_P256);
        var leaf = TestCerts.leaf(otherCa, "client elsewhere", TestCerts.Kind.EC_P256, List.of());
        CertifiedKey elsewhere = new CertifiedKey(List.of(leaf.certificate(), otherCa.certificate()), leaf.privateKey());
        var listed = Bytes.of(JssePeer.CLIENT_CA.certificate().getSubjectX500Principal().getEncoded());
        var request = new dev.jtls.message.CertificateRequest(List.of(dev.jtls.message.ClientCertificateType.of(64)),
                List.of(dev.jtls.message.SignatureSchemeId.of(0x0403)), List.of(listed));
        TlsConfig config = ClientJsseHandshakeTest.config().certifiedKey(elsewhere).certifiedKey(key(JssePeer.CLIENT_EC)).build();
        assertThat(ClientCredentials.choose(config, request).key().leaf()).isEqualTo(JssePeer.CLIENT_EC.certificate());
        TlsConfig onlyElsewhere = ClientJsseHandshakeTest.config().certifiedKey(elsewhere).build();
        assertThat(ClientCredentials.choose(onlyElsewhere, request)).isEqualTo(ClientCredentials.NONE);
        // With wantClientAuth, SunJSSE (which lists its trust anchors) then gets an empty Certificate and goes on.
        SSLEngine server = PEER.serverEngine();
        server.setWantClientAuth(true);
        Conversation c = new Conversation(onlyElsewhere, JssePeer.HOST, server).pump();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }
}
