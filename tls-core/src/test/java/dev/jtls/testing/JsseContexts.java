package dev.jtls.testing;

import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.2 {@link SSLContext}s for the JSSE test peers (SunJSSE, BCJSSE): key entries and trust
 * anchors in in-memory PKCS#12 stores. The provider is passed in, never installed, so one peer's
 * choice does not change which provider another test gets.
 */
public final class JsseContexts {
    /** A private key with the chain sent for it (leaf first). */
    public record KeyEntry(TestCerts.Issued leaf, List<X509Certificate> chain) {
    }

    private JsseContexts() {
    }

    /**
     * An "TLSv1.2" context of {@code provider} (null: the JDK's default, SunJSSE) with these keys
     * and trust anchors; its key and trust manager factories come from the same provider.
     */
    public static SSLContext tls12(Provider provider, List<KeyEntry> keys, List<X509Certificate> trusted) {
        try {
            char[] pw = "test".toCharArray();
            KeyManagerFactory kmf = null;
            if (!keys.isEmpty()) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                for (KeyEntry k : keys) {
                    ks.setKeyEntry("key" + i++, k.leaf().privateKey(), pw, k.chain().toArray(new X509Certificate[0]));
                }
                kmf = provider == null ? KeyManagerFactory.getInstance("PKIX") : KeyManagerFactory.getInstance("PKIX", provider);
                kmf.init(ks, pw);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate c : trusted) {
                ts.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = provider == null ? TrustManagerFactory.getInstance("PKIX")
                    : TrustManagerFactory.getInstance("PKIX", provider);
            tmf.init(ts);
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLSv1.2") : SSLContext.getInstance("TLSv1.2", provider);
            // BCJSSE's JCA crypto asks for SecureRandom "DEFAULT" (only BC's provider has it) when given none.
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
