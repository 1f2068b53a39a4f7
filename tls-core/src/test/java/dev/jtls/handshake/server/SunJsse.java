package dev.jtls.handshake.server;

import dev.jtls.testing.TestCerts;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** SunJSSE as the test peer: an SSLContext "TLSv1.2" trusting the test CA, with an optional client key. */
final class SunJsse {
    static {
        enableRsaKeyExchange();
    }

    private SunJsse() {
    }

    /**
     * JDK 24+ lists TLS_RSA_* in jdk.tls.disabledAlgorithms; the peer (never jtls) gets them back.
     * The property is read once per JVM, when JSSE first loads, so this runs before any SSLContext.
     */
    static void enableRsaKeyExchange() {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String item : disabled.split(",")) {
            if (!item.trim().equals("TLS_RSA_*")) {
                kept.add(item.trim());
            }
        }
        Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", kept));
    }

    static SSLContext context(X509Certificate trusted, TestCerts.Issued clientKey, List<X509Certificate> clientChain) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientKey != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", clientKey.privateKey(), "pw".toCharArray(),
                        clientChain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(keys, "pw".toCharArray());
            }
            SSLContext ctx = SSLContext.getInstance("TLSv1.2");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
