package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.message.Alpn;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.EcPointFormats;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.record.TlsAlertException;
import java.util.List;

/**
 * What the ServerHello of a full and of an abbreviated handshake decide alike: the application
 * protocol, encrypt-then-MAC, and the extensions that answer the client's.
 */
final class HelloAnswer {
    private HelloAnswer() {
    }

    /**
     * RFC 7301 §3.2: the selector picks, or declines (null), or refuses (no_application_protocol);
     * in strict mode a decline, or no selector at all, refuses too. ALPN belongs to the connection,
     * not the session (RFC 7301 §3.1): a resumed handshake chooses again.
     */
    static String selectAlpn(ServerContext ctx) {
        ClientHelloExtensions ext = ctx.ext();
        TlsConfig config = ctx.config();
        if (ext.alpn() == null) {
            return null;
        }
        List<String> offered = ext.alpn().names();
        String chosen = config.alpnSelector() == null ? null : config.alpnSelector().select(ctx.serverName(), offered);
        if (chosen == null && config.strictAlpn()) {
            // RFC 7301 §3.2: "In the event that the server supports no protocols that the client
            // advertises, then the server SHALL respond with a fatal "no_application_protocol" alert."
            throw new TlsAlertException(PeerIncompatible.NO_COMMON_APPLICATION_PROTOCOL, "this server speaks none of the"
                    + " client's application protocols " + offered + " (strict ALPN, RFC 7301 §3.2)");
        }
        if (chosen != null && !offered.contains(chosen)) {
            throw new TlsAlertException(LocalProblem.ALPN_SELECTOR_FAILED,
                    "the ALPN selector chose '" + chosen + "', which the client did not offer");
        }
        return chosen;
    }

    /**
     * RFC 7366 §2: encrypt-then-MAC only with a CBC suite, only if the client asked and only if this
     * server accepts it ({@link TlsConfig#encryptThenMac()}).
     */
    static boolean encryptThenMac(ServerContext ctx, CipherSuite suite) {
        return suite.protection() instanceof CipherSuite.Cbc && ctx.ext().encryptThenMac()
                && ctx.config().encryptThenMac();
    }

    /**
     * The extensions both ServerHellos carry, in this order, and the record limits they acknowledge
     * (which bind what we send from the ServerHello on: {@link RecordLimits}).
     */
    static ServerHelloExtensions.Builder extensions(ServerContext ctx, CipherSuite suite, boolean extendedMasterSecret,
                                                    String alpn, boolean encryptThenMac, boolean ticket,
                                                    HandshakeOutput out) {
        ClientHelloExtensions ext = ctx.ext();
        ServerHelloExtensions.Builder sx = ServerHelloExtensions.builder();
        if (ctx.signalsSecureRenegotiation()) {
            sx.renegotiationInfo(RenegotiationInfo.INITIAL); // RFC 5746 §3.6
        }
        if (extendedMasterSecret) {
            sx.extendedMasterSecret(true); // RFC 7627 §5.1
        }
        if (suite.keyExchange() == CipherSuite.KeyExchange.ECDHE && ext.ecPointFormats() != null) {
            // RFC 8422 §5.2: a server that selects an ECC suite and got ec_point_formats answers with its own.
            sx.ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY);
        }
        if (alpn != null) {
            sx.alpn(Alpn.of(alpn)); // RFC 7301 §3.1
        }
        if (encryptThenMac) {
            sx.encryptThenMac(true); // RFC 7366 §2: only with a CBC suite
        }
        if (ticket) {
            sx.sessionTicket(true); // RFC 5077 §3.2 / §3.1: a NewSessionTicket follows
        }
        RecordLimits.acknowledge(ext, ctx.config().recordSizeLimit(), sx, out);
        return sx;
    }
}
