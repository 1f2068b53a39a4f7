package dev.jtls.handshake;

import dev.jtls.message.PeerMisbehaved;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;

/**
 * One slot of a side's handshake (RFC 5246 §7.3): it accepts exactly the messages RFC 5246
 * allows there and returns the next state. Anything else is unexpected_message.
 */
public interface HandshakeState {
    /** Handles one whole handshake message (its raw bytes are also what goes into the transcript). */
    HandshakeState handle(HandshakeFrame message, HandshakeOutput out);

    /** Handles the peer's ChangeCipherSpec; only the states just before Finished accept it. */
    default HandshakeState handleChangeCipherSpec(HandshakeOutput out) {
        throw new TlsAlertException(PeerMisbehaved.UNEXPECTED_CHANGE_CIPHER_SPEC,
                "ChangeCipherSpec received while " + describe());
    }

    /** True once the handshake is over and application data may flow. */
    default boolean isConnected() {
        return false;
    }

    /** What this state is waiting for, for messages a person reads ("waiting for ServerHello"). */
    String describe();

    /** The alert for a message that has no place in this state. */
    default TlsAlertException unexpected(HandshakeFrame message) {
        return new TlsAlertException(PeerMisbehaved.UNEXPECTED_MESSAGE,
                "handshake message of type " + message.type() + " received while " + describe());
    }
}
