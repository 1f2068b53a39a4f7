package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.KeyShare;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.ClientKeyExchange;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.HandshakeFrame;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waiting for ClientKeyExchange (RFC 5246 §7.4.7): agrees the premaster, derives the master secret
 * (RFC 7627 extended when negotiated) and the key block. A client that sent a certificate proves
 * it holds the key next (CertificateVerify, RFC 5246 §7.4.8); otherwise its ChangeCipherSpec comes.
 */
final class ExpectClientKeyExchange implements HandshakeState {
    private final FullAgreement agreement;
    private final Transcript transcript;
    private final List<X509Certificate> clientChain;

    /** @param clientChain the client's verified chain; empty if it sent none (or was not asked) */
    ExpectClientKeyExchange(FullAgreement agreement, Transcript transcript, List<X509Certificate> clientChain) {
        this.agreement = agreement;
        this.transcript = transcript;
        this.clientChain = List.copyOf(clientChain);
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.CLIENT_KEY_EXCHANGE.code()) {
            throw unexpected(frame);
        }
        TlsConfig config = agreement.ctx().config();
        KeyExchange kx = agreement.keyExchange();
        // Trailing bytes after the key exchange value are decode_error (tlsfuzzer
        // test-invalid-rsa-key-exchange-messages.py, test-ecdhe-rsa-key-exchange-with-bad-messages.py).
        ClientKeyExchange cke = Messages.decode(frame, "ClientKeyExchange", r -> ClientKeyExchange.decode(r, kx.kind()));
        transcript.add(frame);
        byte[] premaster = kx.premaster(config.crypto(), cke);
        byte[] clientRandom = agreement.ctx().clientRandom();
        MasterSecret master = agreement.extendedMasterSecret()
                // RFC 7627 §3: session_hash covers the messages up to and including ClientKeyExchange.
                ? MasterSecret.deriveExtended(config.crypto(), agreement.suite(), premaster, transcript.hash())
                : MasterSecret.deriveLegacy(config.crypto(), agreement.suite(), premaster, clientRandom,
                agreement.serverRandom());
        master.logTo(config.keyLog(), clientRandom);
        KeyBlock block = master.keyBlock(clientRandom, agreement.serverRandom());
        KeyBlock.Protections keys;
        try {
            keys = block.protections(Side.SERVER, agreement.encryptThenMac());
        } finally {
            block.destroy();
        }
        ClientFlightEnd end = new ClientFlightEnd(agreement.ctx(), transcript, master, keys.read(),
                new Completion.Full(agreement, clientChain, keys.write()));
        if (!clientChain.isEmpty()) {
            return new ExpectCertificateVerify(end, clientChain.get(0));
        }
        return new ExpectChangeCipherSpec(end);
    }

    @Override
    public String describe() {
        return "waiting for ClientKeyExchange";
    }
}
