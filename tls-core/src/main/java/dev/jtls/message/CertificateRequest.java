package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/**
 * RFC 5246 §7.4.4 CertificateRequest: {@code ClientCertificateType certificate_types<1..2^8-1>;
 * SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 * DistinguishedName certificate_authorities<0..2^16-1>;} with
 * {@code opaque DistinguishedName<1..2^16-1>} (DER, not parsed here).
 */
public record CertificateRequest(List<ClientCertificateType> certificateTypes,
                                 List<SignatureSchemeId> signatureAlgorithms,
                                 List<Bytes> certificateAuthorities) implements HandshakeMessage {

    public CertificateRequest {
        certificateTypes = List.copyOf(certificateTypes);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        certificateAuthorities = List.copyOf(certificateAuthorities);
        Wire.require(!certificateTypes.isEmpty() && certificateTypes.size() <= 0xff, "certificate_types size");
        Wire.require(!signatureAlgorithms.isEmpty() && signatureAlgorithms.size() <= 0x7fff,
                "supported_signature_algorithms size");
        int total = 0;
        for (Bytes dn : certificateAuthorities) {
            Wire.require(dn.length() >= 1 && dn.length() <= 0xffff, "DistinguishedName length");
            total += 2 + dn.length();
        }
        Wire.require(total <= 0xffff, "certificate_authorities too long");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    public static CertificateRequest decode(TlsReader r) {
        List<ClientCertificateType> types =
                Wire.items(r.vector8("certificate_types", 1, 0xff), ClientCertificateType::decode);
        List<SignatureSchemeId> algorithms = SignatureAlgorithms.decodeList(r);
        TlsReader cas = r.vector16("certificate_authorities", 0, 0xffff);
        List<Bytes> names = Wire.items(cas, x -> Wire.opaque16(x, "DistinguishedName", 1, 0xffff));
        r.expectEnd("CertificateRequest");
        return new CertificateRequest(types, algorithms, names);
    }

    @Override
    public void encode(TlsWriter w) {
        w.lengthPrefixed8(x -> Wire.items(x, certificateTypes, ClientCertificateType::encode));
        SignatureAlgorithms.encodeList(w, signatureAlgorithms);
        w.lengthPrefixed16(x -> {
            for (Bytes dn : certificateAuthorities) {
                Wire.opaque16(x, dn);
            }
        });
    }
}
