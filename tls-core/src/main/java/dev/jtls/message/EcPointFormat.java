package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 8422 §5.1.2 ECPointFormat: an open value type (uint8). */
public record EcPointFormat(int code) {
    public static final EcPointFormat UNCOMPRESSED = new EcPointFormat(0);
    public static final EcPointFormat ANSIX962_COMPRESSED_PRIME = new EcPointFormat(1);
    public static final EcPointFormat ANSIX962_COMPRESSED_CHAR2 = new EcPointFormat(2);

    public EcPointFormat {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("EcPointFormat out of range: " + code);
        }
    }

    public static EcPointFormat of(int code) {
        return new EcPointFormat(code);
    }

    public static EcPointFormat decode(TlsReader r) {
        return new EcPointFormat(r.uint8("ec_point_format"));
    }

    public void encode(TlsWriter w) {
        w.uint8(code);
    }

    public String name() {
        switch (code) {
            case 0: return "uncompressed";
            case 1: return "ansiX962_compressed_prime";
            case 2: return "ansiX962_compressed_char2";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : "ec_point_format(" + code + ")";
    }
}
