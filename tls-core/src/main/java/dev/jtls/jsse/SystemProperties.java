package dev.jtls.jsse;

import dev.jtls.pki.JtlsTrustManager;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The one place in jtls that reads JSSE system properties, so that a program written for SunJSSE
 * behaves the same under jtls: the {@code javax.net.ssl.*} key and trust stores, and whether session
 * tickets are used ({@code jdk.tls.client.enableSessionTicketExtension},
 * {@code jdk.tls.server.enableSessionTicketExtension}; "false" turns them off, as in SunJSSE, which
 * then resumes by session id only). Both stores are read as the JSSE Reference Guide ("Customizing
 * the Default Keystores and Truststores, Store Types, and Store Passwords") describes SunJSSE
 * reading them:
 *
 * <ul>
 *   <li>trust store: {@code javax.net.ssl.trustStore} if it names a readable file, else
 *       {@code $JAVA_HOME/lib/security/jssecacerts}, else {@code cacerts} (SunJSSE also falls back
 *       silently when the named file is missing); {@code "NONE"} means a store that is not a file
 *       (loaded with no stream: a PKCS#11 token, or empty for a file type). Type
 *       {@code javax.net.ssl.trustStoreType} (default {@link KeyStore#getDefaultType()}), provider
 *       {@code javax.net.ssl.trustStoreProvider}, password {@code javax.net.ssl.trustStorePassword}
 *       (none: the store is read without an integrity check);</li>
 *   <li>key store, for the "Default" context only: {@code javax.net.ssl.keyStore} (unset: an empty
 *       store; {@code "NONE"}: not a file; a missing file is an error), with
 *       {@code keyStoreType}, {@code keyStoreProvider} and {@code keyStorePassword} (also the key
 *       password), through {@code KeyManagerFactory.getDefaultAlgorithm()}.</li>
 * </ul>
 *
 * The trust anchors of the last trust store read are kept while its properties and file are unchanged
 * (cacerts holds ~150 certificates; every {@code init(km, null, sr)} would read it again).
 */
final class SystemProperties {
    private static final String NONE = "NONE";
    private static final String PKCS11 = "PKCS11";

    /** What names a trust store: the file (null for NONE) and its modification time, and how to read it. */
    private record TrustStoreKey(String name, Path file, long modified, String type, String provider, String password) {
    }

    private record Cached(TrustStoreKey key, TrustAnchors anchors) {
    }

    private static volatile Cached cached;

    private SystemProperties() {
    }

    /**
     * RFC 5077 session tickets for this role unless {@code jdk.tls.client.enableSessionTicketExtension}
     * or {@code jdk.tls.server.enableSessionTicketExtension} is "false" (SunJSSE's switches; on by default).
     */
    static boolean sessionTickets(boolean client) {
        String name = client ? "jdk.tls.client.enableSessionTicketExtension" : "jdk.tls.server.enableSessionTicketExtension";
        return !"false".equalsIgnoreCase(System.getProperty(name, "true").trim());
    }

    /** A jtls trust manager (RFC 5280 validation, Web PKI policy) over the trust store SunJSSE would use. */
    static JtlsTrustManager trustManager() throws IOException, GeneralSecurityException {
        return new JtlsTrustManager(PkixTrustVerifier.webPki(trustAnchors()));
    }

    /** The certificates of the trust store SunJSSE would use; none if there is no such store. */
    static TrustAnchors trustAnchors() throws IOException, GeneralSecurityException {
        TrustStoreKey key = trustStoreKey();
        Cached c = cached;
        if (c != null && c.key().equals(key)) {
            return c.anchors();
        }
        TrustAnchors anchors = load(key);
        cached = new Cached(key, anchors);
        return anchors;
    }

    private static TrustStoreKey trustStoreKey() {
        Path security = Path.of(System.getProperty("java.home"), "lib", "security");
        String name = System.getProperty("javax.net.ssl.trustStore", security.resolve("jssecacerts").toString());
        String type = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
        String provider = System.getProperty("javax.net.ssl.trustStoreProvider", "");
        String password = System.getProperty("javax.net.ssl.trustStorePassword", "");
        if (NONE.equals(name)) {
            return new TrustStoreKey(name, null, 0, type, provider, password);
        }
        for (String candidate : new String[] {name, security.resolve("cacerts").toString()}) {
            File f = new File(candidate);
            if (f.isFile() && f.canRead()) {
                return new TrustStoreKey(candidate, f.toPath(), f.lastModified(), type, provider, password);
            }
        }
        return new TrustStoreKey("", null, 0, type, provider, password);
    }

    private static TrustAnchors load(TrustStoreKey key) throws IOException, GeneralSecurityException {
        if (key.file() == null && !NONE.equals(key.name())) {
            // No trust store at all: nothing is trusted (SunJSSE's manager has no anchors either).
            return TrustAnchors.of(java.util.List.of());
        }
        KeyStore store = keyStore(key.type(), key.provider(), key.file(), password(key.password()));
        return TrustAnchors.fromKeyStore(store);
    }

    /** The key manager of SunJSSE's "Default" context, from the javax.net.ssl.keyStore* properties. */
    static X509KeyManager defaultKeyManager() throws IOException, GeneralSecurityException {
        String name = System.getProperty("javax.net.ssl.keyStore", "");
        String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        String provider = System.getProperty("javax.net.ssl.keyStoreProvider", "");
        char[] password = password(System.getProperty("javax.net.ssl.keyStorePassword", ""));
        if (PKCS11.equalsIgnoreCase(type) && !NONE.equals(name)) {
            throw new GeneralSecurityException("javax.net.ssl.keyStoreType is PKCS11, so javax.net.ssl.keyStore must be NONE,"
                    + " not " + name);
        }
        Path file = name.isEmpty() || NONE.equals(name) ? null : Path.of(name);
        if (file != null && !Files.isReadable(file)) {
            throw new IOException("javax.net.ssl.keyStore names " + file.toAbsolutePath() + ", which cannot be read");
        }
        KeyStore store = keyStore(type, provider, file, password);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        // A token's keys need no password of their own (SunJSSE passes none for PKCS11).
        kmf.init(store, PKCS11.equalsIgnoreCase(type) ? null : password);
        for (KeyManager km : kmf.getKeyManagers()) {
            if (km instanceof X509KeyManager) {
                return (X509KeyManager) km;
            }
        }
        throw new GeneralSecurityException("KeyManagerFactory " + kmf.getAlgorithm() + " made no X509KeyManager");
    }

    private static KeyStore keyStore(String type, String provider, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = provider.isEmpty() ? KeyStore.getInstance(type) : KeyStore.getInstance(type, provider);
        if (file == null) {
            store.load(null, password);
            return store;
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IOException("cannot read the " + type + " store " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return store;
    }

    private static char[] password(String property) {
        return property.isEmpty() ? null : property.toCharArray();
    }
}
