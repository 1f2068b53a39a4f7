package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5246 §7.4.8 CertificateVerify: {@code digitally-signed struct { opaque handshake_messages[]; }},
 * in TLS 1.2 {@code SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>;} (RFC 5246 §4.7).
 */
public record CertificateVerify(SignatureSchemeId algorithm, Bytes signature) implements HandshakeMessage {
    public CertificateVerify {
        Wire.require(signature.length() <= 0xffff, "signature too long");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    public static CertificateVerify decode(TlsReader r) {
        SignatureSchemeId algorithm = SignatureSchemeId.decode(r);
        Bytes signature = Wire.opaque16(r, "signature", 0, 0xffff);
        r.expectEnd("CertificateVerify");
        return new CertificateVerify(algorithm, signature);
    }

    @Override
    public void encode(TlsWriter w) {
        algorithm.encode(w);
        Wire.opaque16(w, signature);
    }
}
