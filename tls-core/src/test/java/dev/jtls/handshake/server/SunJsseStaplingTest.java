package dev.jtls.handshake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.testing.Pump;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestOcsp;
import dev.jtls.testing.TestOcsp.Spec;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE as the client of a stapling jtls server (RFC 6066 §8). SunJSSE asks for status by
 * default (jdk.tls.client.enableStatusRequestExtension, true since JDK 9). With a PKIX trust manager
 * whose revocation checking is on, SunJSSE checks the staple itself (there is no responder to fall
 * back to: the test certificates name none), so a completed handshake means the JDK found our
 * staple valid, and a revoked one is refused by the JDK.
 */
class SunJsseStaplingTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static {
        SunJsse.enableRsaKeyExchange();
    }

    static TlsConnection server(byte[] staple) {
        TestCerts.Issued leaf = SunJsseClientTest.SERVER_EC;
        CertifiedKey key = SunJsseClientTest.key(leaf).withOcspResponse(staple);
        return TlsConnection.server(TlsConfig.builder().certifiedKey(key).build());
    }

    static SSLContext revocationCheckingClient() throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", SunJsseClientTest.CA.certificate());
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
        params.setRevocationEnabled(true);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(params));
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static void pump(SSLEngine client, TlsConnection server) throws SSLException {
        client.beginHandshake();
        Pump.run(Pump.of(client, null, ByteBuffer.allocate(64 * 1024)), Pump.of(server, null), 50);
    }

    @Test
    void sunJsseReceivesAndAcceptsTheStaple() throws Exception {
        byte[] staple = TestOcsp.response(Spec.of(SunJsseClientTest.SERVER_EC, SunJsseClientTest.CA, NOW));
        TlsConnection server = server(staple);
        SSLEngine client = SunJsseClientTest.client(revocationCheckingClient(),
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        pump(client, server);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        List<byte[]> received = ((ExtendedSSLSession) client.getSession()).getStatusResponses();
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).isEqualTo(staple);
    }

    @Test
    void withoutAStapleSunJsseCannotCheckRevocationAndRefuses() throws Exception {
        // The control for the test above: the staple is what made the JDK's revocation check pass.
        TlsConnection server = server(null);
        SSLEngine client = SunJsseClientTest.client(revocationCheckingClient(),
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> pump(client, server)).isInstanceOf(SSLException.class);
        assertThat(server.status()).isNotEqualTo(TlsConnection.Status.CONNECTED);
    }

    @Test
    void sunJsseRefusesARevokedStaple() throws Exception {
        byte[] revoked = TestOcsp.response(Spec.of(SunJsseClientTest.SERVER_EC, SunJsseClientTest.CA, NOW)
                .status(new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.keyCompromise)));
        TlsConnection server = server(revoked);
        SSLEngine client = SunJsseClientTest.client(revocationCheckingClient(),
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> pump(client, server)).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("revoked");
        // Deliver the engine's fatal alert to the server.
        ByteBuffer alert = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), alert);
        alert.flip();
        try {
            server.receive(alert);
        } catch (dev.jtls.record.TlsAlertException expected) {
            // the received fatal alert
        }
        assertThat(server.failure()).isNotNull();
        // SunJSSE 17 reports a revoked staple as bad_certificate_status_response (jtls's client sends
        // certificate_revoked); either way the server learns the handshake died over the status.
        assertThat(server.failure().description()).isIn(dev.jtls.record.AlertDescription.CERTIFICATE_REVOKED,
                dev.jtls.record.AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
        assertThat(server.failure().getMessage()).startsWith("peer aborted: it sent a fatal");
    }
}
