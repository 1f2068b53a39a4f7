package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 8449 §4 record_size_limit: {@code uint16 RecordSizeLimit}; a value below 64 is illegal_parameter. */
public record RecordSizeLimit(int limit) {
    public static final ExtensionType TYPE = ExtensionType.RECORD_SIZE_LIMIT;
    public static final int MIN = 64;

    public RecordSizeLimit {
        Wire.require(limit >= MIN && limit <= 0xffff, "record_size_limit out of range: " + limit);
    }

    public static RecordSizeLimit decode(TlsReader r) {
        int v = r.uint16("record_size_limit");
        r.expectEnd("record_size_limit");
        // RFC 8449 §4: "Endpoints MUST NOT send a "record_size_limit" extension with a value
        // smaller than 64. An endpoint MUST treat receipt of a smaller value as a fatal error and
        // generate an "illegal_parameter" alert."
        if (v < MIN) {
            throw new TlsAlertException(PeerMisbehaved.ILLEGAL_RECORD_SIZE_LIMIT, "record_size_limit " + v + " below 64");
        }
        return new RecordSizeLimit(v);
    }

    public void encode(TlsWriter w) {
        w.uint16(limit);
    }
}
