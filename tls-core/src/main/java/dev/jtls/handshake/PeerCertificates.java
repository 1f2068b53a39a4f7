package dev.jtls.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The peer's certificate chain as received and accepted by the TrustVerifier (leaf first; empty if
 * none). In a resumed handshake the chain is the session's, validated when the session was made, and
 * parsed from its DER only if someone asks ({@link #later}): parsing costs more than the rest of a
 * resumption, and most resumptions never look at it.
 */
public final class PeerCertificates implements HandshakeEvent {
    private final Supplier<List<byte[]>> der;
    private volatile List<X509Certificate> chain;

    public PeerCertificates(List<X509Certificate> chain) {
        this.chain = List.copyOf(chain);
        this.der = null;
    }

    private PeerCertificates(Supplier<List<byte[]>> der) {
        this.der = Objects.requireNonNull(der);
    }

    /** A chain already validated once, kept as DER: parsed on the first {@link #chain()}. */
    public static PeerCertificates later(Supplier<List<byte[]>> der) {
        return new PeerCertificates(der);
    }

    /** The chain; for one kept as DER that no longer parses (it did when it arrived), empty. */
    public List<X509Certificate> chain() {
        List<X509Certificate> c = chain;
        if (c == null) {
            c = parse(der.get());
            chain = c;
        }
        return c;
    }

    /**
     * A chain kept as DER (in a session) back as certificates, leaf first; empty if it is empty or
     * no longer parses (it did when it arrived).
     */
    public static List<X509Certificate> parse(List<byte[]> der) {
        if (der.isEmpty()) {
            return List.of();
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>(der.size());
            for (byte[] d : der) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(d)));
            }
            return List.copyOf(out);
        } catch (CertificateException | ClassCastException e) {
            return List.of();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerCertificates && chain().equals(((PeerCertificates) o).chain());
    }

    @Override
    public int hashCode() {
        return chain().hashCode();
    }

    @Override
    public String toString() {
        return "PeerCertificates[chain=" + chain() + "]";
    }
}
