package dev.jtls.interop;

import dev.jtls.jsse.JtlsProvider;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The two JSSE stacks the real programs run over: jtls's provider and the JDK's own (SunJSSE), as
 * unchanged programs would get them from {@code SSLContext.getInstance("TLSv1.2", provider)}. Key and
 * trust managers are the JDK's standard factories over a PKCS12 store made from the test PKI, so
 * jtls is shown to honour an application's own managers.
 */
enum Stacks {
    JTLS, SUNJSSE;

    private static final char[] PASSWORD = "changeit".toCharArray();

    Provider provider() {
        if (this == SUNJSSE) {
            return java.security.Security.getProvider("SunJSSE");
        }
        return jtlsProvider();
    }

    static Provider jtlsProvider() {
        return new JtlsProvider();
    }

    /** A server context presenting {@code leaf} (its chain and key). */
    SSLContext server(TestPki.Leaf leaf) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load((InputStream) null, null);
        ks.setKeyEntry("server", leaf.key(), PASSWORD, leaf.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", provider());
        ctx.init(kmf.getKeyManagers(), trustManagers(List.of(TestPki.get().root)).getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /** A client context trusting the test PKI's root CA. */
    SSLContext client() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", provider());
        ctx.init(null, trustManagers(List.of(TestPki.get().root)).getTrustManagers(), new SecureRandom());
        return ctx;
    }

    private static TrustManagerFactory trustManagers(List<X509Certificate> roots) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load((InputStream) null, null);
        for (int i = 0; i < roots.size(); i++) {
            ts.setCertificateEntry("root" + i, roots.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf;
    }
}
