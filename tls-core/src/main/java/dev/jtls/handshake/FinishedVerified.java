package dev.jtls.handshake;

import dev.jtls.crypto.ConstantTime;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.record.TlsAlertException;

/**
 * Proof that the peer's Finished was checked (RFC 5246 §7.4.9). The constructor is private and
 * the only factory is {@link #verify}, so a state that takes a {@code FinishedVerified} cannot be
 * reached without the check. Carries the verify_data, which RFC 5746 renegotiation_info and
 * tls-unique (RFC 5929 §3) need; verify_data is not a key.
 */
public final class FinishedVerified {
    private final Side sender;
    private final byte[] verifyData;

    private FinishedVerified(Side sender, byte[] verifyData) {
        this.sender = sender;
        this.verifyData = verifyData;
    }

    /**
     * Computes the expected verify_data and compares it with the received one in constant time.
     *
     * @param sender        whose Finished was received (the peer)
     * @param handshakeHash the transcript hash over every message before this Finished
     * @throws TlsAlertException decrypt_error on any mismatch, length included: RFC 5246 §7.4.9
     *                           "Recipients of Finished messages MUST verify that the contents are
     *                           correct"; §7.2.2 decrypt_error covers "unable to correctly verify
     *                           ... a Finished message". tlsfuzzer's
     *                           scripts/test-fuzzed-finished.py expects decrypt_error for every
     *                           altered verify_data byte. (A Finished body that is not 12 bytes is
     *                           the message decoder's decode_error; a wrong length reaching here is
     *                           still a mismatch.)
     */
    public static FinishedVerified verify(MasterSecret masterSecret, Side sender, byte[] handshakeHash,
                                          byte[] receivedVerifyData) {
        byte[] expected = masterSecret.verifyData(sender, handshakeHash);
        if (!ConstantTime.equals(expected, receivedVerifyData)) {
            throw new TlsAlertException(PeerMisbehaved.FINISHED_MISMATCH,
                    "the " + sender.name().toLowerCase(java.util.Locale.ROOT)
                            + " Finished does not match the handshake (RFC 5246 §7.4.9)");
        }
        return new FinishedVerified(sender, expected);
    }

    /** Whose Finished was verified. */
    public Side sender() {
        return sender;
    }

    /** The verified verify_data (a copy). */
    public byte[] verifyData() {
        return verifyData.clone();
    }

    @Override
    public String toString() {
        return "FinishedVerified[" + sender + "]";
    }
}
