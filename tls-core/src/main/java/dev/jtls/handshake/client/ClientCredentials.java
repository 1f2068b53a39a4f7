package dev.jtls.handshake.client;

import dev.jtls.config.CertificateSelector;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.ClientCertificateType;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.message.Bytes;
import dev.jtls.pki.CertifiedKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;
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
        for (CertifiedKey k : config.certificateSelector().clientKeys(request(request))) {
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

    /** The request as the {@link CertificateSelector} sees it: only what jtls knows, names parsed. */
    static CertificateSelector.ClientRequest request(CertificateRequest request) {
        List<CertifiedKey.KeyType> types = new ArrayList<>();
        if (request.certificateTypes().contains(ClientCertificateType.RSA_SIGN)) {
            types.add(CertifiedKey.KeyType.RSA);
        }
        if (request.certificateTypes().contains(ClientCertificateType.ECDSA_SIGN)) {
            // RFC 8422 §3, §5.5: ecdsa_sign covers ECDSA and Ed25519 certificates.
            types.addAll(List.of(CertifiedKey.KeyType.EC_P256, CertifiedKey.KeyType.EC_P384,
                    CertifiedKey.KeyType.EC_P521, CertifiedKey.KeyType.ED25519));
        }
        List<SignatureScheme> schemes = new ArrayList<>();
        for (SignatureSchemeId id : request.signatureAlgorithms()) {
            SignatureScheme s = SignatureScheme.fromCode(id.code());
            if (s != null) {
                schemes.add(s);
            }
        }
        List<X500Principal> names = new ArrayList<>();
        for (Bytes dn : request.certificateAuthorities()) {
            try {
                names.add(new X500Principal(dn.toByteArray()));
            } catch (IllegalArgumentException e) {
                // A name that does not parse matches no certificate; the others still count.
            }
        }
        return new CertificateSelector.ClientRequest(types, schemes, names);
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
