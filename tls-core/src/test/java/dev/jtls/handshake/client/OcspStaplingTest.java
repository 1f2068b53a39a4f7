package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.HostnameVerifier;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.pki.RevocationPolicy;
import dev.jtls.pki.ServerCheck;
import dev.jtls.pki.TrustVerifier;
import dev.jtls.record.AlertDescription;
import dev.jtls.testing.Pump;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestOcsp;
import dev.jtls.testing.TestOcsp.Spec;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 6066 §8 stapling between a jtls client and a jtls server in memory: the server staples the
 * response configured on its key, the client's verifier judges the chain with it, and every bad
 * staple ends the handshake with the alert RFC 6066 §8 / RFC 5246 §7.2.2 name, seen on both sides.
 */
class OcspStaplingTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final TestCerts.Issued EC_LEAF = JssePeer.EC_LEAF;
    static final TestCerts.Issued RSA_LEAF = JssePeer.RSA_LEAF;

    /** Records the staple each verifyServer call saw, then lets a PinnedTrustVerifier decide. */
    static final class Recording implements TrustVerifier {
        final List<byte[]> staples = new ArrayList<>();
        int calls;
        final TrustVerifier inner;

        Recording(RevocationPolicy policy) {
            inner = new PinnedTrustVerifier(List.of(JssePeer.CA.certificate()), Clock.systemUTC(),
                    HostnameVerifier.strict(), policy, CryptoProviders.defaults());
        }

        @Override
        public void verifyServer(List<X509Certificate> chain, ServerCheck check) {
            calls++;
            staples.add(check.stapledOcspResponse());
            inner.verifyServer(chain, check);
        }

        @Override
        public void verifyClient(List<X509Certificate> chain) {
            inner.verifyClient(chain);
        }
    }

    static byte[] staple(Spec spec) {
        return TestOcsp.response(spec);
    }

    static Spec good(TestCerts.Issued leaf) {
        return Spec.of(leaf, JssePeer.CA, NOW);
    }

    static TlsConfig server(byte[] ecStaple, byte[] rsaStaple) {
        CertifiedKey ec = new CertifiedKey(List.of(EC_LEAF.certificate(), JssePeer.CA.certificate()), EC_LEAF.privateKey());
        CertifiedKey rsa = new CertifiedKey(List.of(RSA_LEAF.certificate(), JssePeer.CA.certificate()),
                RSA_LEAF.privateKey());
        return TlsConfig.builder().certifiedKey(ec.withOcspResponse(ecStaple)).certifiedKey(rsa.withOcspResponse(rsaStaple))
                .trust(new PinnedTrustVerifier(List.of(JssePeer.CLIENT_CA.certificate()), Clock.systemUTC()))
                .build();
    }

    static final class Run {
        final TlsConnection client;
        final TlsConnection server;
        final Recording trust;

        Run(TlsConnection client, TlsConnection server, Recording trust) {
            this.client = client;
            this.server = server;
            this.trust = trust;
        }

        void assertAlert(AlertDescription alert) {
            assertThat(client.failure()).as("client failure").isNotNull();
            assertThat(client.failure().description()).isEqualTo(alert);
            assertThat(client.failure().getMessage()).doesNotStartWith("peer aborted: ");
            // The server received exactly that alert on the wire.
            assertThat(server.failure()).as("server failure").isNotNull();
            assertThat(server.failure().description()).isEqualTo(alert);
            assertThat(server.failure().getMessage()).startsWith("peer aborted: it sent a fatal " + alert.rfcName());
        }

        void assertConnected() {
            assertThat(client.failure()).isNull();
            assertThat(server.failure()).isNull();
            assertThat(client.isHandshakeComplete()).isTrue();
            assertThat(server.isHandshakeComplete()).isTrue();
        }
    }

    static Run run(TlsConfig.Builder client, Recording trust, TlsConfig server, UnaryOperator<ByteBuffer> serverTamper)
            throws SSLException {
        TlsConnection c = TlsConnection.client(client.trust(trust).build(), JssePeer.HOST, 443);
        TlsConnection s = TlsConnection.server(server);
        Pump.Endpoint serverEnd = Pump.of(s, ByteBuffer.allocate(1 << 16));
        if (serverTamper != null) {
            Pump.Endpoint plain = serverEnd;
            serverEnd = new Pump.Endpoint() {
                @Override
                public boolean receive(ByteBuffer fromPeer) throws SSLException {
                    return plain.receive(fromPeer);
                }

                @Override
                public boolean send(ByteBuffer out) throws SSLException {
                    ByteBuffer raw = ByteBuffer.allocate(1 << 16);
                    boolean progress = plain.send(raw);
                    raw.flip();
                    out.put(serverTamper.apply(raw));
                    return progress;
                }
            };
        }
        Pump.Endpoint clientEnd = Pump.of(c, ByteBuffer.allocate(1 << 16));
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Pump.run(clientEnd, serverEnd, 1_000);
                break;
            } catch (dev.jtls.record.TlsAlertException e) {
                // One side failed: pump on so that its fatal alert reaches the other.
            }
        }
        return new Run(c, s, trust);
    }

    static Run run(CipherSuite suite, RevocationPolicy policy, byte[] ecStaple, byte[] rsaStaple) throws SSLException {
        return run(TlsConfig.builder().cipherSuites(List.of(suite)), new Recording(policy), server(ecStaple, rsaStaple),
                null);
    }

    static final CipherSuite ECDHE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    static final CipherSuite RSA_KX = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    @Test
    void aGoodStapleIsDeliveredToTheVerifierAndAccepted() throws Exception {
        byte[] ecStaple = staple(good(EC_LEAF));
        Run r = run(ECDHE, RevocationPolicy.HARD_FAIL, ecStaple, null);
        r.assertConnected();
        assertThat(r.trust.calls).isEqualTo(1);
        assertThat(r.trust.staples.get(0)).isEqualTo(ecStaple);
    }

    @ParameterizedTest
    @EnumSource(value = ClientAuth.class, names = {"NONE", "WANT"})
    void rsaKeyExchangeWithAndWithoutCertificateRequest(ClientAuth auth) throws Exception {
        byte[] rsaStaple = staple(good(RSA_LEAF));
        CertifiedKey rsa = new CertifiedKey(List.of(RSA_LEAF.certificate(), JssePeer.CA.certificate()),
                RSA_LEAF.privateKey()).withOcspResponse(rsaStaple);
        TlsConfig server = TlsConfig.builder().certifiedKey(rsa).clientAuth(auth)
                .trust(new PinnedTrustVerifier(List.of(JssePeer.CLIENT_CA.certificate()), Clock.systemUTC())).build();
        Recording trust = new Recording(RevocationPolicy.HARD_FAIL);
        Run r = run(TlsConfig.builder().cipherSuites(List.of(RSA_KX)), trust, server, null);
        r.assertConnected();
        assertThat(trust.staples).containsExactly(rsaStaple);
    }

    @Test
    void aRevokedStapleEndsTheHandshakeWithCertificateRevoked() throws Exception {
        byte[] revoked = staple(good(EC_LEAF).status(new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))),
                CRLReason.keyCompromise)));
        run(ECDHE, RevocationPolicy.SOFT_FAIL, revoked, null).assertAlert(AlertDescription.CERTIFICATE_REVOKED);
        byte[] revokedRsa = staple(good(RSA_LEAF).status(new RevokedStatus(Date.from(NOW), CRLReason.superseded)));
        run(RSA_KX, RevocationPolicy.SOFT_FAIL, null, revokedRsa).assertAlert(AlertDescription.CERTIFICATE_REVOKED);
    }

    @Test
    void aStaleStapleEndsTheHandshakeWithBadCertificateStatusResponse() throws Exception {
        byte[] stale = staple(good(EC_LEAF).times(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofDays(2))));
        Run r = run(ECDHE, RevocationPolicy.SOFT_FAIL, stale, null);
        r.assertAlert(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
        assertThat(r.client.failure().getMessage()).contains("stale");
    }

    @Test
    void aStapleByTheWrongSignerEndsTheHandshakeWithBadCertificateStatusResponse() throws Exception {
        TestCerts.Issued otherCa = TestCerts.ca("Not the issuer", TestCerts.Kind.EC_P256);
        byte[] wrong = staple(good(EC_LEAF).signer(otherCa, List.of()));
        Run r = run(ECDHE, RevocationPolicy.SOFT_FAIL, wrong, null);
        r.assertAlert(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
        assertThat(r.client.failure().getMessage()).contains("wrong signer");
    }

    @Test
    void aStapleForAnotherCertificateIsRefused() throws Exception {
        // The RSA leaf's response stapled with the EC key.
        byte[] forRsa = staple(good(RSA_LEAF));
        run(ECDHE, RevocationPolicy.SOFT_FAIL, forRsa, null).assertAlert(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
    }

    @Test
    void noStapleIsFineSoftAndFatalHard() throws Exception {
        Run soft = run(ECDHE, RevocationPolicy.SOFT_FAIL, null, null);
        soft.assertConnected();
        assertThat(soft.trust.staples).containsExactly((byte[]) null);
        run(ECDHE, RevocationPolicy.HARD_FAIL, null, null).assertAlert(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
    }

    @Test
    void aClientThatDoesNotAskGetsNoStaple() throws Exception {
        Recording trust = new Recording(RevocationPolicy.SOFT_FAIL);
        byte[] ecStaple = staple(good(EC_LEAF));
        // The server would staple; CertificateStatus on the wire would fail this run with unexpected_message.
        Run r = run(TlsConfig.builder().cipherSuites(List.of(ECDHE)).requestOcspStaple(false), trust,
                server(ecStaple, null), null);
        r.assertConnected();
        assertThat(trust.staples).containsExactly((byte[]) null);
    }

    @Test
    void aCertificateStatusThatWasNotAnnouncedIsUnexpected() throws Exception {
        // The client did not ask, so the server did not echo status_request; a CertificateStatus is slipped in.
        byte[] ecStaple = staple(good(EC_LEAF));
        byte[] message = certificateStatusMessage(ecStaple);
        Recording trust = new Recording(RevocationPolicy.SOFT_FAIL);
        Run r = run(TlsConfig.builder().cipherSuites(List.of(ECDHE)).requestOcspStaple(false), trust,
                server(null, null), ServerFlightTamper.onType(11, m -> List.of(m, message)));
        assertThat(r.client.failure()).isNotNull();
        assertThat(r.client.failure().description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(r.server.failure().getMessage()).startsWith("peer aborted: it sent a fatal unexpected_message");
    }

    @Test
    void anAnnouncedCertificateStatusMayBeOmitted() throws Exception {
        // RFC 6066 §8: the server echoed status_request and then "MAY" send no CertificateStatus. Dropping
        // it on the wire leaves the server's transcript longer than the client's: with the extended master
        // secret (RFC 7627 §4: the session hash) the two derive different keys and the server cannot open
        // the client's Finished record. The point is that the client went on without objecting, with no staple.
        Recording trust = new Recording(RevocationPolicy.SOFT_FAIL);
        Run r = run(TlsConfig.builder().cipherSuites(List.of(ECDHE)), trust, server(staple(good(EC_LEAF)), null),
                ServerFlightTamper.onType(22, m -> List.of()));
        assertThat(trust.calls).isEqualTo(1);
        assertThat(trust.staples).containsExactly((byte[]) null);
        assertThat(r.client.failure()).isNotNull();
        assertThat(r.client.failure().getMessage()).startsWith("peer aborted: it sent a fatal");
        assertThat(r.server.failure().description()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void malformedCertificateStatusMessagesAreDecodeErrors() throws Exception {
        byte[][] bad = {
            {22, 0, 0, 0},                          // empty body
            {22, 0, 0, 4, 1, 0, 0, 0},              // OCSPResponse<1..2^24-1> of length 0
            {22, 0, 0, 5, 1, 0, 0, 2, 0x30},        // length 2, one byte present
            {22, 0, 0, 6, 1, 0, 0, 1, 0x30, 0},     // a trailing byte
            {22, 0, 0, 5, 2, 0, 0, 1, 0x30},        // status_type 2 (ocsp_multi is TLS 1.3 / RFC 6961 only)
        };
        for (byte[] message : bad) {
            Run r = run(TlsConfig.builder().cipherSuites(List.of(ECDHE)), new Recording(RevocationPolicy.SOFT_FAIL),
                    server(staple(good(EC_LEAF)), null), ServerFlightTamper.onType(22, m -> List.of(message)));
            r.assertAlert(AlertDescription.DECODE_ERROR);
        }
    }

    @Test
    void garbageInAWellFramedStapleIsABadStatusResponse() throws Exception {
        byte[] message = certificateStatusMessage(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00});
        Run r = run(TlsConfig.builder().cipherSuites(List.of(ECDHE)), new Recording(RevocationPolicy.SOFT_FAIL),
                server(staple(good(EC_LEAF)), null), ServerFlightTamper.onType(22, m -> List.of(message)));
        assertThat(r.client.failure().description()).isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
        assertThat(r.client.failure().getMessage()).contains("malformed");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> intrudersBeforeCertificateStatus() {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (CipherSuite suite : List.of(ECDHE, RSA_KX)) {
            // What ExpectCertificateStatus may take: CertificateStatus, or what follows Certificate (RFC 5246 §7.3).
            java.util.Set<Integer> legal = suite == ECDHE ? java.util.Set.of(22, 12) : java.util.Set.of(22, 13, 14);
            for (int type : ClientStateTableTest.TYPES) {
                if (!legal.contains(type)) {
                    out.add(org.junit.jupiter.params.provider.Arguments.of(suite, type));
                }
            }
        }
        return out.stream();
    }

    /** RFC 6066 §8: only CertificateStatus may come here; every other handshake type is unexpected_message. */
    @ParameterizedTest(name = "{1} before CertificateStatus, {0}")
    @org.junit.jupiter.params.provider.MethodSource("intrudersBeforeCertificateStatus")
    void everyOtherTypeBeforeCertificateStatusIsUnexpected(CipherSuite suite, int type) throws Exception {
        byte[] intruder = {(byte) type, 0, 0, 0};
        Recording trust = new Recording(RevocationPolicy.SOFT_FAIL);
        Run r = run(TlsConfig.builder().cipherSuites(List.of(suite)), trust,
                server(staple(good(EC_LEAF)), staple(good(RSA_LEAF))),
                ServerFlightTamper.onType(22, m -> List.of(intruder, m)));
        r.assertAlert(AlertDescription.UNEXPECTED_MESSAGE);
        // Refused before the chain was judged.
        assertThat(trust.calls).isZero();
    }

    @Test
    void aResumedHandshakeHasNoCertificateAndNoStatus() throws Exception {
        Recording trust = new Recording(RevocationPolicy.HARD_FAIL);
        TlsConfig client = TlsConfig.builder().cipherSuites(List.of(ECDHE)).trust(trust).build();
        TlsConfig server = server(staple(good(EC_LEAF)), null);
        for (int i = 0; i < 2; i++) {
            TlsConnection c = TlsConnection.client(client, JssePeer.HOST, 443);
            TlsConnection s = TlsConnection.server(server);
            Pump.run(Pump.of(c, ByteBuffer.allocate(1 << 16)), Pump.of(s, ByteBuffer.allocate(1 << 16)), 1_000);
            new Run(c, s, trust).assertConnected();
            assertThat(JtlsToJtlsTest.negotiated(c).resumed()).isEqualTo(i == 1);
        }
        // Only the full handshake had a chain (and its staple) to judge.
        assertThat(trust.calls).isEqualTo(1);
    }

    static byte[] certificateStatusMessage(byte[] response) {
        int bodyLength = 1 + 3 + response.length;
        byte[] m = new byte[4 + bodyLength];
        m[0] = 22;
        m[1] = (byte) (bodyLength >>> 16);
        m[2] = (byte) (bodyLength >>> 8);
        m[3] = (byte) bodyLength;
        m[4] = 1;
        m[5] = (byte) (response.length >>> 16);
        m[6] = (byte) (response.length >>> 8);
        m[7] = (byte) response.length;
        System.arraycopy(response, 0, m, 8, response.length);
        return m;
    }
}
