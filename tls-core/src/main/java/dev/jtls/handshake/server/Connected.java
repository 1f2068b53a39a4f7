package dev.jtls.handshake.server;

import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.HandshakeFrame;

/**
 * The handshake is over; application data flows. jtls does not renegotiate: a new ClientHello gets
 * a no_renegotiation warning and the connection stays as it is (RFC 5746 §4.4, RFC 5246 §7.2.2;
 * tlsfuzzer test-renegotiation-disabled.py). Any other handshake message is unexpected_message.
 */
final class Connected implements HandshakeState {
    private final FinishedVerified clientFinished;

    /** Reachable only with the client's Finished checked (RFC 5246 §7.4.9): the proof is the argument. */
    Connected(FinishedVerified clientFinished) {
        this.clientFinished = clientFinished;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.CLIENT_HELLO.code()) {
            throw unexpected(frame);
        }
        out.sendWarning(AlertDescription.NO_RENEGOTIATION);
        return this;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public String describe() {
        return "connected (" + clientFinished.sender() + " Finished verified)";
    }
}
