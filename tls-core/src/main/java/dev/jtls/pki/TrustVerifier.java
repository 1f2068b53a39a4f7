package dev.jtls.pki;

import dev.jtls.record.TlsAlertException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a peer's certificate chain is acceptable. The handshake calls it with the chain
 * exactly as received (leaf first). A refusal is a {@link TlsAlertException} carrying the alert
 * to send (bad_certificate, unknown_ca, certificate_expired, ...) and a message saying which
 * certificate and which rule failed; the chain validator throws its subclass
 * {@link CertificateRejection}, which also names the {@link ChainProblem}.
 */
public interface TrustVerifier {
    /** Judges a server's chain for a client; {@code check} says what the client knows of the server. */
    void verifyServer(List<X509Certificate> chain, ServerCheck check);

    /** Judges a client's chain on the server (the key will sign CertificateVerify). */
    void verifyClient(List<X509Certificate> chain);
}
