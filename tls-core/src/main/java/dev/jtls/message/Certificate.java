package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/**
 * RFC 5246 §7.4.2 Certificate: {@code ASN.1Cert certificate_list<0..2^24-1>},
 * {@code opaque ASN.1Cert<1..2^24-1>}. The DER bytes are not parsed here; an empty list is legal
 * (a client without a certificate, RFC 5246 §7.4.6). Size and count policy is the connection's
 * (the handshake reassembler already bounds the message size).
 */
public record Certificate(List<Bytes> certificates) implements HandshakeMessage {
    public static final Certificate EMPTY = new Certificate(List.of());

    public Certificate {
        certificates = List.copyOf(certificates);
        long total = 0;
        for (Bytes c : certificates) {
            Wire.require(c.length() >= 1 && c.length() <= 0xffffff, "ASN.1Cert length");
            total += 3 + c.length();
        }
        Wire.require(total <= 0xffffff, "certificate_list too long");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    public static Certificate decode(TlsReader r) {
        TlsReader list = r.vector24("certificate_list", 0, 0xffffff);
        r.expectEnd("Certificate");
        return new Certificate(Wire.items(list, x -> Wire.opaque24(x, "ASN.1Cert", 1, 0xffffff)));
    }

    @Override
    public void encode(TlsWriter w) {
        w.lengthPrefixed24(x -> {
            for (Bytes c : certificates) {
                Wire.opaque24(x, c);
            }
        });
    }
}
