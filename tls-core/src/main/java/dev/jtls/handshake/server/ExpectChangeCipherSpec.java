package dev.jtls.handshake.server;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Transcript;
import dev.jtls.record.HandshakeFrame;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waiting for the client's ChangeCipherSpec (RFC 5246 §7.1): after its key exchange in a full
 * handshake, or after our Finished in a resumed one. Any handshake message here is
 * unexpected_message (a Finished before CCS included: tlsfuzzer test-message-skipping.py).
 */
final class ExpectChangeCipherSpec implements HandshakeState {
    private final Negotiation n;
    private final Transcript transcript;
    private final MasterSecret master;
    private final KeyBlock.Protections keys;
    private final List<X509Certificate> clientChain;

    ExpectChangeCipherSpec(Negotiation n, Transcript transcript, MasterSecret master, KeyBlock.Protections keys,
                           List<X509Certificate> clientChain) {
        this.n = n;
        this.transcript = transcript;
        this.master = master;
        this.keys = keys;
        this.clientChain = clientChain;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        throw unexpected(frame);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeOutput out) {
        out.changeReadProtection(keys.read());
        return new ExpectFinished(n, transcript, master, keys, clientChain);
    }

    @Override
    public String describe() {
        return "waiting for the client's ChangeCipherSpec";
    }
}
