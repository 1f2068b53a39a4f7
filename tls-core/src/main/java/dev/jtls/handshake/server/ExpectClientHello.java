package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.config.CertificateSelector;
import dev.jtls.config.ClientAuth;
import dev.jtls.config.SuitePreference;
import dev.jtls.config.TlsConfig;
import java.security.InvalidKeyException;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;

/**
 * Waiting for the ClientHello (RFC 5246 §7.4.1.2). Checks the version and the renegotiation
 * indication, then takes one of the two paths of RFC 5246 §7.3: a session the hello asks for
 * ({@link ResumptionCandidate}) that may be resumed with it ({@link ResumptionCheck}) gets the
 * abbreviated flight ({@link AbbreviatedFlight}, fig. 2); anything else the full one
 * ({@link FullFlight}, fig. 1).
 */
final class ExpectClientHello implements HandshakeState {
    private final TlsConfig config;

    ExpectClientHello(TlsConfig config) {
        this.config = config;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.CLIENT_HELLO.code()) {
            throw unexpected(frame);
        }
        ClientHello hello = Messages.decode(frame, "ClientHello", ClientHello::decode);
        ServerContext ctx = ServerContext.of(config, hello);
        SupportedVersions.check(ctx.ext());
        checkVersion(hello);
        checkRenegotiationInfo(ctx.ext());
        Transcript transcript = new Transcript();
        transcript.add(frame);
        ResumptionCandidate candidate = ResumptionCandidate.find(config, hello, ctx.ext());
        if (candidate != null && ResumptionCheck.resumable(ctx, candidate.session())) {
            return AbbreviatedFlight.send(ctx, candidate, transcript, out);
        }
        if (!config.newSessionsAllowed()) {
            // SSLEngine.setEnableSessionCreation(false): only resumptions are served; no alert fits
            // better than the generic "could not negotiate acceptable security parameters" (RFC 5246 §7.2.2).
            throw new TlsAlertException(LocalProblem.NEW_SESSIONS_DISABLED,
                    "the ClientHello resumes no session this server knows, and new session creation is disabled");
        }
        return FullFlight.send(ctx, transcript, out);
    }

    /**
     * RFC 5246 Appendix E.1: a server that gets a higher client_version answers with its own
     * highest (3,3); tlsfuzzer test-invalid-version.py / test-legacy-version.py send (3,4), (4,1),
     * (254,254) and expect TLS 1.2. Below (3,3) jtls has nothing to offer: protocol_version — or,
     * with TLS_FALLBACK_SCSV, inappropriate_fallback (RFC 7507 §3: the server supports a higher
     * version than the client's fallback).
     */
    private static void checkVersion(ClientHello hello) {
        if (hello.clientVersion().wire() >= ProtocolVersion.TLS1_2.wire()) {
            return;
        }
        if (hello.offers(CipherSuiteId.TLS_FALLBACK_SCSV)) {
            throw new TlsAlertException(PeerMisbehaved.INAPPROPRIATE_FALLBACK, "ClientHello " + hello.clientVersion()
                    + " with TLS_FALLBACK_SCSV: this server supports TLS 1.2 (RFC 7507 §3)");
        }
        throw new TlsAlertException(PeerIncompatible.NO_COMMON_VERSION, "ClientHello offers at most "
                + hello.clientVersion() + "; this server speaks only TLS 1.2");
    }

    /**
     * RFC 5746 §3.6: on an initial handshake the renegotiated_connection field must be empty,
     * "otherwise ... MUST abort the handshake" with handshake_failure (tlsfuzzer
     * test-legacy-renegotiation.py / test-renegotiation-disabled.py).
     */
    private static void checkRenegotiationInfo(ClientHelloExtensions ext) {
        if (ext.renegotiationInfo() != null && !ext.renegotiationInfo().renegotiatedConnection().isEmpty()) {
            throw new TlsAlertException(PeerMisbehaved.RENEGOTIATION_INFO_NOT_EMPTY,
                    "initial ClientHello with a non-empty renegotiation_info (RFC 5746 §3.6)");
        }
    }

    @Override
    public String describe() {
        return "waiting for ClientHello";
    }
}
