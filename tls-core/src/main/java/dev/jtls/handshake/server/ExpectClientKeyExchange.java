package dev.jtls.handshake.server;

import dev.jtls.crypto.KeyShare;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.ClientKeyExchange;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.KeyExchangeKind;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import java.security.InvalidKeyException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waiting for ClientKeyExchange (RFC 5246 §7.4.7): agrees the premaster, derives the master secret
 * (RFC 7627 extended when negotiated) and the key block.
 */
final class ExpectClientKeyExchange implements HandshakeState {
    private final Negotiation n;
    private final Transcript transcript;
    private final KeyShare share;
    private final List<X509Certificate> clientChain;

    /**
     * @param share       our ECDHE key share; null for RSA key exchange
     * @param clientChain the client's verified chain; empty if it sent none
     */
    ExpectClientKeyExchange(Negotiation n, Transcript transcript, KeyShare share, List<X509Certificate> clientChain) {
        this.n = n;
        this.transcript = transcript;
        this.share = share;
        this.clientChain = List.copyOf(clientChain);
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.CLIENT_KEY_EXCHANGE.code()) {
            throw unexpected(frame);
        }
        boolean rsa = n.suite().keyExchange() == CipherSuite.KeyExchange.RSA;
        KeyExchangeKind kind = rsa ? KeyExchangeKind.RSA : KeyExchangeKind.ECDHE;
        // Trailing bytes after the key exchange value are decode_error (tlsfuzzer
        // test-invalid-rsa-key-exchange-messages.py, test-ecdhe-rsa-key-exchange-with-bad-messages.py).
        ClientKeyExchange cke = Messages.decode(frame, "ClientKeyExchange", r -> ClientKeyExchange.decode(r, kind));
        transcript.add(frame);
        byte[] premaster = rsa ? rsaPremaster((RsaClientKeyExchange) cke) : ecdhePremaster((EcdhClientKeyExchange) cke);
        MasterSecret master = n.extendedMasterSecret()
                // RFC 7627 §3: session_hash covers the messages up to and including ClientKeyExchange.
                ? MasterSecret.deriveExtended(n.config().crypto(), n.suite(), premaster, transcript.hash())
                : MasterSecret.deriveLegacy(n.config().crypto(), n.suite(), premaster, n.clientRandom(),
                n.serverRandom());
        master.logTo(n.config().keyLog(), n.clientRandom());
        KeyBlock block = master.keyBlock(n.clientRandom(), n.serverRandom());
        KeyBlock.Protections keys;
        try {
            keys = block.protections(Side.SERVER, n.encryptThenMac());
        } finally {
            block.destroy();
        }
        if (!clientChain.isEmpty()) {
            return new ExpectCertificateVerify(new Keyed(n, transcript, master, keys, clientChain));
        }
        return new ExpectChangeCipherSpec(new Keyed(n, transcript, master, keys, clientChain));
    }

    /**
     * RFC 5246 §7.4.7.1: whatever is wrong with the encrypted premaster (padding, length, version
     * bytes), no alert here: decryptPremaster returns a random-looking premaster instead, and the
     * handshake fails at the client's Finished exactly as a wrong Finished would (tlsfuzzer
     * test-invalid-rsa-key-exchange-messages.py, test-bleichenbacher-workaround.py). The version
     * checked is the ClientHello's client_version, as the RFC says.
     */
    private byte[] rsaPremaster(RsaClientKeyExchange cke) {
        return n.config().crypto().decryptPremaster(n.key().privateKey(),
                cke.encryptedPreMasterSecret().toByteArray(), n.clientVersion().wire());
    }

    /**
     * RFC 8422 §5.10 / RFC 7748 §6: the peer's point must be valid. tlsfuzzer
     * test-ecdhe-rsa-key-exchange-with-bad-messages.py expects illegal_parameter for a point not on
     * the curve or of the wrong length, and decode_error for a malformed message.
     */
    private byte[] ecdhePremaster(EcdhClientKeyExchange cke) {
        try {
            return share.agree(cke.publicKey().toByteArray());
        } catch (InvalidKeyException e) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER,
                    "the client's " + n.group() + " public key is not acceptable: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "waiting for ClientKeyExchange";
    }
}
