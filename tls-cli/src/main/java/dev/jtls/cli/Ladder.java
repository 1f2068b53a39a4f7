package dev.jtls.cli;

import dev.jtls.connection.TlsTrace;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.ClientKeyExchange;
import dev.jtls.message.DecodeContext;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.HandshakeMessage;
import dev.jtls.message.HandshakeMessages;
import dev.jtls.message.KeyExchangeKind;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.record.Alert;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one connection's messages as a ladder, from the client's point of view: one line per
 * message with the time since the start, the direction and the fields worth seeing. Messages are
 * decoded again here for display only; the connection has already acted on them.
 */
final class Ladder implements TlsTrace {
    static final String TO_SERVER = "client --> server";
    static final String TO_CLIENT = "client <-- server";

    private final PrintStream out;
    private final long start = System.nanoTime();
    private DecodeContext context = DecodeContext.INITIAL;
    private Bytes offeredSessionId = Bytes.EMPTY;
    private boolean offeredTicket;
    private Bytes serverSessionId;

    Ladder(PrintStream out) {
        this.out = out;
    }

    /** The session id the server answered with (null before ServerHello). */
    Bytes serverSessionId() {
        return serverSessionId;
    }

    /** True if this client offered a non-empty session ticket. */
    boolean offeredTicket() {
        return offeredTicket;
    }

    /** True if the ClientHello carried a session id (a resumption offer by id, or the id that goes with a ticket). */
    boolean offeredSessionId() {
        return !offeredSessionId.isEmpty();
    }

    /** A line of the ladder that is not a protocol message (verification, data, summaries). */
    void note(String direction, String what, String details) {
        out.printf("%8.1f ms  %-17s  %-18s %s%n", (System.nanoTime() - start) / 1e6, direction, what, details);
    }

    /** A line with no direction. */
    void note(String what, String details) {
        note("", what, details);
    }

    @Override
    public void handshake(Direction direction, byte[] messageWithHeader) {
        String arrow = direction == Direction.SENT ? TO_SERVER : TO_CLIENT;
        HandshakeFrame frame = new HandshakeFrame(messageWithHeader);
        HandshakeMessage m;
        try {
            m = HandshakeMessages.decode(frame, context);
        } catch (TlsAlertException | IllegalArgumentException e) {
            note(arrow, "handshake type " + frame.type(), "(" + frame.bodyLength() + " bytes, not decoded: "
                    + e.getMessage() + ")");
            return;
        }
        note(arrow, simpleName(m), describe(m));
    }

    @Override
    public void changeCipherSpec(Direction direction) {
        note(direction == Direction.SENT ? TO_SERVER : TO_CLIENT, "ChangeCipherSpec",
                direction == Direction.SENT ? "(client's records are encrypted from here)"
                        : "(server's records are encrypted from here)");
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        note(direction == Direction.SENT ? TO_SERVER : TO_CLIENT, "Alert",
                alert.level().toString().toLowerCase(java.util.Locale.ROOT) + " " + alert.description().rfcName());
    }

    private static String simpleName(HandshakeMessage m) {
        if (m instanceof ClientKeyExchange) {
            return "ClientKeyExchange";
        }
        return m.getClass().getSimpleName();
    }

