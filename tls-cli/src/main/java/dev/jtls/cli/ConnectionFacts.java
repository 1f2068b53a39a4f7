package dev.jtls.cli;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsSocket;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.SignatureSchemeId;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSocket;

/**
 * What one server connection negotiated, for its log line and the {@code --www} page. A null field
 * is not known (a JSSE provider does not say which group or signature scheme it used) or absent.
 *
 * @param stack              null for jtls's own sockets, else "provider NAME"
 * @param recordConstruction "encrypt-then-MAC" or "MAC-then-encrypt" for a CBC suite, null for AEAD
 */
record ConnectionFacts(String stack, String protocol, String suite, String group, String scheme, Resumption resumed,
                       String sni, String alpn, Boolean extendedMasterSecret, String recordConstruction,
                       String clientCertificate) {

    /** Whether the session was new, and if not how the client asked for it (RFC 5246 §7.3, RFC 5077). */
    enum Resumption {
        FULL_HANDSHAKE("no (full handshake)"),
        BY_SESSION_ID("yes, by session id"),
        BY_TICKET("yes, by session ticket"),
        UNKNOWN("not known through this provider");

        final String text;

        Resumption(String text) {
            this.text = text;
        }
    }

    /** jtls's own socket: everything the handshake reported. */
    static ConnectionFacts of(TlsSocket tls, HandshakeWatch watch, TlsConfig config) {
        Negotiated n = DemoCommand.negotiated(tls.connection());
        String peer = null;
        for (HandshakeEvent e : tls.connection().events()) {
            if (e instanceof PeerCertificates && !((PeerCertificates) e).chain().isEmpty()) {
                peer = ((PeerCertificates) e).chain().get(0).getSubjectX500Principal().getName();
            }
        }
        Resumption resumed = Resumption.FULL_HANDSHAKE;
        if (n.resumed()) {
            // The server tries the ticket first (RFC 5077 §3.4); one that opens is what resumed.
            byte[] ticket = watch.offeredTicket();
            resumed = ticket != null && config.sessionTickets() && config.ticketSealer().open(ticket) != null
                    ? Resumption.BY_TICKET : Resumption.BY_SESSION_ID;
        }
        String construction = Settings.recordConstruction(n);
        return new ConnectionFacts(null, "TLSv1.2", n.suite().standardName(),
                n.group() != null ? NamedGroupId.of(n.group()).toString() : null,
                n.scheme() != null ? SignatureSchemeId.of(n.scheme()).toString() : null, resumed, n.serverName(),
                n.alpn(), n.extendedMasterSecret(), construction.isEmpty() ? null : construction.substring(2), peer);
    }

    /** A JSSE provider's socket: what SSLSession tells. */
    static ConnectionFacts of(SSLSocket s, JsseStack stack) {
        String sni = null;
        if (s.getSession() instanceof ExtendedSSLSession) {
            for (SNIServerName name : ((ExtendedSSLSession) s.getSession()).getRequestedServerNames()) {
                if (name instanceof SNIHostName) {
                    sni = ((SNIHostName) name).getAsciiName();
                }
            }
        }
        String alpn = s.getApplicationProtocol();
        return new ConnectionFacts("provider " + stack.name(), s.getSession().getProtocol(), s.getSession().getCipherSuite(),
                null, null, Resumption.UNKNOWN, sni, alpn == null || alpn.isEmpty() ? null : alpn, null, null,
                JsseStack.peerSubject(s.getSession()));
    }

    /** For the log: "TLS_..., x25519, full handshake, SNI localhost, ALPN h2, no client certificate". */
    String summary() {
        List<String> parts = new ArrayList<>();
        if (stack != null) {
            parts.add(stack);
            parts.add(protocol);
        }
        parts.add(suite);
        if (group != null) {
            parts.add(group);
        }
        if (recordConstruction != null) {
            parts.add(recordConstruction);
        }
        switch (resumed) {
            case FULL_HANDSHAKE:
                parts.add("full handshake");
                break;
            case BY_SESSION_ID:
                parts.add("resumed (session id)");
                break;
            case BY_TICKET:
                parts.add("resumed (session ticket)");
                break;
            default:
                break;
        }
        if (sni != null) {
            parts.add("SNI " + sni);
        }
        if (alpn != null) {
            parts.add("ALPN " + alpn);
        }
        parts.add(clientCertificate != null ? "client certificate '" + clientCertificate + "'" : "no client certificate");
        return String.join(", ", parts);
    }

    /** The {@code --www} page: one fact a line. */
    String page(String requestLine) {
        StringBuilder sb = new StringBuilder("jtls server: your TLS connection\n\n");
        line(sb, "protocol", protocol);
        line(sb, "cipher suite", suite);
        line(sb, "group", group != null ? group : absent());
        line(sb, "signature scheme", scheme != null ? scheme : absent());
        line(sb, "resumed", resumed.text);
        line(sb, "SNI", sni != null ? sni : "(none)");
        line(sb, "ALPN", alpn != null ? alpn : "(none)");
        line(sb, "extended master secret", extendedMasterSecret == null ? "(not known through this provider)"
                : extendedMasterSecret ? "yes (RFC 7627)" : "no");
        if (recordConstruction != null) {
            line(sb, "CBC records", recordConstruction);
        }
        line(sb, "client certificate", clientCertificate != null ? clientCertificate : "(none)");
        line(sb, "served by", stack != null ? "jtls server, " + stack : "jtls server, jtls's own sockets");
        line(sb, "your request", requestLine);
        return sb.toString();
    }

    /** Why a resumed or RSA-key-exchange connection has no group or signature scheme (RFC 5246 §7.3). */
    private String absent() {
        if (stack != null) {
            return "(not known through this provider)";
        }
        return resumed == Resumption.FULL_HANDSHAKE ? "(none: RSA key exchange)" : "(none: a resumed session)";
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-24s %s", name + ":", value)).append('\n');
    }
}
