package dev.jtls.record;

import java.util.Objects;

/** RFC 5246 §7.2: struct { AlertLevel level; AlertDescription description; } Alert. */
public record Alert(AlertLevel level, AlertDescription description) {
    public static final int LENGTH = 2;

    public Alert {
        Objects.requireNonNull(level);
        Objects.requireNonNull(description);
    }

    public static Alert fatal(AlertDescription description) {
        return new Alert(AlertLevel.FATAL, description);
    }

    public static Alert warning(AlertDescription description) {
        return new Alert(AlertLevel.WARNING, description);
    }

    /** Decodes a whole alert record body, which must be exactly 2 bytes (else decode_error). */
    public static Alert decode(TlsReader r) {
        AlertLevel level = AlertLevel.fromCode(r.uint8("Alert.level"));
        AlertDescription description = AlertDescription.fromCode(r.uint8("Alert.description"));
        r.expectEnd("Alert");
        return new Alert(level, description);
    }

    public static Alert decode(byte[] body) {
        return TlsReader.readAll(body, "Alert", Alert::decode);
    }

    public void encode(TlsWriter w) {
        if (description == AlertDescription.UNKNOWN) {
            throw new IllegalStateException("cannot send an alert of unknown description");
        }
        w.uint8(level.code());
        w.uint8(description.code());
    }

    public byte[] encode() {
        TlsWriter w = new TlsWriter(LENGTH);
        encode(w);
        return w.toByteArray();
    }

    public boolean isCloseNotify() {
        return description == AlertDescription.CLOSE_NOTIFY;
    }
}
