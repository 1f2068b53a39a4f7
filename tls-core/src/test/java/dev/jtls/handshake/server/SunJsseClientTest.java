package dev.jtls.handshake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.Pump;
import dev.jtls.testing.TestCerts;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SunJSSE client ↔ jtls server, in memory: every suite × group, ALPN, SNI, client auth, bulk data. */
class SunJsseClientTest {
    static final String HOST = "server.test";
    static final TestCerts.Issued CA = TestCerts.ca("jtls test CA", TestCerts.Kind.EC_P256);
    /** Listed first, so only SNI makes the server pick the right RSA certificate. */
    static final TestCerts.Issued OTHER_RSA = TestCerts.leaf(CA, "other", TestCerts.Kind.RSA_2048, List.of("other.test"));
    static final TestCerts.Issued SERVER_RSA = TestCerts.leaf(CA, "server", TestCerts.Kind.RSA_2048, List.of(HOST));
    static final TestCerts.Issued SERVER_EC = TestCerts.leaf(CA, "server-ec", TestCerts.Kind.EC_P256, List.of(HOST));
    static final TestCerts.Issued CLIENT = TestCerts.leaf(CA, "client", TestCerts.Kind.EC_P256, List.of("client.test"));

    static {
        SunJsse.enableRsaKeyExchange();
    }

