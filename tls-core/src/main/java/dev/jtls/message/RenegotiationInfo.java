package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5746 §3.2 renegotiation_info: {@code opaque renegotiated_connection<0..255>}; empty on an
 * initial handshake (the only kind jtls does).
 */
public record RenegotiationInfo(Bytes renegotiatedConnection) {
    public static final ExtensionType TYPE = ExtensionType.RENEGOTIATION_INFO;
    public static final RenegotiationInfo INITIAL = new RenegotiationInfo(Bytes.EMPTY);

    public RenegotiationInfo {
        Wire.require(renegotiatedConnection.length() <= 0xff, "renegotiated_connection too long");
    }

    public static RenegotiationInfo decode(TlsReader r) {
        Bytes b = Wire.opaque8(r, "renegotiated_connection", 0, 0xff);
        r.expectEnd("renegotiation_info");
        return new RenegotiationInfo(b);
    }

    public void encode(TlsWriter w) {
        Wire.opaque8(w, renegotiatedConnection);
    }
}
