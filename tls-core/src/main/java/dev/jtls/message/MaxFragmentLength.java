package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 6066 §4 max_fragment_length: {@code enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) }};
 * any other value is illegal_parameter ("If a server receives a maximum fragment length
 * negotiation request for a value other than the allowed values, it MUST abort the handshake
 * with an "illegal_parameter" alert").
 */
public record MaxFragmentLength(int code) {
    public static final ExtensionType TYPE = ExtensionType.MAX_FRAGMENT_LENGTH;

    public MaxFragmentLength {
        Wire.require(code >= 1 && code <= 4, "max_fragment_length code out of range: " + code);
    }

    /** The fragment length in bytes: 2^(8 + code). */
    public int length() {
        return 1 << (8 + code);
    }

    public static MaxFragmentLength decode(TlsReader r) {
        int v = r.uint8("max_fragment_length");
        r.expectEnd("max_fragment_length");
        if (v < 1 || v > 4) {
            throw new TlsAlertException(PeerMisbehaved.ILLEGAL_MAX_FRAGMENT_LENGTH, "max_fragment_length value " + v + " not in 1..4");
        }
        return new MaxFragmentLength(v);
    }

    public void encode(TlsWriter w) {
        w.uint8(code);
    }
}
