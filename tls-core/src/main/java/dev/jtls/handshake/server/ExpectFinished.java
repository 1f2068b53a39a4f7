package dev.jtls.handshake.server;

import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.Finished;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.session.Session;

/**
 * Waiting for the client's Finished (RFC 5246 §7.4.9). In a full handshake the server answers
 * with [NewSessionTicket], ChangeCipherSpec and its own Finished; in a resumed one it has already
 * sent them (RFC 5246 §7.3 fig. 2) and the handshake is over.
 */
final class ExpectFinished implements HandshakeState {
    private final Keyed k;

    ExpectFinished(Keyed k) {
        this.k = k;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.FINISHED.code()) {
            throw unexpected(frame);
        }
        Finished finished = Messages.decode(frame, "Finished",
                r -> Finished.decode(r, MasterSecret.VERIFY_DATA_LENGTH));
        // decrypt_error on a mismatch (RFC 5246 §7.4.9; tlsfuzzer test-fuzzed-finished.py).
        FinishedVerified verified = k.master().verifyFinished(Side.CLIENT, k.transcript().hash(),
                finished.verifyData().toByteArray());
        k.transcript().add(frame);
        Session session = k.n().resumedFrom();
        if (session == null) {
            session = Resume.newSession(k.n(), k.master(), k.clientChain());
            if (k.n().sessionTicket()) {
                Resume.sendTicket(k.n().config(), session, k.transcript(), out);
            }
            out.sendChangeCipherSpec(k.keys().write());
            byte[] verifyData = k.master().verifyData(Side.SERVER, k.transcript().hash());
            Messages.send(new Finished(Bytes.of(verifyData)), k.transcript(), out);
            Resume.store(k.n().config(), session, out);
        }
        k.master().destroy();
        out.event(k.n().event());
        out.event(new SessionEstablished(session));
        return new Connected(verified);
    }

    @Override
    public String describe() {
        return "waiting for the client's Finished";
    }
}
