package dev.jtls.handshake;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.RecordProtection;

/**
 * What a handshake state may do to the world: states write here, never into a shared context, so
 * every effect of a state is a call one can see and test. The connection carries each call out in order.
 */
public interface HandshakeOutput {
    /** Sends one handshake message, header included, exactly as it went into the transcript. */
    void sendHandshake(byte[] messageWithHeader);

    /** Sends ChangeCipherSpec and then switches the write side to {@code protection} (RFC 5246 §7.1). */
    void sendChangeCipherSpec(RecordProtection protection);

    /** Switches the read side after the peer's ChangeCipherSpec (RFC 5246 §7.1). */
    void changeReadProtection(RecordProtection protection);

    /**
     * Caps the plaintext of every record sent from now on at {@code length} bytes (at most 2^14):
     * the peer's max_fragment_length (RFC 6066 §4) or record_size_limit (RFC 8449 §4).
     */
    void maxSendFragment(int length);

    /**
     * Refuses, with record_overflow, every protected record received from now on whose plaintext
     * is over {@code length} bytes: the record_size_limit this side advertised and the peer
     * acknowledged (RFC 8449 §4: "An endpoint that receives a record that is larger than its
     * advertised limit MUST generate a fatal record_overflow alert"; unprotected records are
     * not subject to it).
     */
    void maxReceiveFragment(int length);

    /** Sends a warning alert (e.g. no_renegotiation, RFC 5746 §4.2). */
    void sendWarning(AlertDescription description);

    /** Reports a negotiated fact (suite, group, ALPN, session, ...). */
    void event(HandshakeEvent event);

    /**
     * Registers what to undo if the connection later ends with a fatal alert, sent or received
     * (ISSUE4 "Sessions": caches are invalidated on fatal alerts; RFC 5246 §7.2.2: "the session
     * identifier MUST be invalidated"). The connection runs each action once, in order, and knows
     * nothing of what it undoes.
     */
    void onFailure(Runnable action);
}
