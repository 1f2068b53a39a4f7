package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.Transcript;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.Resumption;
import dev.jtls.session.Session;

/** The abbreviated handshake (RFC 5246 §7.3 figure 2), entered from the ServerHello. */
final class Abbreviated {
    private Abbreviated() {
    }

    /**
     * Checks the resumed session against the ServerHello ({@link Resumption#client}: same suite
     * and version, RFC 5246 §7.4.1.3; EMS as in the original session, RFC 7627 §5.3; no
     * encrypt-then-MAC downgrade, {@link Resumption#clientEncryptThenMac}), derives the
     * keys from the session's master secret and waits for the server's [NewSessionTicket], CCS and
     * Finished.
     */
    static HandshakeState start(ClientContext ctx, Agreed agreed, Transcript transcript, Session session,
                                HandshakeOutput out) {
        Resumption.Decision decision = Resumption.client(session, new Resumption.ServerHelloFacts(agreed.suite(),
                ProtocolVersion.TLS1_2, agreed.extendedMasterSecret()));
        if (decision != Resumption.Decision.RESUME) {
            if (ctx.peer() != null) {
                ctx.config().clientSessionCache().remove(ctx.peer(), session);
            }
            throw new TlsAlertException(decision.alert(), "the server resumed session with "
                    + agreed.suite() + (agreed.extendedMasterSecret() ? ", with" : ", without")
                    + " extended_master_secret; the session was " + session.cipherSuite()
                    + (session.extendedMasterSecret() ? ", with" : ", without") + " it");
        }
        if (Resumption.clientEncryptThenMac(session, agreed.encryptThenMac()) != Resumption.Decision.RESUME) {
            if (ctx.peer() != null) {
                ctx.config().clientSessionCache().remove(ctx.peer(), session);
            }
            throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE, "the server resumed an encrypt-then-MAC"
                    + " session without encrypt_then_mac, a downgrade to MAC-then-encrypt (RFC 7366 §3.1)");
        }
        invalidateOnFailure(ctx, session, out);
        // No CertificateVerify in an abbreviated handshake.
        transcript.releaseRaw();
        byte[] secret = session.masterSecret();
        MasterSecret master = MasterSecret.fromSession(ctx.config().crypto(), agreed.suite(),
                session.extendedMasterSecret(), secret);
        java.util.Arrays.fill(secret, (byte) 0);
        KeyBlock keys = master.keyBlock(ctx.clientRandom(), agreed.serverRandomBytes());
        KeyBlock.Protections protections = keys.protections(Side.CLIENT, agreed.encryptThenMac());
        keys.destroy();
        // The session's chain was validated when the session was made; parsed again only if asked for.
        out.event(PeerCertificates.later(session::peerCertificates));
        out.event(new Negotiated(agreed.suite(), null, null, agreed.extendedMasterSecret(), agreed.encryptThenMac(),
                agreed.alpn(), ctx.serverName(), true));
        ServerFlightEnd end = new ServerFlightEnd(ctx, agreed, transcript, master, protections.read(),
                new Completion.Resumed(session, protections.write()));
        return agreed.ticketComing() ? new ExpectNewSessionTicket(end) : new ExpectChangeCipherSpec(end, null);
    }

    /**
     * RFC 5246 §7.2.2 (ISSUE4 "Sessions"): a fatal alert on a connection that resumes or made this
     * session takes it out of the client cache, only if this peer's entry still holds it.
     */
    static void invalidateOnFailure(ClientContext ctx, Session session, HandshakeOutput out) {
        if (ctx.peer() != null) {
            ClientSessionCache cache = ctx.config().clientSessionCache();
            ClientSessionCache.PeerKey peer = ctx.peer();
            out.onFailure(() -> cache.remove(peer, session));
        }
    }
}
