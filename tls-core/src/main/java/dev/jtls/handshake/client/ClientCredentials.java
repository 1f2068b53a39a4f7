package dev.jtls.handshake.client;

import dev.jtls.connection.TlsConfig;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.ClientCertificateType;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.message.Bytes;
import dev.jtls.pki.CertifiedKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

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
            if (!issuedByOneOf(k, request.certificateAuthorities())) {
                continue;
            }
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

    /**
     * RFC 5246 §7.4.4: certificate_authorities lists "the distinguished names of acceptable
     * certificate_authorities ... either a root CA or a subordinate CA"; an empty list accepts
     * any. A chain fits if one of its certificates names a listed CA as subject or issuer. (A key
     * the server would refuse is not sent: an empty Certificate lets a server that only wants
     * client authentication go on.)
     */
    static boolean issuedByOneOf(CertifiedKey key, List<Bytes> authorities) {
        if (authorities.isEmpty()) {
            return true;
        }
        for (X509Certificate c : key.chain()) {
            for (Bytes dn : authorities) {
                byte[] der = dn.toByteArray();
                if (Arrays.equals(der, c.getIssuerX500Principal().getEncoded())
                        || Arrays.equals(der, c.getSubjectX500Principal().getEncoded())) {
                    return true;
                }
            }
        }
        return false;
    }
}
