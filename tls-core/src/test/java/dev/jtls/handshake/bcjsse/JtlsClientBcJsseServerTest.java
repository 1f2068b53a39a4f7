package dev.jtls.handshake.bcjsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.record.AlertDescription;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.testing.TestCerts;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** jtls client ↔ BCJSSE server, in memory: every suite × group, resumption, client auth, ALPN, SNI, 1 MiB each way. */
class JtlsClientBcJsseServerTest {
    static final SSLContext SERVER = BcJsse.serverContext();

    static Link connect(TlsConfig config, SSLContext serverContext, List<String> sni) {
        TlsConnection client = TlsConnection.client(config, BcJsse.HOST, 443);
        return new Link(client, BcJsse.serverEngine(serverContext, sni)).handshake();
    }

    static Stream<Arguments> suitesAndGroups() {
        return BcJsse.suitesAndGroups();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void everySuiteAndGroup(CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = BcJsse.jtlsClient().cipherSuites(List.of(suite)).alpnProtocols(List.of("http/1.1", "h2"));
        if (group != null) {
            // RFC 8422 §5.1: the ECDSA certificate's curve (P-256) must be among supported_groups too.
            b.groups(suite.authentication() == CipherSuite.Authentication.ECDSA && group != NamedGroup.SECP256R1
                    ? List.of(group, NamedGroup.SECP256R1) : List.of(group));
        }
        List<String> sni = BcJsse.newSniLog();
        Link l = connect(b.build(), SERVER, sni).connected();
        Negotiated n = l.negotiated();
        assertThat(n.suite()).isEqualTo(suite);
        assertThat(l.engine.getSession().getCipherSuite()).isEqualTo(suite.standardName());
        assertThat(n.group()).isEqualTo(group);
        assertThat(n.resumed()).isFalse();
        assertThat(n.extendedMasterSecret()).isTrue();
        // ALPN: BCJSSE picks by its own preference (h2 first); both ends agree.
        assertThat(l.engine.getApplicationProtocol()).isEqualTo("h2");
        assertThat(n.alpn()).isEqualTo("h2");
        // SNI on both ends (BCJSSE's SNIMatcher saw it; its session's getRequestedServerNames()
        // throws UnsupportedOperationException after the handshake, so the matcher is the witness).
        assertThat(sni).containsExactly(BcJsse.HOST);
        assertThat(n.serverName()).isEqualTo(BcJsse.HOST);
        X509Certificate leaf = peerLeaf(l);
        assertThat(leaf).isEqualTo(suite.authentication() == CipherSuite.Authentication.RSA
                ? BcJsse.RSA_LEAF.certificate() : BcJsse.EC_LEAF.certificate());
        l.exchange(1 << 20, suite.ordinal() * 7L + (group == null ? 0 : group.ordinal()));
    }

    static X509Certificate peerLeaf(Link l) {
        return l.jtls.events().stream().filter(e -> e instanceof PeerCertificates)
                .map(e -> ((PeerCertificates) e).chain().get(0)).findFirst().orElseThrow();
    }

    enum Auth { NONE, NEED_EC, NEED_RSA }

    /** Full then abbreviated handshake (RFC 5246 §7.3) by session id, for every suite, with and without client auth. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndAuth")
    void resumesBySessionId(CipherSuite suite, Auth auth) throws Exception {
        SSLContext serverContext = BcJsse.serverContext();
        TlsConfig.Builder b = BcJsse.jtlsClient().cipherSuites(List.of(suite)).alpnProtocols(List.of("h2"));
        TestCerts.Issued clientLeaf = auth == Auth.NEED_EC ? BcJsse.CLIENT_EC : auth == Auth.NEED_RSA ? BcJsse.CLIENT_RSA : null;
        if (clientLeaf != null) {
            b.certifiedKey(BcJsse.key(clientLeaf, BcJsse.CLIENT_CA));
        }
        TlsConfig config = b.build();
        Link first = new Link(TlsConnection.client(config, BcJsse.HOST, 443),
                needAuth(BcJsse.serverEngine(serverContext, BcJsse.newSniLog()), clientLeaf != null)).handshake().connected();
        assertThat(first.negotiated().resumed()).isFalse();
        byte[] id = first.engine.getSession().getId();
        assertThat(id).isNotEmpty();
        if (clientLeaf != null) {
            assertThat(first.engine.getSession().getPeerCertificates()[0]).isEqualTo(clientLeaf.certificate());
        }
        first.exchange(1000, 1);

        List<String> sni = BcJsse.newSniLog();
        Link second = new Link(TlsConnection.client(config, BcJsse.HOST, 443),
                needAuth(BcJsse.serverEngine(serverContext, sni), clientLeaf != null)).handshake().connected();
        Negotiated n = second.negotiated();
        assertThat(n.resumed()).isTrue();
        assertThat(n.suite()).isEqualTo(suite);
        assertThat(n.alpn()).isEqualTo("h2");
        assertThat(second.engine.getApplicationProtocol()).isEqualTo("h2");
        assertThat(sni).containsExactly(BcJsse.HOST);
        assertThat(second.engine.getSession().getId()).isEqualTo(id);
        assertThat(second.engine.getSession().getCreationTime()).isEqualTo(first.engine.getSession().getCreationTime());
        if (clientLeaf != null) {
            assertThat(second.engine.getSession().getPeerCertificates()[0]).isEqualTo(clientLeaf.certificate());
        }
        second.exchange(70_000, 2);
    }

    static Stream<Arguments> suitesAndAuth() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            out.add(Arguments.of(s, Auth.NONE));
            out.add(Arguments.of(s, Auth.NEED_EC));
        }
        out.add(Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, Auth.NEED_RSA));
        out.add(Arguments.of(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256, Auth.NEED_RSA));
        return out.stream();
    }

    static SSLEngine needAuth(SSLEngine engine, boolean need) {
        engine.setNeedClientAuth(need);
        return engine;
    }

    /**
     * Tickets on in jtls: BCJSSE 1.84 does not implement RFC 5077 in its JSSE provider (no
     * session_ticket in its ServerHello, no NewSessionTicket), so jtls holds no ticket and resumes
     * by the session id instead (RFC 5077 §3.4 allows the server to ignore the extension).
     */
    @Test
    void withoutTicketsFromTheServerTheClientResumesById() {
        SSLContext serverContext = BcJsse.serverContext();
        TlsConfig config = BcJsse.jtlsClient().sessionTickets(true).build();
        Link first = connect(config, serverContext, BcJsse.newSniLog()).connected();
        ClientSessionCache.Entry entry = config.clientSessionCache()
                .get(new ClientSessionCache.PeerKey(BcJsse.HOST, 443, BcJsse.HOST));
        assertThat(entry).isNotNull();
        assertThat(entry.ticket()).isNullOrEmpty();
        Link second = connect(config, serverContext, BcJsse.newSniLog()).connected();
        assertThat(second.negotiated().resumed()).isTrue();
        assertThat(second.engine.getSession().getId()).isEqualTo(first.engine.getSession().getId());
    }

    @Test
    void wantClientAuthWithoutKeySendsEmptyCertificate() {
        SSLEngine server = BcJsse.serverEngine(SERVER, BcJsse.newSniLog());
        server.setWantClientAuth(true);
        Link l = new Link(TlsConnection.client(BcJsse.jtlsClient().build(), BcJsse.HOST, 443), server)
                .handshake().connected();
        Assertions.assertThatThrownBy(() -> server.getSession().getPeerCertificates())
                .isInstanceOf(SSLPeerUnverifiedException.class);
        l.exchange(1000, 3);
    }

    @Test
    void needClientAuthWithoutKeyIsRefusedByTheServer() {
        SSLEngine server = needAuth(BcJsse.serverEngine(SERVER, BcJsse.newSniLog()), true);
        Link l = new Link(TlsConnection.client(BcJsse.jtlsClient().build(), BcJsse.HOST, 443), server).handshake();
        assertThat(l.engineFailure).isNotNull();
        assertThat(l.jtls.status()).isEqualTo(TlsConnection.Status.CLOSED);
        // BCJSSE answers an empty Certificate under needClientAuth with handshake_failure
        // (RFC 5246 §7.4.6 leaves the alert to the server); jtls reports the peer's alert.
        assertThat(l.jtls.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(l.jtls.failure().getMessage()).startsWith("peer aborted: ");
    }

    @ParameterizedTest
    @EnumSource(value = TestCerts.Kind.class, names = {"EC_P384", "EC_P521", "ED25519"})
    void otherClientKeyTypes(TestCerts.Kind kind) throws Exception {
        TestCerts.Issued leaf = TestCerts.leaf(BcJsse.CLIENT_CA, "client " + kind, kind, List.of());
        TlsConfig config = BcJsse.jtlsClient().certifiedKey(BcJsse.key(leaf, BcJsse.CLIENT_CA)).build();
        SSLEngine server = needAuth(BcJsse.serverEngine(SERVER, BcJsse.newSniLog()), true);
        Link l = new Link(TlsConnection.client(config, BcJsse.HOST, 443), server).handshake().connected();
        assertThat(server.getSession().getPeerCertificates()[0]).isEqualTo(leaf.certificate());
        l.exchange(1000, 4);
    }

    /** A BCJSSE server with one key of each kind jtls verifies; ECDHE_ECDSA or ECDHE_RSA by the key. */
    @ParameterizedTest
    @EnumSource(TestCerts.Kind.class)
    void everyServerKeyKind(TestCerts.Kind kind) {
        TestCerts.Issued leaf = TestCerts.leaf(BcJsse.CA, BcJsse.HOST, kind, List.of(BcJsse.HOST));
        SSLContext ctx = BcJsse.context(List.of(BcJsse.entry(leaf, BcJsse.CA)), BcJsse.CLIENT_CA);
        SSLEngine server = BcJsse.serverEngine(ctx, BcJsse.newSniLog());
        Link l = new Link(TlsConnection.client(BcJsse.jtlsClient().build(), BcJsse.HOST, 443), server)
                .handshake().connected();
        assertThat(peerLeaf(l)).isEqualTo(leaf.certificate());
        Negotiated n = l.negotiated();
        assertThat(n.suite().keyExchange()).isEqualTo(CipherSuite.KeyExchange.ECDHE);
        assertThat(n.scheme()).isIn(BcJsse.key(leaf, BcJsse.CA).keyType().signatureSchemes());
        if (kind == TestCerts.Kind.EC_P384 || kind == TestCerts.Kind.EC_P521) {
            // RFC 5246 §7.4.1.4.1: a TLS 1.2 ECDSA scheme names the hash only; BCJSSE signs with the
            // first ECDSA scheme jtls offers whatever its curve, and jtls must accept that.
            assertThat(n.scheme()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
        }
        l.exchange(1000, 8);
    }
}
