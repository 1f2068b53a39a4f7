package dev.jtls.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The trusted certificates a path must end at, kept as whole certificates rather than bare keys
 * and names: the validator honours an anchor's own critical extensions, basicConstraints, keyUsage,
 * validity and (through the name-constraints check) nameConstraints, which SunJSSE and Bouncy
 * Castle drop when they turn a certificate into a {@code TrustAnchor}. Indexed by subject name (RFC
 * 5280 §6.1 name chaining) and subjectKeyIdentifier (to prefer the right one of several anchors
 * with the same name). Immutable and thread-safe.
 */
public final class TrustAnchors {
    private final List<X509Certificate> all;
    private final Set<X509Certificate> set;
    private final Map<X500Principal, List<X509Certificate>> bySubject;
    private final Map<String, List<X509Certificate>> bySki;

    private TrustAnchors(Collection<X509Certificate> certificates) {
        this.all = List.copyOf(new LinkedHashSet<>(certificates));
        this.set = Set.copyOf(all);
        Map<X500Principal, List<X509Certificate>> subjects = new HashMap<>();
        Map<String, List<X509Certificate>> skis = new HashMap<>();
        for (X509Certificate c : all) {
            subjects.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
            byte[] ski = subjectKeyId(c);
            if (ski != null) {
                skis.computeIfAbsent(Crl.hex(ski), k -> new ArrayList<>()).add(c);
            }
        }
        subjects.replaceAll((k, v) -> List.copyOf(v));
        skis.replaceAll((k, v) -> List.copyOf(v));
        this.bySubject = Collections.unmodifiableMap(subjects);
        this.bySki = Collections.unmodifiableMap(skis);
    }

    public static TrustAnchors of(Collection<X509Certificate> certificates) {
        return new TrustAnchors(certificates);
    }

    /** Every certificate entry of a loaded KeyStore (trusted-certificate entries and the first certificate of key entries). */
    public static TrustAnchors fromKeyStore(KeyStore store) throws GeneralSecurityException {
        Set<X509Certificate> out = new LinkedHashSet<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate c = store.getCertificate(alias);
            if (c instanceof X509Certificate) {
                out.add((X509Certificate) c);
            }
        }
        return new TrustAnchors(out);
    }

    /** A PKCS12 or JKS file (the type is detected, JDK 9+); {@code password} may be null for certificate-only stores. */
    public static TrustAnchors fromKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        return fromKeyStore(KeyStore.getInstance(file.toFile(), password));
    }

    /** A file of concatenated PEM ("-----BEGIN CERTIFICATE-----") or DER certificates. */
    public static TrustAnchors fromPem(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPem(in);
        }
    }

    public static TrustAnchors fromPem(InputStream in) throws GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            out.add((X509Certificate) c);
        }
        return new TrustAnchors(out);
    }

    /**
     * The JDK's own trust store, {@code $java.home/lib/security/cacerts} (password "changeit"). Reads
     * the java.home property, once, on request: no other system property (javax.net.ssl.trustStore)
     * is consulted; a different store is passed explicitly.
     */
    public static TrustAnchors jdkDefault() throws IOException, GeneralSecurityException {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        return fromKeyStore(cacerts, "changeit".toCharArray());
    }

    /** Whether {@code cert} (its exact encoding) is an anchor. */
    public boolean contains(X509Certificate cert) {
        return set.contains(cert);
    }

    /** The anchors whose subject is {@code name}, in the order they were given. */
    public List<X509Certificate> bySubject(X500Principal name) {
        return bySubject.getOrDefault(name, List.of());
    }

    /** The anchors whose subjectKeyIdentifier is {@code keyId}. */
    public List<X509Certificate> bySubjectKeyId(byte[] keyId) {
        return keyId == null ? List.of() : bySki.getOrDefault(Crl.hex(keyId), List.of());
    }

    public List<X509Certificate> certificates() {
        return all;
    }

    public int size() {
        return all.size();
    }

    private static byte[] subjectKeyId(X509Certificate c) {
        try {
            CertificateFacts f = CertificateFacts.parse(c);
            return f.duplicateExtension() == null ? f.subjectKeyId() : null;
        } catch (Der.Malformed e) {
            return null; // the validator reports it if the anchor is ever used
        }
    }


    @Override
    public String toString() {
        return "TrustAnchors[" + all.size() + " certificates]";
    }
}
