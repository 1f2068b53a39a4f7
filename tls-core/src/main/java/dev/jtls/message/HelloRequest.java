package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 5246 §7.4.1.1 HelloRequest: {@code struct { } HelloRequest;} — any body is decode_error. */
public record HelloRequest() implements HandshakeMessage {
    public static final HelloRequest INSTANCE = new HelloRequest();

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_REQUEST;
    }

    public static HelloRequest decode(TlsReader r) {
        r.expectEnd("HelloRequest");
        return INSTANCE;
    }

    @Override
    public void encode(TlsWriter w) {
        // empty body
    }
}
