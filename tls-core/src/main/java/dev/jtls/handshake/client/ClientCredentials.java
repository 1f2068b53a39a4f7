package dev.jtls.handshake.client;

import dev.jtls.connection.TlsConfig;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.ClientCertificateType;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.pki.CertifiedKey;

/**
 * The answer to a CertificateRequest (RFC 5246 §7.4.4, §7.4.6): a configured key whose type the
 * server accepts and a scheme from its list, or none (an empty Certificate).
 *
 * @param key    the key to authenticate with, or null to send an empty Certificate
 * @param scheme the CertificateVerify scheme; null when {@code key} is
 */
record ClientCredentials(CertifiedKey key, SignatureScheme scheme) {
    static final ClientCredentials NONE = new ClientCredentials(null, null);

    /** RFC 5246 §7.4.6: "If no suitable certificate is available, the client MUST send a certificate message containing no certificates." */
    static ClientCredentials choose(TlsConfig config, CertificateRequest request) {
        for (CertifiedKey k : config.certifiedKeys()) {
            // RFC 5246 §7.4.4 rsa_sign(1); RFC 8422 §5.5 ecdsa_sign(64), also for Ed25519 (RFC 8422 §3).
            int type = k.keyType() == CertifiedKey.KeyType.RSA ? 1 : 64;
            if (!request.certificateTypes().contains(ClientCertificateType.of(type))) {
                continue;
            }
            for (SignatureScheme s : k.keyType().signatureSchemes()) {
                if (config.signatureSchemes().contains(s) && request.signatureAlgorithms().contains(SignatureSchemeId.of(s))) {
                    return new ClientCredentials(k, s);
                }
            }
        }
        return NONE;
    }
}
