package dev.jtls.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertStore;
import java.security.cert.CertStoreException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Certificate revocation lists the application supplies (RFC 5280 §5), indexed by issuer name.
 * Each is read with jtls's own DER reader when the set is built: a CRL that cannot be decoded is
 * refused here, with an {@link IllegalArgumentException} naming it, not at handshake time. Whether
 * a CRL may be used for a certificate (signature, scope, freshness, extensions) is decided when a
 * path is validated ({@link CrlChecking}). Immutable and thread-safe.
 */
public final class CrlSet {
    private static final CrlSet EMPTY = new CrlSet(List.of());

    private final List<Crl> all;
    private final Map<X500Principal, List<Crl>> byIssuer = new HashMap<>();

    private CrlSet(List<Crl> crls) {
        this.all = List.copyOf(crls);
        for (Crl c : all) {
            byIssuer.computeIfAbsent(c.issuer, k -> new ArrayList<>()).add(c);
        }
        byIssuer.replaceAll((k, v) -> List.copyOf(v));
    }

    public static CrlSet empty() {
        return EMPTY;
    }

    /** DER-encoded CertificateLists. */
    public static CrlSet ofEncoded(Collection<byte[]> encoded) {
        List<Crl> out = new ArrayList<>();
        int i = 0;
        for (byte[] der : encoded) {
            out.add(parse(der, "CRL #" + i++));
        }
        return new CrlSet(out);
    }

    /** JDK CRL objects (X509CRL): only their encoding is used. */
    public static CrlSet of(Collection<? extends CRL> crls) {
        List<byte[]> encoded = new ArrayList<>();
        for (CRL c : crls) {
            if (!(c instanceof X509CRL)) {
                throw new IllegalArgumentException("not an X.509 CRL: " + c.getType());
            }
            try {
                encoded.add(((X509CRL) c).getEncoded());
            } catch (CRLException e) {
                throw new IllegalArgumentException("a CRL cannot be encoded: " + e.getMessage(), e);
            }
        }
        return ofEncoded(encoded);
    }

    /** Every X.509 CRL of these CertStores (as a PKIXBuilderParameters carries them). */
    public static CrlSet fromCertStores(Collection<CertStore> stores) throws CertStoreException {
        List<CRL> crls = new ArrayList<>();
        for (CertStore store : stores) {
            crls.addAll(store.getCRLs(new X509CRLSelector()));
        }
        return of(crls);
    }

    /** A file of PEM ("-----BEGIN X509 CRL-----") or DER CRLs, one or several. */
    public static CrlSet fromFile(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(CertificateFactory.getInstance("X.509").generateCRLs(in));
        }
    }

    private static Crl parse(byte[] der, String what) {
        try {
            return Crl.parse(der);
        } catch (Der.Malformed e) {
            throw new IllegalArgumentException(what + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** This set and {@code other}'s CRLs together. */
    public CrlSet plus(CrlSet other) {
        List<Crl> both = new ArrayList<>(all);
        both.addAll(other.all);
        return new CrlSet(both);
    }

    List<Crl> byIssuer(X500Principal issuer) {
        return byIssuer.getOrDefault(issuer, List.of());
    }

    public int size() {
        return all.size();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    @Override
    public String toString() {
        return "CrlSet[" + all.size() + " CRLs]";
    }
}
