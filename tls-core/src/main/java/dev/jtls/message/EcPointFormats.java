package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/**
 * RFC 8422 §5.1.2 ec_point_formats: {@code ECPointFormat ec_point_format_list<1..2^8-1>}. An empty
 * list is decode_error (tlsfuzzer test-point-extension.py "ECDHE empty list extension"); a list
 * without uncompressed(0) is illegal_parameter, checked where the RFC's condition can be seen
 * ({@link ClientHelloExtensions}, {@link ServerHelloExtensions}).
 */
public record EcPointFormats(List<EcPointFormat> formats) {
    public static final ExtensionType TYPE = ExtensionType.EC_POINT_FORMATS;
    /** What jtls sends: only uncompressed (RFC 8422 §5.1.2: the only format it accepts). */
    public static final EcPointFormats UNCOMPRESSED_ONLY = new EcPointFormats(List.of(EcPointFormat.UNCOMPRESSED));

    public EcPointFormats {
        formats = List.copyOf(formats);
        Wire.require(!formats.isEmpty() && formats.size() <= 0xff, "ec_point_format_list size");
    }

    public boolean hasUncompressed() {
        return formats.contains(EcPointFormat.UNCOMPRESSED);
    }

    public static EcPointFormats decode(TlsReader r) {
        TlsReader list = r.vector8("ec_point_format_list", 1, 0xff);
        r.expectEnd("ec_point_formats");
        return new EcPointFormats(Wire.items(list, EcPointFormat::decode));
    }

    public void encode(TlsWriter w) {
        w.lengthPrefixed8(x -> Wire.items(x, formats, EcPointFormat::encode));
    }
}
