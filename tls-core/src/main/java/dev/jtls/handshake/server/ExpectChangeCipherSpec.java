package dev.jtls.handshake.server;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.record.HandshakeFrame;

/**
 * Waiting for the client's ChangeCipherSpec (RFC 5246 §7.1): after its key exchange in a full
 * handshake, or after our Finished in a resumed one. Any handshake message here is
 * unexpected_message (a Finished before CCS included: tlsfuzzer test-message-skipping.py).
 */
final class ExpectChangeCipherSpec implements HandshakeState {
    private final Keyed k;

    ExpectChangeCipherSpec(Keyed k) {
        this.k = k;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        throw unexpected(frame);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeOutput out) {
        out.changeReadProtection(k.keys().read());
        return new ExpectFinished(k);
    }

    @Override
    public String describe() {
        return "waiting for the client's ChangeCipherSpec";
    }
}
