package dev.jtls.handshake.server;

import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.Finished;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.session.Session;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waiting for the client's Finished (RFC 5246 §7.4.9). In a full handshake the server answers
 * with [NewSessionTicket], ChangeCipherSpec and its own Finished; in a resumed one it has already
 * sent them (RFC 5246 §7.3 fig. 2) and the handshake is over.
 */
final class ExpectFinished implements HandshakeState {
    private final Negotiation n;
    private final Transcript transcript;
    private final MasterSecret master;
    private final KeyBlock.Protections keys;
    private final List<X509Certificate> clientChain;

    ExpectFinished(Negotiation n, Transcript transcript, MasterSecret master, KeyBlock.Protections keys,
                   List<X509Certificate> clientChain) {
        this.n = n;
        this.transcript = transcript;
        this.master = master;
        this.keys = keys;
        this.clientChain = clientChain;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.FINISHED.code()) {
            throw unexpected(frame);
        }
        Finished finished = Messages.decode(frame, "Finished",
                r -> Finished.decode(r, MasterSecret.VERIFY_DATA_LENGTH));
        // decrypt_error on a mismatch (RFC 5246 §7.4.9; tlsfuzzer test-fuzzed-finished.py).
        FinishedVerified verified = master.verifyFinished(Side.CLIENT, transcript.hash(),
                finished.verifyData().toByteArray());
        transcript.add(frame);
        Session session = n.resumedFrom();
        if (session == null) {
            session = Resume.newSession(n, master, clientChain);
            if (n.sessionTicket()) {
                Resume.sendTicket(n.config(), session, transcript, out);
            }
            out.sendChangeCipherSpec(keys.write());
            byte[] verifyData = master.verifyData(Side.SERVER, transcript.hash());
            Messages.send(new Finished(Bytes.of(verifyData)), transcript, out);
            Resume.store(n.config(), session, out);
        }
        master.destroy();
        out.event(n.event());
        out.event(new SessionEstablished(session));
        return new Connected(verified);
    }

    @Override
    public String describe() {
        return "waiting for the client's Finished";
    }
}
