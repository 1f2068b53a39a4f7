package dev.jtls.pki;

import dev.jtls.record.TlsAlertException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a peer's certificate chain is acceptable. The handshake calls it with the chain
 * exactly as received (leaf first). A refusal is a {@link TlsAlertException} carrying the alert
 * to send (bad_certificate, unknown_ca, certificate_expired, ...) and a message saying which
 * certificate and which rule failed.
 */
public interface TrustVerifier {
    /**
     * Judges a server's chain for a client that dialled {@code hostName}.
     *
     * @param hostName the name the client connected to (null when it connected by address or did
     *                 not say; then no name is checked)
     */
    void verifyServer(List<X509Certificate> chain, String hostName);

    /** Judges a client's chain on the server. */
    void verifyClient(List<X509Certificate> chain);
}
