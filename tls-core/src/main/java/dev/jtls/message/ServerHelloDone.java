package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 5246 §7.4.5 ServerHelloDone: {@code struct { } ServerHelloDone;} — any body is decode_error. */
public record ServerHelloDone() implements HandshakeMessage {
    public static final ServerHelloDone INSTANCE = new ServerHelloDone();

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    public static ServerHelloDone decode(TlsReader r) {
        r.expectEnd("ServerHelloDone");
        return INSTANCE;
    }

    @Override
    public void encode(TlsWriter w) {
        // empty body
    }
}
