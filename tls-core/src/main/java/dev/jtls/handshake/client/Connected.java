package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.HelloRequest;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.HandshakeFrame;

/** The handshake is over; application data flows. Renegotiation is refused, politely. */
final class Connected implements HandshakeState {
    static final Connected INSTANCE = new Connected();

    private Connected() {
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.HELLO_REQUEST.code()) {
            throw unexpected(frame);
        }
        frame.body().readAll("HelloRequest", HelloRequest::decode);
        // RFC 5246 §7.4.1.1: a client may decline a HelloRequest with a no_renegotiation alert;
        // RFC 5746 §4.2: a client that does not renegotiate sends it as a warning and the
        // connection goes on.
        out.sendWarning(AlertDescription.NO_RENEGOTIATION);
        return this;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public String describe() {
        return "connected";
    }
}
