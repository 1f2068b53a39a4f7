package dev.jtls.handshake.server;

import dev.jtls.crypto.SignatureScheme;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.CertificateVerify;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import java.security.cert.X509Certificate;

/** After a client certificate and ClientKeyExchange: the client's CertificateVerify (RFC 5246 §7.4.8). */
final class ExpectCertificateVerify implements HandshakeState {
    private final ClientFlightEnd end;
    private final X509Certificate leaf;

    /** @param leaf the client's certificate, whose key must have made the signature */
    ExpectCertificateVerify(ClientFlightEnd end, X509Certificate leaf) {
        this.end = end;
        this.leaf = leaf;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.CERTIFICATE_VERIFY.code()) {
            throw unexpected(frame);
        }
        CertificateVerify cv = Messages.decode(frame, "CertificateVerify", CertificateVerify::decode);
        SignatureScheme scheme = cv.algorithm().supported();
        // RFC 5246 §7.4.8: the algorithm "MUST be one of those present in the
        // supported_signature_algorithms field of the CertificateRequest"; tlsfuzzer
        // test-certificate-verify.py expects illegal_parameter otherwise.
        if (scheme == null || !end.ctx().config().signatureSchemes().contains(scheme)) {
            throw new TlsAlertException(PeerMisbehaved.SIGNATURE_SCHEME_NOT_OFFERED,
                    "CertificateVerify with " + cv.algorithm() + ", which the CertificateRequest did not offer");
        }
        if (!fits(scheme, CertifiedKey.KeyType.of(leaf.getPublicKey()))) {
            throw new TlsAlertException(PeerMisbehaved.SIGNATURE_SCHEME_KEY_MISMATCH, "CertificateVerify with " + cv.algorithm()
                    + ", which a " + leaf.getPublicKey().getAlgorithm() + " certificate cannot make");
        }
        // RFC 5246 §7.4.8: the signature covers every handshake message before this one.
        byte[] signed = end.transcript().rawMessages();
        if (!end.ctx().config().crypto().verify(scheme, leaf.getPublicKey(), signed, cv.signature().toByteArray())) {
            // RFC 5246 §7.2.2 decrypt_error: "a signature could not be correctly verified".
            throw new TlsAlertException(PeerMisbehaved.BAD_SIGNATURE,
                    "the client's CertificateVerify signature does not verify");
        }
        end.transcript().add(frame);
        end.transcript().releaseRaw();
        return new ExpectChangeCipherSpec(end);
    }

    /**
     * The scheme's algorithm matches the certificate key. In TLS 1.2 an ECDSA scheme names only the
     * hash, not the curve (RFC 5246 §7.4.1.4.1, RFC 8422 §6), so any ECDSA scheme goes with a key
     * on any of the NIST curves (a P-256 key with SHA-384 verifies).
     */
    static boolean fits(SignatureScheme scheme, CertifiedKey.KeyType type) {
        if (type == null) {
            return false;
        }
        switch (type) {
            case RSA:
                return scheme.kind() == SignatureScheme.Kind.RSA_PKCS1 || scheme.kind() == SignatureScheme.Kind.RSA_PSS;
            case ED25519:
                return scheme == SignatureScheme.ED25519;
            default:
                return scheme.kind() == SignatureScheme.Kind.ECDSA;
        }
    }

    @Override
    public String describe() {
        return "waiting for the client's CertificateVerify";
    }
}
