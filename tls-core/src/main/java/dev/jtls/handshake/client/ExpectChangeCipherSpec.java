package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.record.HandshakeFrame;

/** Waits for the server's ChangeCipherSpec (RFC 5246 §7.1); no handshake message may come first. */
final class ExpectChangeCipherSpec implements HandshakeState {
    private final ServerFlightEnd end;
    private final NewSessionTicket ticket;

    /** @param ticket the ticket the server issued in this handshake, or null */
    ExpectChangeCipherSpec(ServerFlightEnd end, NewSessionTicket ticket) {
        this.end = end;
        this.ticket = ticket;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        throw unexpected(frame);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeOutput out) {
        out.changeReadProtection(end.read());
        return new ExpectFinished(end, ticket);
    }

    @Override
    public String describe() {
        return "waiting for the server's ChangeCipherSpec";
    }
}
