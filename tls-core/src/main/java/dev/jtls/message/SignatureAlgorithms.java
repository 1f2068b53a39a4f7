package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/**
 * RFC 5246 §7.4.1.4.1 signature_algorithms:
 * {@code SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>}. The same vector is
 * used in CertificateRequest (RFC 5246 §7.4.4), see {@link #decodeList}.
 */
public record SignatureAlgorithms(List<SignatureSchemeId> schemes) {
    public static final ExtensionType TYPE = ExtensionType.SIGNATURE_ALGORITHMS;

    public SignatureAlgorithms {
        schemes = List.copyOf(schemes);
        Wire.require(!schemes.isEmpty() && schemes.size() <= 0x7fff, "supported_signature_algorithms size");
    }

    public static SignatureAlgorithms decode(TlsReader r) {
        SignatureAlgorithms s = new SignatureAlgorithms(decodeList(r));
        r.expectEnd("signature_algorithms");
        return s;
    }

    /** {@code SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>}, length even. */
    static List<SignatureSchemeId> decodeList(TlsReader r) {
        TlsReader list = r.vector16("supported_signature_algorithms", 2, 0xfffe);
        if (list.remaining() % 2 != 0) {
            throw new TlsAlertException(InvalidMessage.BAD_LENGTH, "supported_signature_algorithms: odd length " + list.remaining());
        }
        return Wire.items(list, SignatureSchemeId::decode);
    }

    static void encodeList(TlsWriter w, List<SignatureSchemeId> schemes) {
        w.lengthPrefixed16(x -> Wire.items(x, schemes, SignatureSchemeId::encode));
    }

    public void encode(TlsWriter w) {
        encodeList(w, schemes);
    }
}
