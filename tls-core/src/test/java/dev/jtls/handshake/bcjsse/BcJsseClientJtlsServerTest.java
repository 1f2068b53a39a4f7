package dev.jtls.handshake.bcjsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.record.AlertDescription;
import dev.jtls.session.Session;
import dev.jtls.testing.TestCerts;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** BCJSSE client ↔ jtls server, in memory: every suite × group, resumption, client auth, ALPN, SNI, 1 MiB each way. */
class BcJsseClientJtlsServerTest {
    static final SSLContext CLIENT = BcJsse.clientContext(null);

    static Stream<Arguments> suitesAndGroups() {
        return BcJsse.suitesAndGroups();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void everySuiteAndGroup(CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = BcJsse.jtlsServer();
        if (group != null) {
            b.groups(List.of(group));
        }
        Link l = new Link(TlsConnection.server(b.build()), BcJsse.clientEngine(CLIENT, suite.standardName()))
                .handshake().connected();
        Negotiated n = l.negotiated();
        assertThat(n.suite()).isEqualTo(suite);
        assertThat(l.engine.getSession().getCipherSuite()).isEqualTo(suite.standardName());
        assertThat(n.group()).isEqualTo(group);
        assertThat(n.resumed()).isFalse();
        assertThat(n.extendedMasterSecret()).isTrue();
        // SNI: jtls saw the name and picked the certificate for it (not OTHER_RSA, listed first).
        assertThat(n.serverName()).isEqualTo(BcJsse.HOST);
        X509Certificate leaf = (X509Certificate) peerCertificate(l);
        assertThat(leaf).isEqualTo(suite.authentication() == CipherSuite.Authentication.RSA
                ? BcJsse.RSA_LEAF.certificate() : BcJsse.EC_LEAF.certificate());
        // ALPN: jtls prefers http/1.1 of the client's h2, http/1.1; both ends agree.
        assertThat(n.alpn()).isEqualTo("http/1.1");
        assertThat(l.engine.getApplicationProtocol()).isEqualTo("http/1.1");
        l.exchange(1 << 20, suite.ordinal() * 11L + (group == null ? 0 : group.ordinal()));
    }

    static java.security.cert.Certificate peerCertificate(Link l) {
        try {
            return l.engine.getSession().getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
        }
    }

    enum Auth { NONE, WANT, NEED }

    static Stream<Arguments> suitesAndAuth() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            out.add(Arguments.of(s, Auth.NONE));
            out.add(Arguments.of(s, Auth.NEED));
        }
        out.add(Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, Auth.WANT));
        out.add(Arguments.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, Auth.WANT));
        return out.stream();
    }

    /**
     * Full then abbreviated handshake by session id (RFC 5246 §7.3) for every suite, with and
     * without client auth: BCJSSE resumes from its context's client session cache (host:port).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndAuth")
    void resumesBySessionId(CipherSuite suite, Auth auth) {
        TlsConfig config = BcJsse.jtlsServer().sessionIdResumption(true).sessionTickets(false)
                .clientAuth(auth == Auth.NONE ? ClientAuth.NONE : auth == Auth.WANT ? ClientAuth.WANT : ClientAuth.NEED)
                .build();
        TestCerts.Issued clientLeaf = auth == Auth.NONE ? null : BcJsse.CLIENT_EC;
        SSLContext ctx = BcJsse.clientContext(clientLeaf);

        Link first = new Link(TlsConnection.server(config), BcJsse.clientEngine(ctx, suite.standardName()))
                .handshake().connected();
        assertThat(first.negotiated().resumed()).isFalse();
        Session made = first.session();
        assertThat(made.extendedMasterSecret()).isTrue();
        assertThat(made.id()).hasSize(32).isEqualTo(first.engine.getSession().getId());
        assertThat(config.serverSessionCache().get(made.id())).isNotNull();
        if (clientLeaf != null) {
            assertThat(peerChain(first)).containsExactly(clientLeaf.certificate(), BcJsse.CLIENT_CA.certificate());
        }
        first.exchange(5000, 1);

        Link second = new Link(TlsConnection.server(config), BcJsse.clientEngine(ctx, suite.standardName()))
                .handshake().connected();
        Negotiated n = second.negotiated();
        assertThat(n.resumed()).isTrue();
        assertThat(n.suite()).isEqualTo(suite);
        assertThat(n.serverName()).isEqualTo(BcJsse.HOST);
        assertThat(n.alpn()).isEqualTo("http/1.1");
        assertThat(second.engine.getApplicationProtocol()).isEqualTo("http/1.1");
        assertThat(second.engine.getSession().getId()).isEqualTo(made.id());
        assertThat(second.engine.getSession().getCreationTime()).isEqualTo(first.engine.getSession().getCreationTime());
        assertThat(second.session().cipherSuite()).isEqualTo(suite);
        if (clientLeaf != null) {
            assertThat(peerChain(second)).containsExactly(clientLeaf.certificate(), BcJsse.CLIENT_CA.certificate());
        }
        second.exchange(70_000, 2);
    }

    /**
     * jtls with tickets only (no session-id resumption): BCJSSE 1.84 sends no session_ticket
     * extension (its JSSE provider does not implement RFC 5077), so jtls issues no ticket and the
     * second connection is a full handshake. This pins BCJSSE's limitation; it is not a jtls refusal.
     */
    @Test
    void ticketsOnlyServerGivesBcJsseFullHandshakes() {
        TlsConfig config = BcJsse.jtlsServer().sessionIdResumption(false).sessionTickets(true).build();
        SSLContext ctx = BcJsse.clientContext(null);
        Link first = new Link(TlsConnection.server(config), BcJsse.clientEngine(ctx, null)).handshake().connected();
        assertThat(config.serverSessionCache().size()).isZero();
        first.exchange(100, 3);
        Link second = new Link(TlsConnection.server(config), BcJsse.clientEngine(ctx, null)).handshake().connected();
        assertThat(second.negotiated().resumed()).isFalse();
        assertThat(second.engine.getSession().getCreationTime())
                .isGreaterThanOrEqualTo(first.engine.getSession().getCreationTime());
        second.exchange(100, 4);
    }

    @Test
    void clientAuthWantWithoutCertificate() {
        TlsConnection server = TlsConnection.server(BcJsse.jtlsServer().clientAuth(ClientAuth.WANT).build());
        Link l = new Link(server, BcJsse.clientEngine(CLIENT, null)).handshake().connected();
        assertThat(peerChain(l)).isEmpty();
        assertThat(l.engine.getSession().getLocalCertificates()).isNull();
        l.exchange(1000, 5);
    }

    @Test
    void clientAuthNoneSendsNoRequest() {
        TlsConnection server = TlsConnection.server(BcJsse.jtlsServer().clientAuth(ClientAuth.NONE).build());
        Link l = new Link(server, BcJsse.clientEngine(BcJsse.clientContext(BcJsse.CLIENT_EC), null)).handshake().connected();
        assertThat(l.engine.getSession().getLocalCertificates()).isNull();
        assertThat(peerChain(l)).isEmpty();
    }

    @Test
    void clientAuthNeedWithoutCertificateIsHandshakeFailureAndBcJsseSeesIt() {
        TlsConnection server = TlsConnection.server(BcJsse.jtlsServer().clientAuth(ClientAuth.NEED).build());
        Link l = new Link(server, BcJsse.clientEngine(CLIENT, null)).handshake();
        // RFC 5246 §7.4.6: the server may answer an empty Certificate with a fatal handshake_failure.
        assertThat(l.jtls.failure()).isNotNull();
        assertThat(l.jtls.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(l.engineFailure).isNotNull();
        assertThat(l.engineFailure.getMessage()).contains("handshake_failure");
    }

    /** P-384 and P-521 client keys: BCJSSE signs CertificateVerify with ecdsa_secp256r1_sha256 (TLS 1.2 has no curve binding). */
    @ParameterizedTest
    @EnumSource(TestCerts.Kind.class)
    void needClientAuthWithEveryClientKeyKind(TestCerts.Kind kind) {
        TestCerts.Issued leaf = TestCerts.leaf(BcJsse.CLIENT_CA, "client " + kind, kind, List.of());
        TlsConnection server = TlsConnection.server(BcJsse.jtlsServer().clientAuth(ClientAuth.NEED).build());
        SSLEngine client = BcJsse.clientEngine(BcJsse.clientContext(leaf), null);
        Link l = new Link(server, client).handshake().connected();
        assertThat(peerChain(l)).containsExactly(leaf.certificate(), BcJsse.CLIENT_CA.certificate());
        l.exchange(1000, 6);
    }

    /** Every kind of server key jtls signs with, alone in its configuration, with BCJSSE's default schemes. */
    @ParameterizedTest
    @EnumSource(TestCerts.Kind.class)
    void everyServerKeyKind(TestCerts.Kind kind) {
        TestCerts.Issued leaf = TestCerts.leaf(BcJsse.CA, "server " + kind, kind, List.of(BcJsse.HOST));
        TlsConnection server = TlsConnection.server(TlsConfig.builder().certifiedKey(BcJsse.key(leaf, BcJsse.CA)).build());
        Link l = new Link(server, BcJsse.clientEngine(CLIENT, null)).handshake().connected();
        assertThat(peerCertificate(l)).isEqualTo(leaf.certificate());
        assertThat(l.negotiated().suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.ECDHE);
        l.exchange(1000, 7);
    }

    static List<X509Certificate> peerChain(Link l) {
        for (HandshakeEvent e : l.jtls.events()) {
            if (e instanceof PeerCertificates) {
                return ((PeerCertificates) e).chain();
            }
        }
        return List.of();
    }
}