    private String describe(HandshakeMessage m) {
        if (m instanceof ClientHello) {
            return clientHello((ClientHello) m);
        }
        if (m instanceof ServerHello) {
            return serverHello((ServerHello) m);
        }
        if (m instanceof Certificate) {
            return certificate((Certificate) m);
        }
        if (m instanceof ServerKeyExchange) {
            ServerKeyExchange ske = (ServerKeyExchange) m;
            return "group " + ske.group() + ", signed with " + ske.signatureAlgorithm();
        }
        if (m instanceof CertificateRequest) {
            CertificateRequest cr = (CertificateRequest) m;
            return "the server asks for a client certificate (" + cr.signatureAlgorithms().size()
                    + " signature schemes, " + cr.certificateAuthorities().size() + " CA names)";
        }
        if (m instanceof dev.jtls.message.CertificateVerify) {
            return "signed with " + ((dev.jtls.message.CertificateVerify) m).algorithm();
        }
        if (m instanceof EcdhClientKeyExchange) {
            return "client's ECDHE public key (" + ((EcdhClientKeyExchange) m).publicKey().length() + " bytes)";
        }
        if (m instanceof ClientKeyExchange) {
            return "premaster secret encrypted to the server's RSA key";
        }
        if (m instanceof NewSessionTicket) {
            NewSessionTicket t = (NewSessionTicket) m;
            return "lifetime " + t.lifetimeHint() + " s, ticket of " + t.ticket().length() + " bytes";
        }
        if (m instanceof dev.jtls.message.Finished) {
            return "verify_data " + ((dev.jtls.message.Finished) m).verifyData().length() + " bytes (encrypted)";
        }
        if (m instanceof dev.jtls.message.ServerHelloDone) {
            return "(end of the server's flight)";
        }
        return "";
    }

    private String clientHello(ClientHello h) {
        ClientHelloExtensions x = h.extensionsOrEmpty();
        offeredSessionId = h.sessionId();
        offeredTicket = x.sessionTicket() != null && !x.sessionTicket().ticket().isEmpty();
        List<String> groups = new ArrayList<>();
        if (x.supportedGroups() != null) {
            for (NamedGroupId g : x.supportedGroups().groups()) {
                groups.add(g.toString());
            }
        }
        List<String> offers = new ArrayList<>();
        if (x.extendedMasterSecret()) {
            offers.add("EMS");
        }
        if (x.encryptThenMac()) {
            offers.add("ETM");
        }
        if (x.sessionTicket() != null) {
            offers.add(offeredTicket ? "ticket (" + x.sessionTicket().ticket().length() + " bytes)" : "ticket (empty: asks for one)");
        }
        return h.clientVersion() + ", " + h.cipherSuites().size() + " suites, groups " + String.join(" ", groups)
                + ", SNI " + (x.serverName() == null ? "-" : x.serverName().hostName())
                + ", ALPN " + (x.alpn() == null ? "-" : String.join(",", x.alpn().names()))
                + ", session id " + sessionId(h.sessionId())
                + ", offers " + (offers.isEmpty() ? "-" : String.join(" ", offers));
    }

    private String serverHello(ServerHello h) {
        ServerHelloExtensions x = h.extensionsOrEmpty();
        serverSessionId = h.sessionId();
        CipherSuite suite = CipherSuite.fromCode(h.cipherSuite().code());
        if (suite != null) {
            context = DecodeContext.negotiated(suite.keyExchange() == CipherSuite.KeyExchange.RSA
                    ? KeyExchangeKind.RSA : KeyExchangeKind.ECDHE);
        }
        Bytes alpn = x.selectedProtocol();
        return h.serverVersion() + ", " + h.cipherSuite() + ", session id " + sessionId(h.sessionId())
                + (!offeredSessionId.isEmpty() && offeredSessionId.equals(h.sessionId()) ? " (echoed: resuming)" : "")
                + ", EMS " + (x.extendedMasterSecret() ? "yes" : "no")
                + ", ALPN " + (alpn == null ? "-" : new String(alpn.toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                + (x.sessionTicket() ? ", will send a ticket" : "");
    }

    private String certificate(Certificate c) {
        List<String> subjects = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Bytes der : c.certificates()) {
                X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der.toByteArray()));
                subjects.add("'" + cert.getSubjectX500Principal().getName() + "'");
            }
        } catch (CertificateException e) {
            subjects.add("(unparsable certificate)");
        }
        return c.certificates().isEmpty() ? "no certificate"
                : "chain of " + c.certificates().size() + ": " + String.join(" <- ", subjects);
    }

    /** "empty", or the first 8 bytes in hex and the length. */
    static String sessionId(Bytes id) {
        if (id == null || id.isEmpty()) {
            return "(empty)";
        }
        String hex = id.toHex();
        return (hex.length() > 16 ? hex.substring(0, 16) + "..." : hex) + " (" + id.length() + " bytes)";
    }
}
