package dev.jtls.handshake.client;

import dev.jtls.pki.CertifiedKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server's certificate chain after the TrustVerifier accepted it, and its leaf key, whose type
 * fits the negotiated suite (RFC 5246 §7.4.2). Made only by {@link ExpectCertificate}.
 */
record ServerIdentity(List<X509Certificate> chain, CertifiedKey.KeyType keyType) {
    ServerIdentity {
        chain = List.copyOf(chain);
    }

    PublicKey publicKey() {
        return chain.get(0).getPublicKey();
    }
}
