package dev.jtls.jsse;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** DER chains kept in a jtls Session, back as X509Certificates for SSLSession. */
final class Certificates {
    private Certificates() {
    }

    /** The chain; empty if it is empty or does not parse (it was parsed once already when it arrived). */
    static List<X509Certificate> parse(List<byte[]> der) {
        if (der.isEmpty()) {
            return List.of();
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>(der.size());
            for (byte[] d : der) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(d)));
            }
            return out;
        } catch (CertificateException | ClassCastException e) {
            return List.of();
        }
    }
}
