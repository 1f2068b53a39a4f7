package dev.jtls.config;

import dev.jtls.crypto.SignatureScheme;
import dev.jtls.pki.CertifiedKey;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * Chooses, per handshake, the key pairs this side may authenticate with. The handshake then picks
 * among them exactly as it picks among {@link TlsConfig#certifiedKeys()} (suite order, signature
 * schemes, curves, SNI). The default, {@link #fixed}, returns the configured keys; the JSSE layer
 * asks the application's {@code X509KeyManager} instead. A selector may throw a
 * {@code TlsAlertException} to refuse the handshake (for example unrecognized_name for an SNI
 * host the server does not serve, RFC 6066 §3).
 */
public interface CertificateSelector {
    /**
     * What a server knows when it picks its certificate (RFC 5246 §7.4.2, RFC 6066 §3).
     *
     * @param serverName       the SNI host name, or null
     * @param signatureSchemes the client's signature_algorithms that jtls knows, in its order; null
     *                         if the extension was absent
     */
    record ServerRequest(String serverName, List<SignatureScheme> signatureSchemes) {
        public ServerRequest {
            signatureSchemes = signatureSchemes == null ? null : List.copyOf(signatureSchemes);
        }
    }

    /**
     * What a client knows when it answers a CertificateRequest (RFC 5246 §7.4.4).
     *
     * @param keyTypes         the kinds of key the server accepts (from certificate_types)
     * @param signatureSchemes the server's supported_signature_algorithms that jtls knows
     * @param authorities      the certificate_authorities the server named (empty: any)
     */
    record ClientRequest(List<CertifiedKey.KeyType> keyTypes, List<SignatureScheme> signatureSchemes,
                         List<X500Principal> authorities) {
        public ClientRequest {
            keyTypes = List.copyOf(keyTypes);
            signatureSchemes = List.copyOf(signatureSchemes);
            authorities = List.copyOf(authorities);
        }
    }

    /** Keys a server may use for this ClientHello, in preference order (empty: none fits). */
    List<CertifiedKey> serverKeys(ServerRequest request);

    /** Keys a client may answer this CertificateRequest with, in preference order (empty: an empty Certificate). */
    List<CertifiedKey> clientKeys(ClientRequest request);

    /** Always the same keys, whatever the request: the behaviour of a plain {@link TlsConfig}. */
    static CertificateSelector fixed(List<CertifiedKey> keys) {
        List<CertifiedKey> copy = List.copyOf(keys);
        return new CertificateSelector() {
            @Override
            public List<CertifiedKey> serverKeys(ServerRequest request) {
                Objects.requireNonNull(request);
                return copy;
            }

            @Override
            public List<CertifiedKey> clientKeys(ClientRequest request) {
                Objects.requireNonNull(request);
                return copy;
            }
        };
    }
}
