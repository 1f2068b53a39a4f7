package dev.jtls.handshake.client;

import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Side;
import dev.jtls.message.Finished;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.record.HandshakeFrame;

/** Waits for the server's Finished (RFC 5246 §7.4.9), the first message under the new keys. */
final class ExpectFinished implements HandshakeState {
    private final ServerFlightEnd end;
    private final NewSessionTicket ticket;

    ExpectFinished(ServerFlightEnd end, NewSessionTicket ticket) {
        this.end = end;
        this.ticket = ticket;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // RFC 5246 §7.4.9: Finished is the message right after ChangeCipherSpec; anything else
        // (a HelloRequest included) is unexpected here.
        if (frame.type() != HandshakeType.FINISHED.code()) {
            throw unexpected(frame);
        }
        Finished finished = frame.body().readAll("Finished",
                r -> Finished.decode(r, Finished.DEFAULT_VERIFY_DATA_LENGTH));
        FinishedVerified verified = end.master().verifyFinished(Side.SERVER, end.transcript().hash(),
                finished.verifyData().toByteArray());
        end.transcript().add(frame);
        return end.completion().afterServerFinished(end, verified, ticket, out);
    }

    @Override
    public String describe() {
        return "waiting for the server's Finished";
    }
}
