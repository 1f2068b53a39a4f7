package dev.jtls.testing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
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
     * A "TLSv1.2" context of {@code provider} (null: the JDK's default, SunJSSE) with these keys
     * and trust anchors; its key and trust manager factories come from the same provider.
     */
    public static SSLContext tls12(Provider provider, List<KeyEntry> keys, List<X509Certificate> trusted) {
        return tls12(provider, null, keys, trusted);
    }

    /**
     * As {@link #tls12(Provider, List, List)}, with the keys, certificates and key store as objects
     * of {@code keyProvider} (null: the JDK's) — for a JSSE that only recognises its own JCA's key
     * objects.
     */
    public static SSLContext tls12(Provider provider, Provider keyProvider, List<KeyEntry> keys,
                                   List<X509Certificate> trusted) {
        try {
            char[] pw = "test".toCharArray();
            KeyManagerFactory kmf = null;
            if (!keys.isEmpty()) {
                KeyStore ks = keyProvider == null ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("PKCS12", keyProvider);
                ks.load(null, null);
                int i = 0;
                for (KeyEntry k : keys) {
                    ks.setKeyEntry("key" + i++, convert(k.leaf().privateKey(), keyProvider), pw,
                            convert(k.chain(), keyProvider).toArray(new X509Certificate[0]));
                }
                kmf = provider == null ? KeyManagerFactory.getInstance("PKIX") : KeyManagerFactory.getInstance("PKIX", provider);
                kmf.init(ks, pw);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate c : convert(trusted, keyProvider)) {
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

    private static PrivateKey convert(PrivateKey key, Provider keyProvider) throws GeneralSecurityException {
        if (keyProvider == null) {
            return key;
        }
        return KeyFactory.getInstance(key.getAlgorithm(), keyProvider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    private static List<X509Certificate> convert(List<X509Certificate> certs, Provider keyProvider)
            throws GeneralSecurityException {
        if (keyProvider == null) {
            return certs;
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509", keyProvider);
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate c : certs) {
            out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
        }
        return out;
    }
}
