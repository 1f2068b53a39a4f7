package dev.jtls.cli;

import dev.jtls.jsse.JtlsProvider;
import dev.jtls.pki.CertifiedKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --provider NAME} of {@code jtls client} and {@code jtls server}: the same job done through the
 * standard JSSE API ({@code SSLContext}, its socket factories, key and trust manager factories) of a
 * named provider — "jtls" (the jtls JSSE provider) or "SunJSSE" (the JDK's), or any other installed
 * provider offering {@code SSLContext.TLSv1.2} — so that stacks can be compared with the same command.
 */
final class JsseStack {
    /** jtls speaks TLS 1.2 only; the other stacks are held to it too so the comparison is like for like. */
    static final String PROTOCOL = "TLSv1.2";

    final Provider provider;

    private JsseStack(Provider provider) {
        this.provider = provider;
    }

    /** The stack for {@code --provider NAME} (case-insensitive); null for no name (jtls's own sockets). */
    static JsseStack named(String name) {
        if (name == null) {
            return null;
        }
        Provider p = available().get(name.strip().toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown provider '" + name + "'; available: "
                    + String.join(", ", names()) + " (or no --provider: jtls's own sockets)");
        }
        return new JsseStack(p);
    }

    /** The providers --provider accepts, by lower-case name: jtls first, then every installed TLS 1.2 one. */
    private static Map<String, Provider> available() {
        Map<String, Provider> all = new LinkedHashMap<>();
        all.put(JtlsProvider.NAME.toLowerCase(java.util.Locale.ROOT), new JtlsProvider());
        Provider[] installed = Security.getProviders("SSLContext." + PROTOCOL);
        if (installed != null) {
            for (Provider p : installed) {
                all.putIfAbsent(p.getName().toLowerCase(java.util.Locale.ROOT), p);
            }
        }
        return all;
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Provider p : available().values()) {
            names.add(p.getName());
        }
        return names;
    }

    String name() {
        return provider.getName();
    }

    /** An initialised context: own key (or none), trust anchors (or the provider's default trust). */
    SSLContext context(CertifiedKey own, List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        SSLContext ctx = SSLContext.getInstance(PROTOCOL, provider);
        ctx.init(own == null ? null : keyManagers(own), anchors == null ? null : trustManagers(anchors), null);
        return ctx;
    }

    /** The key and chain in a PKCS12 key store, through the JDK's default KeyManagerFactory. */
    static KeyManager[] keyManagers(CertifiedKey own) throws GeneralSecurityException, IOException {
        char[] password = "jtls".toCharArray(); // in memory only: the store never leaves this method
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("own", own.privateKey(), password, own.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        return kmf.getKeyManagers();
    }

    /** Trust in exactly {@code anchors}, through this provider's PKIX factory (jtls's validator for "jtls"). */
    TrustManager[] trustManagers(List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory tmf;
        if (provider.getService("TrustManagerFactory", "PKIX") != null) {
            tmf = TrustManagerFactory.getInstance("PKIX", provider);
        } else {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        }
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /** TLS 1.2 only, and --suite (jtls's names, case-insensitive, as the standard names). */
    static void restrict(SSLParameters p, List<String> suites) {
        p.setProtocols(new String[] {PROTOCOL});
        if (suites != null && !suites.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (String s : suites) {
                names.add(Settings.suite(s).standardName());
            }
            p.setCipherSuites(names.toArray(new String[0]));
        }
    }

    /** Options that only jtls's own path has (the JSSE API has no equivalent on Java 17). */
    static void rejectDirectOnly(JsseStack stack, List<String> groups, java.nio.file.Path keyLog, boolean ladder,
                                 boolean noEncryptThenMac) {
        if (stack == null) {
            return;
        }
        List<String> used = new ArrayList<>();
        if (groups != null && !groups.isEmpty()) {
            used.add("--group");
        }
        if (keyLog != null) {
            used.add("--keylog");
        }
        if (ladder) {
            used.add("--ladder");
        }
        if (noEncryptThenMac) {
            used.add("--no-encrypt-then-mac");
        }
        if (!used.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", used) + " work only without --provider (jtls's own sockets)");
        }
    }

    /** "provider jtls, TLSv1.2, TLS_..." plus the ALPN protocol if any. */
    String describe(SSLSession session, String alpn) {
        return "provider " + name() + ", " + session.getProtocol() + ", " + session.getCipherSuite()
                + (alpn != null && !alpn.isEmpty() ? ", ALPN " + alpn : "");
    }

    /** The peer's leaf subject, or null without a peer certificate. */
    static String peerSubject(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate
                    ? ((X509Certificate) chain[0]).getSubjectX500Principal().getName() : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }
}
