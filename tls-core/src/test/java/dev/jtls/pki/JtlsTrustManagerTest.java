package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.CLIENT;
import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** The JSSE face of the validator: authType → key use, host from SSLEngine, messages and causes. */
class JtlsTrustManagerTest {
    private static final JtlsTrustManager TM = new JtlsTrustManager(new PkixTrustVerifier(
            new ChainValidator(ChainFixtures.anchors(ROOT)), WEB, CLIENT, HostnameVerifier.strict()));
    private static final X509Certificate[] CHAIN = {LEAF.certificate(), INTERMEDIATE.certificate()};

    @Test
    void authTypeSelectsTheKeyUse() {
        assertThat(JtlsTrustManager.keyUse("RSA")).isEqualTo(KeyUse.KEY_ENCIPHERMENT);
        assertThat(JtlsTrustManager.keyUse("ECDHE_RSA")).isEqualTo(KeyUse.DIGITAL_SIGNATURE);
        assertThat(JtlsTrustManager.keyUse("ECDHE_ECDSA")).isEqualTo(KeyUse.DIGITAL_SIGNATURE);
        assertThat(JtlsTrustManager.keyUse("UNKNOWN")).isEqualTo(KeyUse.DIGITAL_SIGNATURE);
        Issued signOnly = CertBuilder.leaf("s.example", INTERMEDIATE).keyUsage(KeyUsage.digitalSignature).build();
        X509Certificate[] chain = {signOnly.certificate(), INTERMEDIATE.certificate()};
        assertThatCode(() -> TM.checkServerTrusted(chain, "ECDHE_RSA")).doesNotThrowAnyException();
        CertificateException e = catchThrowableOfType(CertificateException.class,
                () -> TM.checkServerTrusted(chain, "RSA"));
        assertThat(e.getMessage()).contains("keyEncipherment");
        assertThat(((CertificateRejection) e.getCause()).problem()).isEqualTo(ChainProblem.KEY_USAGE);
    }

    @Test
    void refusalCarriesTheJtlsMessageAndCause() {
        CertificateException e = catchThrowableOfType(CertificateException.class,
                () -> TM.checkServerTrusted(new X509Certificate[] {LEAF.certificate()}, "ECDHE_ECDSA"));
        assertThat(e.getMessage()).contains("issuer 'CN=Example Intermediate' not found in the chain or trust store");
        assertThat(e.getCause()).isInstanceOf(CertificateRejection.class);
        assertThat(catchThrowableOfType(CertificateException.class, () -> TM.checkServerTrusted(
                new X509Certificate[0], "RSA"))).hasMessageContaining("no certificate");
    }

    @Test
    void hostNameFromTheEngineWhenHttpsIdentificationIsOn() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, null, null);
        SSLEngine right = ctx.createSSLEngine("www.example.com", 443);
        SSLEngine wrong = ctx.createSSLEngine("other.example", 443);
        // Without endpoint identification no name is checked.
        assertThatCode(() -> TM.checkServerTrusted(CHAIN, "ECDHE_ECDSA", wrong)).doesNotThrowAnyException();
        for (SSLEngine e : new SSLEngine[] {right, wrong}) {
            SSLParameters p = e.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            e.setSSLParameters(p);
        }
        assertThatCode(() -> TM.checkServerTrusted(CHAIN, "ECDHE_ECDSA", right)).doesNotThrowAnyException();
        CertificateException e = catchThrowableOfType(CertificateException.class,
                () -> TM.checkServerTrusted(CHAIN, "ECDHE_ECDSA", wrong));
        assertThat(e.getMessage()).contains("does not match host 'other.example'");
        SSLEngine noHost = ctx.createSSLEngine();
        SSLParameters p = noHost.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        noHost.setSSLParameters(p);
        assertThat(catchThrowableOfType(CertificateException.class,
                () -> TM.checkServerTrusted(CHAIN, "ECDHE_ECDSA", noHost))).hasMessageContaining("peer host is unknown");
    }

    @Test
    void clientChainsUseTheClientAuthPolicy() throws Exception {
        Issued client = CertBuilder.leaf("client", INTERMEDIATE).eku(KeyPurposeId.id_kp_clientAuth).build();
        TM.checkClientTrusted(new X509Certificate[] {client.certificate(), INTERMEDIATE.certificate()}, "EC");
        CertificateException e = catchThrowableOfType(CertificateException.class,
                () -> TM.checkClientTrusted(CHAIN, "EC"));
        assertThat(((CertificateRejection) e.getCause()).problem()).isEqualTo(ChainProblem.EXTENDED_KEY_USAGE);
    }

    @Test
    void acceptedIssuersAreTheAnchors() {
        assertThat(TM.getAcceptedIssuers()).containsExactly(ROOT.certificate());
    }
}
