package dev.jtls.handshake.client;

import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.ExtensionType;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import java.nio.charset.StandardCharsets;

/** Waits for the ServerHello (RFC 5246 §7.4.1.3) and checks it against what we offered. */
final class ExpectServerHello implements HandshakeState {
    private final ClientContext ctx;
    private final Transcript transcript;

    ExpectServerHello(ClientContext ctx, Transcript transcript) {
        this.ctx = ctx;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() != HandshakeType.SERVER_HELLO.code()) {
            throw unexpected(frame);
        }
        ServerHello hello = frame.body().readAll("ServerHello", ServerHello::decode);
        Agreed agreed = check(hello);
        limitRecords(hello.extensionsOrEmpty(), ctx.config().recordSizeLimit(), out);
        transcript.add(frame);
        transcript.selectHash(ctx.config().crypto(), agreed.suite().prfHash());
        ResumptionOffer offer = ctx.offer();
        // RFC 5246 §7.4.1.3: the server resumes by echoing the session id we offered; RFC 5077
        // §3.4: for a ticket, the fresh id we sent with it.
        if (offer != null && agreed.sessionId().equals(offer.sessionId())) {
            return Abbreviated.start(ctx, agreed, transcript, offer.session(), out);
        }
        if (offer != null) {
            // The server did not resume what we offered: if this connection now fails, that session
            // goes too (RFC 5246 §7.2.2), as it would had the server resumed it; a hostile server
            // that names another session must not leave the offered one cached.
            Abbreviated.invalidateOnFailure(ctx, offer.session(), out);
        }
        if (!ctx.config().newSessionsAllowed()) {
            // The server did not resume the session offered, and this client may not make a new one.
            throw new TlsAlertException(LocalProblem.NEW_SESSIONS_DISABLED,
                    "the server did not resume the session offered, and new session creation is disabled");
        }
        return new ExpectCertificate(ctx, agreed, transcript);
    }

    /** Every check of RFC 5246 §7.4.1.3/§7.4.1.4 and the extension RFCs, in one place. */
    private Agreed check(ServerHello hello) {
        // RFC 5246 §7.4.1.3 / Appendix E.1: we offered only TLS 1.2; anything else is refused.
        if (!hello.serverVersion().equals(ProtocolVersion.TLS1_2)) {
            throw new TlsAlertException(PeerIncompatible.NO_COMMON_VERSION,
                    "the server chose version " + hello.serverVersion() + "; jtls speaks only TLS 1.2");
        }
        // RFC 5246 §7.4.1.3: cipher_suite is "selected by the server from the list in
        // ClientHello.cipher_suites"; RFC 5246 §7.2.2 illegal_parameter: a field out of range.
        CipherSuite suite = CipherSuite.fromCode(hello.cipherSuite().code());
        if (suite == null || !ctx.hello().offers(hello.cipherSuite())) {
            throw new TlsAlertException(PeerMisbehaved.SUITE_NOT_OFFERED,
                    "the server chose " + hello.cipherSuite() + ", which was not offered");
        }
        if (!hello.compressionMethod().equals(CompressionMethod.NULL)) {
            throw new TlsAlertException(PeerMisbehaved.COMPRESSION_NOT_OFFERED,
                    "the server chose compression " + hello.compressionMethod() + "; only null was offered");
        }
        ServerHelloExtensions x = hello.extensionsOrEmpty();
        ClientHelloExtensions offered = ctx.hello().extensionsOrEmpty();
        // RFC 5246 §7.4.1.4: "If a client receives an extension type in ServerHello that it did
        // not request in the associated ClientHello, it MUST abort the handshake with an
        // unsupported_extension fatal alert."
        for (ExtensionType t : x.order()) {
            if (!offered.has(t)) {
                throw new TlsAlertException(PeerMisbehaved.UNSOLICITED_EXTENSION,
                        "the server sent the " + t + " extension, which was not offered");
            }
        }
        // RFC 5746 §3.4: an absent extension only means the server cannot renegotiate securely;
        // jtls never renegotiates, so it goes on. Present, renegotiated_connection must be empty: "If it is
        // not, the client MUST abort the handshake by sending a fatal handshake_failure alert."
        if (x.renegotiationInfo() != null && !x.renegotiationInfo().renegotiatedConnection().isEmpty()) {
            throw new TlsAlertException(PeerMisbehaved.RENEGOTIATION_INFO_NOT_EMPTY,
                    "renegotiation_info on an initial handshake is not empty (RFC 5746 §3.4)");
        }
        // RFC 6066 §4: "if a client receives a maximum fragment length negotiation response that
        // differs from the length it requested, it MUST also abort the handshake with an
        // illegal_parameter alert". RFC 8449 §5: a client "MUST treat receipt of both
        // max_fragment_length and record_size_limit as a fatal error, and it SHOULD generate an
        // illegal_parameter alert".
        if (x.maxFragmentLength() != null && !x.maxFragmentLength().equals(offered.maxFragmentLength())) {
            throw new TlsAlertException(PeerMisbehaved.MAX_FRAGMENT_LENGTH_MISMATCH, "the server answered max_fragment_length "
                    + x.maxFragmentLength().length() + " to " + offered.maxFragmentLength().length() + " (RFC 6066 §4)");
        }
        if (x.maxFragmentLength() != null && x.recordSizeLimit() != null) {
            throw new TlsAlertException(PeerMisbehaved.MAX_FRAGMENT_LENGTH_WITH_RECORD_SIZE_LIMIT,
                    "the server sent both max_fragment_length and record_size_limit (RFC 8449 §5)");
        }
        // RFC 7366 §3: a server that selects an AEAD suite "MUST NOT send an encrypt-then-MAC
        // response extension".
        boolean cbc = suite.protection() instanceof CipherSuite.Cbc;
        if (x.encryptThenMac() && !cbc) {
            throw new TlsAlertException(PeerMisbehaved.ENCRYPT_THEN_MAC_NOT_CBC,
                    "encrypt_then_mac acknowledged for the non-CBC suite " + suite + " (RFC 7366 §3)");
        }
        String alpn = null;
        if (x.alpn() != null) {
            // RFC 7301 §3.1/§3.2: the server selects one of the client's protocols; the client
            // must check that (no alert is named; a value the client did not allow is
            // illegal_parameter, RFC 5246 §7.2.2).
            Bytes selected = x.selectedProtocol();
            if (!offered.alpn().protocols().contains(selected)) {
                throw new TlsAlertException(PeerMisbehaved.APPLICATION_PROTOCOL_NOT_OFFERED,
                        "the server selected an application protocol that was not offered");
            }
            alpn = new String(selected.toByteArray(), StandardCharsets.UTF_8);
        }
        return new Agreed(suite, hello.random(), hello.sessionId(), x.extendedMasterSecret(),
                x.encryptThenMac(), alpn, x.sessionTicket(), x.statusRequest());
    }

    /**
     * The server's max_fragment_length (RFC 6066 §4) or record_size_limit (RFC 8449 §4), each only
     * if we offered it (checked with the other extensions), caps the records we send from now on.
     */
    private static void limitRecords(ServerHelloExtensions x, int ownLimit, HandshakeOutput out) {
        if (x.recordSizeLimit() != null) {
            // RFC 8449 §4: in TLS 1.2 the limit is the plaintext size of the records the server
            // accepts; and the server, having answered, is bound by ours.
            out.maxSendFragment(Math.min(x.recordSizeLimit().limit(), dev.jtls.record.RecordProtection.MAX_PLAINTEXT));
            out.maxReceiveFragment(ownLimit);
        } else if (x.maxFragmentLength() != null) {
            out.maxSendFragment(x.maxFragmentLength().length());
        }
    }

    @Override
    public String describe() {
        return "waiting for ServerHello";
    }
}
