package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.handshake.HandshakeState;

/**
 * The server side of the TLS 1.2 handshake (RFC 5246 §7.3): its entry points. The server speaks
 * second, so {@link #start} sends nothing and returns the state waiting for ClientHello. The two
 * paths from there, one final class per slot:
 *
 * <pre>
 * ExpectClientHello
 *   full (fig. 1):        FullFlight -> [ExpectClientCertificate] -> ExpectClientKeyExchange
 *                         -> [ExpectCertificateVerify] -> ExpectChangeCipherSpec -> ExpectFinished
 *                         -> Completion.Full ([NewSessionTicket], ChangeCipherSpec, Finished) -> Connected
 *   abbreviated (fig. 2): ResumptionCandidate, ResumptionCheck -> AbbreviatedFlight
 *                         -> ExpectChangeCipherSpec -> ExpectFinished -> Completion.Resumed -> Connected
 * </pre>
 *
 * What each path knows after its ServerHello is a {@link FullAgreement} or a {@link ResumedAgreement};
 * the states of the client's last flight share a {@link ClientFlightEnd}.
 */
public final class ServerHandshake {
    private ServerHandshake() {
    }

    /** The first server state: waiting for the ClientHello. */
    public static HandshakeState start(TlsConfig config) {
        return new ExpectClientHello(config);
    }
}
