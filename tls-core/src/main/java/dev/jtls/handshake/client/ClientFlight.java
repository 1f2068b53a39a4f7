package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CertificateVerify;
import dev.jtls.message.Finished;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.record.TlsAlertException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's second flight of a full handshake (RFC 5246 §7.3 figure 1): [Certificate],
 * ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished.
 */
final class ClientFlight {
    private ClientFlight() {
    }

    /**
     * @param credentials null if the server sent no CertificateRequest; {@link ClientCredentials#NONE}
     *                    for an empty Certificate
     */
    static HandshakeState send(ClientContext ctx, Agreed agreed, Transcript transcript, ServerIdentity server,
                               KeyAgreement agreement, ClientCredentials credentials, HandshakeOutput out) {
        var crypto = ctx.config().crypto();
        if (credentials != null) {
            List<Bytes> chain = new ArrayList<>();
            if (credentials.key() != null) {
                for (byte[] der : credentials.key().encodedChain()) {
                    chain.add(Bytes.of(der));
                }
            }
            ClientStates.send(new Certificate(chain), transcript, out);
        }
        ClientStates.send(agreement.message(), transcript, out);
        byte[] premaster = agreement.takePremaster();
        MasterSecret master = agreed.extendedMasterSecret()
                // RFC 7627 §4: session_hash over the handshake up to and including ClientKeyExchange.
                ? MasterSecret.deriveExtended(crypto, agreed.suite(), premaster, transcript.hash())
                : MasterSecret.deriveLegacy(crypto, agreed.suite(), premaster, ctx.clientRandom(),
                        agreed.serverRandomBytes());
        if (credentials != null) {
            if (credentials.key() != null) {
                // RFC 5246 §7.4.8: the signature covers handshake_messages up to here, with the
                // scheme's own hash.
                byte[] signature;
                try {
                    signature = crypto.sign(credentials.scheme(), credentials.key().privateKey(),
                            transcript.rawMessages());
                } catch (InvalidKeyException e) {
                    master.destroy();
                    throw new TlsAlertException(LocalProblem.SIGNING_FAILED,
                            "cannot sign CertificateVerify with the configured " + credentials.key().keyType() + " key", e);
                }
                ClientStates.send(new CertificateVerify(SignatureSchemeId.of(credentials.scheme()), Bytes.of(signature)),
                        transcript, out);
            }
            transcript.releaseRaw();
        }
        KeyBlock keys = master.keyBlock(ctx.clientRandom(), agreed.serverRandomBytes());
        KeyBlock.Protections protections = keys.protections(Side.CLIENT, agreed.encryptThenMac());
        keys.destroy();
        // The NSS key log line, once per full handshake (KeyLog.NONE unless configured).
        master.logTo(ctx.config().keyLog(), ctx.clientRandom());
        out.event(new Negotiated(agreed.suite(), agreement.group(), agreement.scheme(), agreed.extendedMasterSecret(),
                agreed.encryptThenMac(), agreed.alpn(), ctx.serverName(), false));
        out.sendChangeCipherSpec(protections.write());
        byte[] verifyData = master.verifyData(Side.CLIENT, transcript.hash());
        ClientStates.send(new Finished(Bytes.of(verifyData)), transcript, out);
        Completion done = new Completion.Full(server, credentials == null ? null : credentials.key());
        ServerFlightEnd end = new ServerFlightEnd(ctx, agreed, transcript, master, protections.read(), done);
        return agreed.ticketComing() ? new ExpectNewSessionTicket(end) : new ExpectChangeCipherSpec(end, null);
    }
}
