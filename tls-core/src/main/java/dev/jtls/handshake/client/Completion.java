package dev.jtls.handshake.client;

import dev.jtls.session.CertificateEncodings;
import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.Finished;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.RecordProtection;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.Session;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens once the server's Finished is verified: the two paths of RFC 5246 §7.3 differ only
 * here (resumption is another path through the same states, not a flag the states test).
 */
sealed interface Completion permits Completion.Full, Completion.Resumed {

    /** Takes the proof that the server's Finished was checked, so it cannot be skipped. */
    HandshakeState afterServerFinished(ServerFlightEnd end, FinishedVerified serverFinished, NewSessionTicket ticket,
                                       HandshakeOutput out);

    /** Full handshake (figure 1): our Finished went first; the new session is kept. */
    record Full(ServerIdentity server, CertifiedKey ownKey) implements Completion {
        @Override
        public HandshakeState afterServerFinished(ServerFlightEnd end, FinishedVerified serverFinished,
                                                  NewSessionTicket ticket, HandshakeOutput out) {
            ClientContext ctx = end.ctx();
            Agreed agreed = end.agreed();
            byte[] secret = end.master().copyForSession();
            Session session;
            try {
                Session.Builder b = Session.builder()
                        .id(agreed.sessionId().toByteArray())
                        .cipherSuite(agreed.suite())
                        .masterSecret(secret)
                        .extendedMasterSecret(agreed.extendedMasterSecret())
                        .encryptThenMac(agreed.encryptThenMac())
                        .sharedPeerCertificates(encode(server.chain()))
                        .serverName(ctx.serverName())
                        .applicationProtocol(agreed.alpn())
                        .creationTime(ctx.config().clock().instant())
                        .lifetime(lifetime(ctx, ticket));
                if (ownKey != null) {
                    b.localCertificates(ownKey);
                }
                session = b.build();
            } finally {
                java.util.Arrays.fill(secret, (byte) 0);
                end.master().destroy();
            }
            if (keep(ctx, session, ticket)) {
                // Only a cached session has an entry to take out again (nothing is kept otherwise).
                Abbreviated.invalidateOnFailure(ctx, session, out);
            }
            out.event(new SessionEstablished(session));
            return Connected.INSTANCE;
        }

        private static List<byte[]> encode(List<X509Certificate> chain) {
            try {
                return CertificateEncodings.of(chain);
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
            }
        }
    }

    /** Abbreviated handshake (figure 2): the server's Finished came first; ours answers it. */
    record Resumed(Session session, RecordProtection write) implements Completion {
        @Override
        public HandshakeState afterServerFinished(ServerFlightEnd end, FinishedVerified serverFinished,
                                                  NewSessionTicket ticket, HandshakeOutput out) {
            out.sendChangeCipherSpec(write);
            byte[] verifyData = end.master().verifyData(Side.CLIENT, end.transcript().hash());
            ClientStates.send(new Finished(Bytes.of(verifyData)), end.transcript(), out);
            end.master().destroy();
            if (ticket != null) {
                // RFC 5077 §3.3: a ticket issued on resumption replaces the one used.
                keep(end.ctx(), session, ticket);
            }
            out.event(new SessionEstablished(session));
            return Connected.INSTANCE;
        }
    }

    /**
     * Puts the session in the client cache for this peer; the cache itself refuses sessions
     * without EMS (RFC 7627 §5.3) and sessions that can be offered neither by id nor by ticket.
     *
     * @return true if the cache took it
     */
    private static boolean keep(ClientContext ctx, Session session, NewSessionTicket ticket) {
        if (ctx.peer() == null || (!ctx.config().sessionIdResumption() && !ctx.config().sessionTickets())) {
            return false;
        }
        ClientSessionCache cache = ctx.config().clientSessionCache();
        byte[] t = ticket == null || !ctx.config().sessionTickets() ? null : ticket.ticket().toByteArray();
        if (t == null && !ctx.config().sessionIdResumption()) {
            return false;
        }
        return cache.put(ctx.peer(), session, t);
    }

    /** RFC 5077 §3.3: the ticket's lifetime hint, when given; else the cache's lifetime. */
    private static Duration lifetime(ClientContext ctx, NewSessionTicket ticket) {
        if (ticket != null && ticket.lifetimeHint() > 0) {
            return Duration.ofSeconds(ticket.lifetimeHint());
        }
        Duration d = ctx.config().clientSessionCache().lifetime();
        return d.isZero() ? ClientSessionCache.DEFAULT_LIFETIME : d;
    }
}
