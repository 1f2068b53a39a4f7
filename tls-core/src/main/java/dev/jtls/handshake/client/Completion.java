package dev.jtls.handshake.client;

import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.pki.CertifiedKey;

/**
 * What happens once the server's Finished is verified: the two paths of RFC 5246 §7.3 differ only
 * here (STYLE.md point 1: resumption is another path, not a flag).
 */
sealed interface Completion permits Completion.Full {

    /** Takes the proof that the server's Finished was checked, so it cannot be skipped. */
    HandshakeState afterServerFinished(ServerFlightEnd end, FinishedVerified serverFinished, NewSessionTicket ticket,
                                       HandshakeOutput out);

    /** Full handshake (figure 1): our Finished went first; the handshake is done. */
    record Full(ServerIdentity server, CertifiedKey ownKey) implements Completion {
        @Override
        public HandshakeState afterServerFinished(ServerFlightEnd end, FinishedVerified serverFinished,
                                                  NewSessionTicket ticket, HandshakeOutput out) {
            end.master().destroy();
            return Connected.INSTANCE;
        }
    }
}