    static TlsConfig.Builder serverConfig() {
        return TlsConfig.builder()
                .certifiedKey(key(OTHER_RSA))
                .certifiedKey(key(SERVER_RSA))
                .certifiedKey(key(SERVER_EC))
                .trust(new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC()))
                .alpnSelector(AlpnSelector.preferring(List.of("http/1.1", "h2")));
    }

    static CertifiedKey key(TestCerts.Issued leaf) {
        return new CertifiedKey(List.of(leaf.certificate(), CA.certificate()), leaf.privateKey());
    }

    static SSLEngine client(SSLContext ctx, String suite) {
        SSLEngine engine = ctx.createSSLEngine(HOST, 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        if (suite != null) {
            p.setCipherSuites(new String[] {suite});
        }
        p.setServerNames(List.of(new SNIHostName(HOST)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(p);
        return engine;
    }

    static SSLContext plainClient() {
        return SunJsse.context(CA.certificate(), null, null);
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
    void everySuiteAndGroup(CipherSuite suite, NamedGroup group) throws Exception {
        TlsConfig.Builder b = serverConfig();
        if (group != null) {
            b.groups(List.of(group));
        }
        TlsConnection server = TlsConnection.server(b.build());
        SSLEngine client = client(plainClient(), suite.standardName());
        Session s = handshake(client, server);

        Negotiated n = negotiated(server);
        assertThat(n.suite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        assertThat(n.resumed()).isFalse();
        assertThat(n.extendedMasterSecret()).isTrue();
        assertThat(n.serverName()).isEqualTo(HOST);
        assertThat(n.alpn()).isEqualTo("http/1.1");
        assertThat(client.getSession().getCipherSuite()).isEqualTo(suite.standardName());
        assertThat(client.getApplicationProtocol()).isEqualTo("http/1.1");
        X509Certificate leaf = (X509Certificate) client.getSession().getPeerCertificates()[0];
        assertThat(leaf).isEqualTo(suite.authentication() == CipherSuite.Authentication.RSA
                ? SERVER_RSA.certificate() : SERVER_EC.certificate());
        exchange(s, 16 * 1024 + 5);
    }

    /** Every kind of server key jtls signs with, alone in the configuration, picked by the client's schemes. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(TestCerts.Kind.class)
    void everyServerKeyKind(TestCerts.Kind kind) throws Exception {
        TestCerts.Issued leaf = TestCerts.leaf(CA, "server-" + kind, kind, List.of(HOST));
        TlsConnection server = TlsConnection.server(TlsConfig.builder().certifiedKey(key(leaf)).build());
        SSLEngine client = client(plainClient(), null);
        Session s = handshake(client, server);
        assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(leaf.certificate());
        Negotiated n = negotiated(server);
        assertThat(n.suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.ECDHE);
        assertThat(n.scheme()).isIn(key(leaf).keyType().signatureSchemes());
        exchange(s, 4096);
    }

    static SSLEngine clientAskingFor(String serverName) {
        SSLEngine client = plainClient().createSSLEngine(serverName, 443);
        client.setUseClientMode(true);
        SSLParameters p = client.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setServerNames(List.of(new SNIHostName(serverName)));
        client.setSSLParameters(p);
        return client;
    }

    /**
     * An SNI name no certificate has: by default (UnknownServerName.IGNORE) jtls goes on with its
     * default certificate and no alert, as RFC 6066 §3 recommends ("It is NOT RECOMMENDED to send a
     * warning-level unrecognized_name(112) alert"), and SunJSSE connects.
     */
    @Test
    void unknownServerNameIsIgnoredByDefaultAndSunJsseConnects() throws Exception {
        TlsConnection server = TlsConnection.server(serverConfig().build());
        SSLEngine client = clientAskingFor("unknown.test");
        client.beginHandshake();
        Pump.run(Pump.of(client, null, ByteBuffer.allocate(64 * 1024)), Pump.of(server, null), 50);
        assertThat(server.failure()).isNull();
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(client.getHandshakeStatus()).isEqualTo(javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
    }

    /**
     * With UnknownServerName.WARN, jtls follows tlsfuzzer (test-invalid-server-name-extension.py
     * "incorrect SNI") with a warning unrecognized_name and goes on; SunJSSE treats that warning as
     * fatal during a handshake — the reason it is not the default.
     */
    @Test
    void unknownServerNameWarningIsFatalToSunJsse() throws Exception {
        TlsConnection server = TlsConnection.server(serverConfig()
                .unknownServerName(dev.jtls.config.UnknownServerName.WARN).build());
        SSLEngine client = clientAskingFor("unknown.test");
        client.beginHandshake();
        assertThatThrownBy(() -> Pump.run(Pump.of(client, null, ByteBuffer.allocate(64 * 1024)),
                Pump.of(server, null), 50)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("unrecognized_name");
    }

    @Test
    void oneMebibyteEachWay() throws Exception {
        TlsConnection server = TlsConnection.server(serverConfig().build());
        Session s = handshake(client(plainClient(), null), server);
        exchange(s, 1 << 20);
    }

    @Test
    void clientAuthNoneSendsNoRequest() throws Exception {
        TlsConnection server = TlsConnection.server(serverConfig().clientAuth(ClientAuth.NONE).build());
        SSLContext ctx = SunJsse.context(CA.certificate(), CLIENT, List.of(CLIENT.certificate(), CA.certificate()));
        SSLEngine client = client(ctx, null);
        handshake(client, server);
        assertThat(client.getSession().getLocalCertificates()).isNull();
        assertThat(server.events()).noneMatch(e -> e instanceof PeerCertificates);
    }

    @Test
    void clientAuthWantWithAndWithoutCertificate() throws Exception {
        TlsConfig config = serverConfig().clientAuth(ClientAuth.WANT).build();
        TlsConnection server = TlsConnection.server(config);
        handshake(client(plainClient(), null), server);
        assertThat(server.events()).noneMatch(e -> e instanceof PeerCertificates);

        for (String suite : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
            server = TlsConnection.server(config);
            SSLContext ctx = SunJsse.context(CA.certificate(), CLIENT, List.of(CLIENT.certificate(), CA.certificate()));
            Session s = handshake(client(ctx, suite), server);
            assertThat(peerChain(server)).containsExactly(CLIENT.certificate(), CA.certificate());
            exchange(s, 1000);
        }
    }

    @Test
    void clientAuthNeedWithRsaClientKey() throws Exception {
        TestCerts.Issued rsaClient = TestCerts.leaf(CA, "client-rsa", TestCerts.Kind.RSA_2048, List.of("c.test"));
        TlsConnection server = TlsConnection.server(serverConfig().clientAuth(ClientAuth.NEED).build());
        SSLContext ctx = SunJsse.context(CA.certificate(), rsaClient, List.of(rsaClient.certificate()));
        Session s = handshake(client(ctx, null), server);
        assertThat(peerChain(server)).containsExactly(rsaClient.certificate());
        exchange(s, 1000);
    }

    @Test
    void clientAuthNeedWithoutCertificateIsHandshakeFailure() {
        TlsConnection server = TlsConnection.server(serverConfig().clientAuth(ClientAuth.NEED).build());
        SSLEngine client = client(plainClient(), null);
        assertThatThrownBy(() -> handshake(client, server)).isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).description())
                        .isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
        // SunJSSE saw the alert.
        assertThatThrownBy(() -> Pump.run(Pump.of(client, null, ByteBuffer.allocate(1024)),
                Pump.of(server, null), 10)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("handshake_failure");
    }

    // ---- helpers

    record Session(SSLEngine client, TlsConnection server) {
    }

    static Session handshake(SSLEngine client, TlsConnection server) throws SSLException {
        client.beginHandshake();
        Pump.run(Pump.of(client, null, ByteBuffer.allocate(64 * 1024)), Pump.of(server, null), 50);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(client.getHandshakeStatus()).isIn(javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING,
                javax.net.ssl.SSLEngineResult.HandshakeStatus.FINISHED);
        return new Session(client, server);
    }

    /** Sends {@code size} random bytes each way and compares them byte for byte. */
    static void exchange(Session s, int size) throws SSLException {
        Random r = new Random(size);
        byte[] up = new byte[size];
        byte[] down = new byte[size];
        r.nextBytes(up);
        r.nextBytes(down);
        ByteBuffer clientOut = ByteBuffer.allocate(size + 1);
        clientOut.put(up);
        ByteBuffer clientIn = ByteBuffer.allocate(size + 64 * 1024);
        ByteBuffer serverIn = ByteBuffer.allocate(size + 64 * 1024);
        s.server().write(ByteBuffer.wrap(down));
        Pump.run(Pump.of(s.client(), clientOut, clientIn), Pump.of(s.server(), serverIn), 10_000);
        assertThat(Arrays.copyOf(serverIn.array(), serverIn.position())).isEqualTo(up);
        assertThat(Arrays.copyOf(clientIn.array(), clientIn.position())).isEqualTo(down);
    }

    static Negotiated negotiated(TlsConnection c) {
        List<Negotiated> all = new ArrayList<>();
        for (HandshakeEvent e : c.events()) {
            if (e instanceof Negotiated) {
                all.add((Negotiated) e);
            }
        }
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static List<X509Certificate> peerChain(TlsConnection c) {
        for (HandshakeEvent e : c.events()) {
            if (e instanceof PeerCertificates) {
                return ((PeerCertificates) e).chain();
            }
        }
        return List.of();
    }
}
