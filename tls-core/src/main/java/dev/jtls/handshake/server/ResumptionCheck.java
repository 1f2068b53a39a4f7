package dev.jtls.handshake.server;

import dev.jtls.suite.CipherSuite;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.Resumption;
import dev.jtls.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the session a ClientHello asks for may be resumed with that hello: its suite offered,
 * extended master secret on both sides, the same server name, a suite still enabled
 * ({@link Resumption#server}), and the session's encrypt-then-MAC choice
 * ({@link Resumption#serverEncryptThenMac}).
 */
final class ResumptionCheck {
    private ResumptionCheck() {
    }

    /**
     * @return true to resume, false for a full handshake instead
     * @throws TlsAlertException for a hello that breaks a MUST (the session's suite not offered:
     *                           illegal_parameter, RFC 5246 §7.4.1.2; EMS dropped: handshake_failure,
     *                           RFC 7627 §5.3)
     */
    static boolean resumable(ServerContext ctx, Session session) {
        List<CipherSuite> offered = new ArrayList<>();
        for (CipherSuiteId id : ctx.hello().cipherSuites()) {
            CipherSuite s = CipherSuite.fromCode(id.code());
            if (s != null) {
                offered.add(s);
            }
        }
        Resumption.Decision decision = Resumption.server(session, new Resumption.ClientHelloFacts(offered,
                ProtocolVersion.TLS1_2, ctx.serverName(), ctx.ext().extendedMasterSecret()),
                ctx.config().cipherSuites());
        if (decision.reason() != null) {
            throw new TlsAlertException(decision.reason(), "the ClientHello asks to resume session "
                    + session + " but " + (decision == Resumption.Decision.ABORT_SUITE_MISMATCH
                    ? "does not offer its cipher suite (RFC 5246 §7.4.1.2)"
                    : "does not carry extended_master_secret (RFC 7627 §5.3)"));
        }
        return decision == Resumption.Decision.RESUME
                && Resumption.serverEncryptThenMac(session, HelloAnswer.encryptThenMac(ctx, session.cipherSuite()))
                == Resumption.Decision.RESUME;
    }
}
