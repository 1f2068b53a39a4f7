package dev.jtls.handshake.server;

import dev.jtls.connection.TlsConfig;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import java.security.cert.X509Certificate;
import java.util.List;

/** Session resumption on the server (RFC 5246 §7.3 fig. 2, RFC 5077): looking sessions up, storing them. */
final class Resume {
    private Resume() {
    }

    /** The abbreviated handshake's next state, having sent ServerHello, CCS and Finished; or null for a full one. */
    static HandshakeState tryResume(TlsConfig config, ClientHello hello, String serverName, Transcript transcript,
                                    HandshakeOutput out) {
        return null;
    }

    /** The session id for a new session's ServerHello: empty when it will not be cached. */
    static byte[] newSessionId(TlsConfig config, boolean extendedMasterSecret) {
        return new byte[0];
    }

    static boolean willIssueTicket(TlsConfig config, ClientHelloExtensions ext, boolean extendedMasterSecret) {
        return false;
    }

    static void sendTicket(Negotiation n, MasterSecret master, List<X509Certificate> clientChain,
                           Transcript transcript, HandshakeOutput out) {
    }

    static void store(Negotiation n, MasterSecret master, List<X509Certificate> clientChain) {
    }
}
