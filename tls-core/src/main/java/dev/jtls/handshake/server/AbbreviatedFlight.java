package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.Finished;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.Session;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's flight of an abbreviated handshake (RFC 5246 §7.3 fig. 2): ServerHello,
 * [NewSessionTicket], ChangeCipherSpec, Finished, under keys from the session's master secret.
 * The client's ChangeCipherSpec and Finished come next.
 */
final class AbbreviatedFlight {
    private AbbreviatedFlight() {
    }

    /** Sends the flight for a session {@link ResumptionCheck} accepted; returns the state after it. */
    static HandshakeState send(ServerContext ctx, ResumptionCandidate candidate, Transcript transcript,
                               HandshakeOutput out) {
        TlsConfig config = ctx.config();
        Session session = candidate.session();
        SessionKeeping.invalidateOnFailure(config, session, out);
        CipherSuite suite = session.cipherSuite();
        boolean etm = HelloAnswer.encryptThenMac(ctx, suite);
        String alpn = HelloAnswer.selectAlpn(ctx);
        boolean ticket = candidate.renewTicket() && config.sessionTickets();
        ResumedAgreement agreement = new ResumedAgreement(ctx, ctx.random(32), session, etm, alpn, ticket);

        // RFC 7627 §5.3: only EMS sessions are resumed. RFC 6066 §3: "When resuming a session, the
        // server MUST NOT include a server_name extension".
        ServerHelloExtensions.Builder sx = HelloAnswer.extensions(ctx, suite, true, alpn, etm, ticket, out);
        // RFC 5246 §7.4.1.3 / RFC 5077 §3.4: the session id is the client's, echoed.
        ServerHello serverHello = new ServerHello(ProtocolVersion.TLS1_2, Bytes.of(agreement.serverRandom()),
                ctx.hello().sessionId(), CipherSuiteId.of(suite.code()), CompressionMethod.NULL, sx.build());
        transcript.selectHash(config.crypto(), suite.prfHash());
        // No CertificateVerify in an abbreviated handshake.
        transcript.releaseRaw();
        Messages.send(serverHello, transcript, out);
        if (ticket) {
            SessionKeeping.sendTicket(config, session, transcript, out);
        }
        byte[] clientRandom = ctx.clientRandom();
        byte[] secret = session.masterSecret();
        MasterSecret master = MasterSecret.fromSession(config.crypto(), suite, true, secret);
        Arrays.fill(secret, (byte) 0);
        master.logTo(config.keyLog(), clientRandom);
        KeyBlock block = master.keyBlock(clientRandom, agreement.serverRandom());
        KeyBlock.Protections keys;
        try {
            keys = block.protections(Side.SERVER, etm);
        } finally {
            block.destroy();
        }
        out.sendChangeCipherSpec(keys.write());
        Messages.send(new Finished(Bytes.of(master.verifyData(Side.SERVER, transcript.hash()))), transcript, out);

        List<X509Certificate> peer = parse(session.peerCertificates());
        if (!peer.isEmpty()) {
            out.event(new PeerCertificates(peer));
        }
        return new ExpectChangeCipherSpec(new ClientFlightEnd(ctx, transcript, master, keys.read(),
                new Completion.Resumed(agreement)));
    }

    private static List<X509Certificate> parse(List<byte[]> ders) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new TlsAlertException(LocalProblem.SESSION_STATE_FAILED, "a cached client certificate cannot be parsed", e);
        }
        return out;
    }
}
