package dev.jtls.handshake;

import java.security.cert.X509Certificate;
import java.util.List;

/** The peer's certificate chain as received and accepted by the TrustVerifier (leaf first; empty if none). */
public record PeerCertificates(List<X509Certificate> chain) implements HandshakeEvent {
    public PeerCertificates {
        chain = List.copyOf(chain);
    }
}
