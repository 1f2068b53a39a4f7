package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.record.HandshakeFrame;

/**
 * The server acknowledged session_ticket, so NewSessionTicket comes before its ChangeCipherSpec
 * (RFC 5077 §3.3: "This message MUST be sent if the server included a SessionTicket extension in
 * the ServerHello"; an empty ticket means none this time).
 */
final class ExpectNewSessionTicket implements HandshakeState {
    private final ServerFlightEnd end;

    ExpectNewSessionTicket(ServerFlightEnd end) {
        this.end = end;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() != HandshakeType.NEW_SESSION_TICKET.code()) {
            throw unexpected(frame);
        }
        NewSessionTicket ticket = frame.body().readAll("NewSessionTicket", NewSessionTicket::decode);
        end.transcript().add(frame);
        return new ExpectChangeCipherSpec(end, ticket.ticket().isEmpty() ? null : ticket);
    }

    @Override
    public String describe() {
        return "waiting for NewSessionTicket";
    }
}
