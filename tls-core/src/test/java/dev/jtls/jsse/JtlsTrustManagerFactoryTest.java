package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.pki.JtlsTrustManager;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.CertPathTrustManagerParameters;
import org.junit.jupiter.api.Test;

/**
 * The provider's TrustManagerFactory "PKIX": jtls's RFC 5280 validator behind the standard JSSE
 * factory, used by an unchanged client context; refusals keep jtls's alert and message.
 */
class JtlsTrustManagerFactoryTest {
    private static final char[] PASSWORD = "secret".toCharArray();
    // A Web PKI conformant chain (key identifiers, serverAuth EKU) valid today.
    private static final Issued ROOT = CertBuilder.root("TMF Root", CertBuilder.Kind.EC_P256)
            .validity(java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(86400)).build();
    private static final Issued INTER = CertBuilder.intermediate("TMF Intermediate", ROOT)
            .validity(java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(86400)).build();
    private static final Issued LEAF = CertBuilder.leaf("localhost", INTER)
            .validity(java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(86400)).build();

    private static KeyStore store(X509Certificate... anchors) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            ks.setCertificateEntry("anchor" + i, anchors[i]);
        }
        return ks;
    }

    private static SSLContext server() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", LEAF.privateKey(), PASSWORD,
                new X509Certificate[] {LEAF.certificate(), INTER.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    private static SSLContext client(X509Certificate anchor) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new JtlsProvider());
        tmf.init(store(anchor));
        TrustManager[] tms = tmf.getTrustManagers();
        assertThat(tms).singleElement().isInstanceOf(JtlsTrustManager.class);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(null, tms, new SecureRandom());
        return ctx;
    }

    private static EngineLink link(SSLContext client, SSLContext server) {
        var c = client.createSSLEngine("localhost", 443);
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        return new EngineLink(c, server.createSSLEngine());
    }

    @Test
    void validatesAThreeCertificatePathToTheStoresAnchor() throws Exception {
        EngineLink l = link(client(ROOT.certificate()), server());
        l.run();
        assertThat(l.client.getSession().getPeerCertificates()).hasSize(2);
        assertThat(l.client.getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_");
    }

    @Test
    void anotherAnchorIsUnknownCaOnBothSides() throws Exception {
        Issued other = CertBuilder.root("Other Root", CertBuilder.Kind.EC_P256)
                .validity(java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(86400)).build();
        EngineLink l = link(client(other.certificate()), server());
        l.runExpectingFailure();
        assertThat(l.clientError).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("unknown_ca").hasMessageContaining("no path to a trust anchor");
        assertThat(l.serverError).hasMessageContaining("unknown_ca");
    }

    @Test
    void theHostNameIsCheckedWhenHttpsIdentificationIsOn() throws Exception {
        SSLContext c = client(ROOT.certificate());
        var engine = c.createSSLEngine("www.example.org", 443);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(java.util.List.of());
        engine.setSSLParameters(p);
        EngineLink l = new EngineLink(engine, server().createSSLEngine());
        l.runExpectingFailure();
        assertThat(l.clientError).hasMessageContaining("bad_certificate").hasMessageContaining("www.example.org");
    }

    @Test
    void pkixParametersAreTakenAndWhatJtlsCannotHonourIsRefusedClearly() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new JtlsProvider());
        assertThatThrownBy(() -> tmf.init(new javax.net.ssl.ManagerFactoryParameters() { }))
                .hasMessageContaining("CertPathTrustManagerParameters over PKIXParameters");
        assertThatThrownBy(tmf::getTrustManagers).isInstanceOf(IllegalStateException.class);
        java.security.cert.PKIXParameters withChecker = new java.security.cert.PKIXParameters(store(ROOT.certificate()));
        withChecker.addCertPathChecker(new java.security.cert.PKIXCertPathChecker() {
            @Override
            public void init(boolean forward) {
            }

            @Override
            public boolean isForwardCheckingSupported() {
                return false;
            }

            @Override
            public java.util.Set<String> getSupportedExtensions() {
                return null;
            }

            @Override
            public void check(java.security.cert.Certificate cert, java.util.Collection<String> unresolved) {
            }
        });
        assertThatThrownBy(() -> tmf.init(new CertPathTrustManagerParameters(withChecker)))
                .hasMessageContaining("PKIXCertPathCheckers");
        tmf.init(new CertPathTrustManagerParameters(new java.security.cert.PKIXParameters(store(ROOT.certificate()))));
        assertThat(tmf.getTrustManagers()).hasSize(1);
    }
}
