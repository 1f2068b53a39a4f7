package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.CLIENT;
import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import dev.jtls.testing.Pump;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/** JtlsTrustManager inside SunJSSE: a JDK client engine judges a JDK server's 3-certificate chain with it. */
class JtlsTrustManagerJsseTest {
    private static SSLEngine server() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", LEAF.privateKey(), new char[0],
                new X509Certificate[] {LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    private static SSLEngine client(String host, Issued... roots) throws Exception {
        JtlsTrustManager tm = new JtlsTrustManager(new PkixTrustVerifier(new ChainValidator(ChainFixtures.anchors(roots)),
                WEB, CLIENT, HostnameVerifier.strict()));
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, new TrustManager[] {tm}, null);
        SSLEngine e = ctx.createSSLEngine(host, 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setProtocols(new String[] {"TLSv1.2"});
        e.setSSLParameters(p);
        return e;
    }

    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        Pump.run(Pump.of(client, null, ByteBuffer.allocate(1 << 17)), Pump.of(server, null, ByteBuffer.allocate(1 << 17)),
                1000);
    }

    @Test
    void sunJsseClientAcceptsTheChainThroughJtls() throws Exception {
        SSLEngine client = client("www.example.com", ROOT);
        handshake(client, server());
        assertThat(client.getHandshakeStatus()).isEqualTo(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
        assertThat(client.getSession().getPeerCertificates()).hasSize(3);
    }

    @Test
    void sunJsseClientRefusesWithTheJtlsReason() throws Exception {
        Issued other = CertBuilder.root("Unrelated Root", CertBuilder.Kind.EC_P256).build();
        SSLException e = catchThrowableOfType(SSLException.class,
                () -> handshake(client("www.example.com", other), server()));
        assertThat(e).hasStackTraceContaining("no path to a trust anchor");
        SSLException host = catchThrowableOfType(SSLException.class,
                () -> handshake(client("wrong.example", ROOT), server()));
        assertThat(host).hasStackTraceContaining("does not match host 'wrong.example'");
    }
}
