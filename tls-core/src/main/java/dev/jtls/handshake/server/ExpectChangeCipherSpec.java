package dev.jtls.handshake.server;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.record.HandshakeFrame;

/**
 * Waiting for the client's ChangeCipherSpec (RFC 5246 §7.1): after its key exchange (or
 * CertificateVerify) in a full handshake, or after our Finished in a resumed one. Any handshake
 * message here is unexpected_message (a Finished before CCS included: tlsfuzzer
 * test-message-skipping.py).
 */
final class ExpectChangeCipherSpec implements HandshakeState {
    private final ClientFlightEnd end;

    ExpectChangeCipherSpec(ClientFlightEnd end) {
        this.end = end;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        throw unexpected(frame);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeOutput out) {
        out.changeReadProtection(end.read());
        return new ExpectFinished(end);
    }

    @Override
    public String describe() {
        return "waiting for the client's ChangeCipherSpec";
    }
}
