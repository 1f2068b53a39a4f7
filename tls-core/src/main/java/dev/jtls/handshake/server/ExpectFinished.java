package dev.jtls.handshake.server;

import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.message.Finished;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.HandshakeFrame;

/**
 * Waiting for the client's Finished (RFC 5246 §7.4.9), the first message under its new keys. What
 * follows is the path's {@link Completion}: in a full handshake the server answers with
 * [NewSessionTicket], ChangeCipherSpec and its own Finished; in a resumed one it has already sent
 * them (RFC 5246 §7.3 fig. 2) and the handshake is over.
 */
final class ExpectFinished implements HandshakeState {
    private final ClientFlightEnd end;

    ExpectFinished(ClientFlightEnd end) {
        this.end = end;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.FINISHED.code()) {
            throw unexpected(frame);
        }
        Finished finished = Messages.decode(frame, "Finished",
                r -> Finished.decode(r, MasterSecret.VERIFY_DATA_LENGTH));
        // decrypt_error on a mismatch (RFC 5246 §7.4.9; tlsfuzzer test-fuzzed-finished.py).
        FinishedVerified verified = end.master().verifyFinished(Side.CLIENT, end.transcript().hash(),
                finished.verifyData().toByteArray());
        end.transcript().add(frame);
        return end.completion().afterClientFinished(end, verified, out);
    }

    @Override
    public String describe() {
        return "waiting for the client's Finished";
    }
}
