package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 5246 §7.4.1.2 CompressionMethod: an open value type (uint8). */
public record CompressionMethod(int code) {
    public static final CompressionMethod NULL = new CompressionMethod(0);
    public static final CompressionMethod DEFLATE = new CompressionMethod(1);

    public CompressionMethod {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("CompressionMethod out of range: " + code);
        }
    }

    public static CompressionMethod of(int code) {
        return new CompressionMethod(code);
    }

    public static CompressionMethod decode(TlsReader r) {
        return new CompressionMethod(r.uint8("compression_method"));
    }

    public void encode(TlsWriter w) {
        w.uint8(code);
    }

    public String name() {
        switch (code) {
            case 0: return "null";
            case 1: return "deflate";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : "compression_method(" + code + ")";
    }
}
