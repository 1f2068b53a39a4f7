package dev.jtls.jsse;

import dev.jtls.testing.JsseContexts;
import dev.jtls.testing.TestCerts;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * One throwaway PKI for the JSSE tests: a CA, server keys (RSA and P-256) for localhost/127.0.0.1,
 * client keys; and SSLContexts over it — jtls's (with the JDK's PKIX key and trust managers, as an
 * application would pass them) and SunJSSE's.
 */
final class TestPki {
    static final TestCerts.Issued CA = TestCerts.ca("jtls jsse test CA", TestCerts.Kind.EC_P256);
    static final TestCerts.Issued SERVER_RSA = TestCerts.leaf(CA, "localhost", TestCerts.Kind.RSA_2048,
            List.of("localhost", "127.0.0.1"));
    static final TestCerts.Issued SERVER_EC = TestCerts.leaf(CA, "localhost", TestCerts.Kind.EC_P256,
            List.of("localhost", "127.0.0.1"));
    static final TestCerts.Issued CLIENT_EC = TestCerts.leaf(CA, "jsse client", TestCerts.Kind.EC_P256, List.of());
    static final TestCerts.Issued OTHER_CA = TestCerts.ca("some other CA", TestCerts.Kind.EC_P256);

    static final List<JsseContexts.KeyEntry> SERVER_KEYS = List.of(
            new JsseContexts.KeyEntry(SERVER_EC, List.of(SERVER_EC.certificate(), CA.certificate())),
            new JsseContexts.KeyEntry(SERVER_RSA, List.of(SERVER_RSA.certificate(), CA.certificate())));
    static final List<JsseContexts.KeyEntry> CLIENT_KEYS = List.of(
            new JsseContexts.KeyEntry(CLIENT_EC, List.of(CLIENT_EC.certificate(), CA.certificate())));
    static final List<X509Certificate> TRUST = List.of(CA.certificate());

    private TestPki() {
    }

    static SSLContext jtls(List<JsseContexts.KeyEntry> keys, List<X509Certificate> trusted) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
            ctx.init(keyManagers(keys), trustManagers(trusted), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLContext sun(List<JsseContexts.KeyEntry> keys, List<X509Certificate> trusted) {
        return JsseContexts.tls12(null, keys, trusted);
    }

    static SSLContext jtlsServer() {
        return jtls(SERVER_KEYS, TRUST);
    }

    static SSLContext jtlsClient() {
        return jtls(CLIENT_KEYS, TRUST);
    }

    static SSLContext sunServer() {
        return sun(SERVER_KEYS, TRUST);
    }

    static SSLContext sunClient() {
        return sun(CLIENT_KEYS, TRUST);
    }

    static KeyManager[] keyManagers(List<JsseContexts.KeyEntry> keys) throws Exception {
        char[] pw = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (JsseContexts.KeyEntry k : keys) {
            ks.setKeyEntry("key" + i++, k.leaf().privateKey(), pw, k.chain().toArray(new X509Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    static TrustManager[] trustManagers(List<X509Certificate> trusted) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate c : trusted) {
            ts.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }
}
