package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.session.CertificateEncodings;
import dev.jtls.handshake.FinishedVerified;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.Finished;
import dev.jtls.message.LocalProblem;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What happens once the client's Finished is verified: the two paths of RFC 5246 §7.3 differ only
 * here, as on the client (resumption is another path, not a flag).
 */
sealed interface Completion permits Completion.Full, Completion.Resumed {

    /** Takes the proof that the client's Finished was checked, so it cannot be skipped. */
    HandshakeState afterClientFinished(ClientFlightEnd end, FinishedVerified clientFinished, HandshakeOutput out);

    /**
     * Full handshake (figure 1): the client's Finished went first; ours answers it, after a
     * NewSessionTicket if ServerHello promised one, and the new session is kept.
     *
     * @param clientChain the client's verified certificates, empty if it sent none
     * @param write       the protection of our records after our ChangeCipherSpec
     */
    record Full(FullAgreement agreement, List<X509Certificate> clientChain, RecordProtection write)
            implements Completion {
        public Full {
            clientChain = List.copyOf(clientChain);
        }

        @Override
        public HandshakeState afterClientFinished(ClientFlightEnd end, FinishedVerified clientFinished,
                                                  HandshakeOutput out) {
            TlsConfig config = end.ctx().config();
            Session session = newSession(end);
            if (agreement.ticketPromised()) {
                SessionKeeping.sendTicket(config, session, end.transcript(), out);
            }
            out.sendChangeCipherSpec(write);
            byte[] verifyData = end.master().verifyData(Side.SERVER, end.transcript().hash());
            Messages.send(new Finished(Bytes.of(verifyData)), end.transcript(), out);
            SessionKeeping.store(config, session, out);
            end.master().destroy();
            out.event(agreement.negotiated());
            out.event(new SessionEstablished(session));
            return new Connected(clientFinished);
        }

        private Session newSession(ClientFlightEnd end) {
            List<byte[]> peer;
            try {
                peer = CertificateEncodings.of(clientChain);
            } catch (CertificateEncodingException e) {
                throw new TlsAlertException(LocalProblem.SESSION_STATE_FAILED, "cannot re-encode a client certificate", e);
            }
            TlsConfig config = end.ctx().config();
            byte[] secret = end.master().copyForSession();
            try {
                return Session.builder()
                        .id(agreement.sessionId())
                        .cipherSuite(agreement.suite())
                        .protocolVersion(ProtocolVersion.TLS1_2)
                        .masterSecret(secret)
                        .extendedMasterSecret(agreement.extendedMasterSecret())
                        .encryptThenMac(agreement.encryptThenMac())
                        .sharedPeerCertificates(peer)
                        .localCertificates(agreement.key())
                        .serverName(end.ctx().serverName())
                        .applicationProtocol(agreement.alpn() == null ? null : latin1(agreement.alpn()))
                        .creationTime(config.clock().instant())
                        .lifetime(lifetime(config))
                        .build();
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }

        /**
         * Session stores protocol names byte for byte as ISO-8859-1 chars; Alpn.names() decodes
         * them as UTF-8 (RFC 7301 §6's registry form). Back to the wire bytes, then one char per byte.
         */
        private static String latin1(String protocol) {
            return new String(protocol.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }

        /** The cache's lifetime; its "no limit" (zero) becomes the default, so that tickets expire too. */
        private static Duration lifetime(TlsConfig config) {
            Duration d = config.serverSessionCache().lifetime();
            return d.isZero() ? ServerSessionCache.DEFAULT_LIFETIME : d;
        }
    }

    /** Abbreviated handshake (figure 2): our Finished went first; the client's answers it. */
    record Resumed(ResumedAgreement agreement) implements Completion {
        @Override
        public HandshakeState afterClientFinished(ClientFlightEnd end, FinishedVerified clientFinished,
                                                  HandshakeOutput out) {
            end.master().destroy();
            out.event(agreement.negotiated());
            out.event(new SessionEstablished(agreement.session()));
            return new Connected(clientFinished);
        }
    }
}
