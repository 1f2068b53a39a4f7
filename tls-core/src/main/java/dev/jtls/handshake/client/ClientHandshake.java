package dev.jtls.handshake.client;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Alpn;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.EcPointFormats;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.MaxFragmentLength;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.RecordSizeLimit;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerNameList;
import dev.jtls.message.SessionTicket;
import dev.jtls.message.SignatureAlgorithms;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.message.StatusRequest;
import dev.jtls.message.SupportedGroups;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.Resumption;
import dev.jtls.session.Session;
import dev.jtls.record.TlsAlertException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client side of the TLS 1.2 handshake (RFC 5246 §7.3): {@link #start} sends the ClientHello
 * and returns the first state; each state then takes the server's messages and returns the next
 * (ExpectServerHello, ExpectCertificate, ExpectServerKeyExchange, ExpectCertificateRequestOrDone,
 * ExpectServerHelloDone, ExpectNewSessionTicket, ExpectChangeCipherSpec, ExpectFinished, Connected).
 */
public final class ClientHandshake {
    private ClientHandshake() {
    }

    /**
     * Sends the ClientHello and returns the state that waits for the ServerHello.
     *
     * @param serverName the host the application connects to: sent as SNI when it is a DNS name
     *                   (RFC 6066 §3: never an IP literal) and checked against the certificate;
     *                   null for neither
     */
    public static HandshakeState start(TlsConfig config, String serverName, HandshakeOutput out) {
        return start(config, serverName, 0, out);
    }

    /**
     * As {@link #start(TlsConfig, String, HandshakeOutput)}, for a known port (0: unknown). With a
     * host name, the config's client session cache is consulted (a session is offered by ticket or
     * by id if the config allows) and updated after the handshake.
     */
    public static HandshakeState start(TlsConfig config, String serverName, int port, HandshakeOutput out) {
        return start(config, serverName, port, sniName(serverName), out);
    }

    /**
     * As {@link #start(TlsConfig, String, int, HandshakeOutput)}, sending {@code sniHostName} as
     * server_name instead of a name derived from {@code serverName} (null: no server_name at all).
     */
    public static HandshakeState startWithSni(TlsConfig config, String serverName, int port, String sniHostName,
            HandshakeOutput out) {
        return start(config, serverName, port, sniName(sniHostName), out);
    }

    private static HandshakeState start(TlsConfig config, String serverName, int port, String sni, HandshakeOutput out) {
        ClientSessionCache.PeerKey peer = serverName == null || serverName.isEmpty() ? null
                : new ClientSessionCache.PeerKey(serverName, port, sni);
        ResumptionOffer offer = peer == null ? null : offer(config, peer, sni);
        if (offer == null && !config.newSessionsAllowed()) {
            // As SunJSSE: with session creation disabled and nothing to resume, no ClientHello is sent.
            throw new TlsAlertException(LocalProblem.NEW_SESSIONS_DISABLED, "No new session is allowed and no session "
                    + "for " + (peer == null ? "an unnamed peer" : serverName + ":" + port) + " can be resumed");
        }
        ClientHello hello = clientHello(config, sni, offer);
        Transcript transcript = new Transcript();
        byte[] encoded = hello.encodeWithHeader();
        transcript.add(encoded);
        out.sendHandshake(encoded);
        return new ExpectServerHello(new ClientContext(config, sni, serverName, peer, hello, offer), transcript);
    }

    /**
     * The cached session to offer, if any: RFC 7627 §5.3 and RFC 5246 §7.4.1.2 as
     * {@link Resumption#clientShouldOffer} checks them, RFC 7366 §3.1 as
     * {@link Resumption#clientShouldOfferEncryptThenMac} does. A ticket goes with a fresh 32-byte session
     * id (RFC 5077 §3.4), so that the server's echo of it says the ticket was accepted.
     */
    static ResumptionOffer offer(TlsConfig config, ClientSessionCache.PeerKey peer, String sni) {
        if (!config.sessionIdResumption() && !config.sessionTickets()) {
            return null;
        }
        ClientSessionCache.Entry entry = config.clientSessionCache().get(peer);
        if (entry == null) {
            return null;
        }
        Session session = entry.session();
        if (!Resumption.clientShouldOffer(session, new Resumption.ClientHelloFacts(config.cipherSuites(),
                ProtocolVersion.TLS1_2, sni, true))
                // The hello offers encrypt_then_mac when configured: the session's suite, offered, is then CBC.
                || !Resumption.clientShouldOfferEncryptThenMac(session, config.encryptThenMac())) {
            return null;
        }
        byte[] ticket = entry.ticket();
        if (ticket != null && config.sessionTickets()) {
            byte[] id = new byte[Session.MAX_ID_LENGTH];
            config.random().nextBytes(id);
            return new ResumptionOffer(session, Bytes.of(id), Bytes.of(ticket));
        }
        if (session.id().length > 0 && config.sessionIdResumption()) {
            return new ResumptionOffer(session, Bytes.of(session.id()), null);
        }
        return null;
    }

    /**
     * RFC 5246 §7.4.1.2, with the extensions in one fixed order (those configured of server_name,
     * supported_groups, ec_point_formats, signature_algorithms, status_request, ALPN,
     * max_fragment_length, record_size_limit, extended_master_secret, encrypt_then_mac, session_ticket,
     * renegotiation_info), so that the same config always sends the same hello.
     */
    static ClientHello clientHello(TlsConfig config, String sni, ResumptionOffer offer) {
        java.security.SecureRandom random = config.random();
        byte[] clientRandom = new byte[ClientHello.RANDOM_LENGTH];
        random.nextBytes(clientRandom);
        List<CipherSuiteId> suites = new ArrayList<>();
        boolean ecdhe = false;
        boolean cbc = false;
        for (CipherSuite s : config.cipherSuites()) {
            suites.add(CipherSuiteId.of(s.code()));
            ecdhe |= s.keyExchange() == CipherSuite.KeyExchange.ECDHE;
            cbc |= s.protection() instanceof CipherSuite.Cbc;
        }
        ClientHelloExtensions.Builder x = ClientHelloExtensions.builder();
        if (sni != null) {
            x.serverName(ServerNameList.ofHostName(sni));
        }
        if (ecdhe) {
            // RFC 8422 §5.1: a client offering ECC suites sends supported_groups and ec_point_formats.
            List<NamedGroupId> groups = new ArrayList<>();
            for (NamedGroup g : config.groups()) {
                groups.add(NamedGroupId.of(g));
            }
            x.supportedGroups(new SupportedGroups(groups));
            x.ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY);
        }
        List<SignatureSchemeId> schemes = new ArrayList<>();
        for (SignatureScheme s : config.signatureSchemes()) {
            schemes.add(SignatureSchemeId.of(s));
        }
        x.signatureAlgorithms(new SignatureAlgorithms(schemes));
        if (config.requestOcspStaple()) {
            // RFC 6066 §8: ocsp, no responder ids (the server's responders are implied), no extensions.
            x.statusRequest(StatusRequest.OCSP_DEFAULT);
        }
        if (!config.alpnProtocols().isEmpty()) {
            x.alpn(Alpn.of(config.alpnProtocols().toArray(new String[0])));
        }
        if (config.offerMaxFragmentLength() != 0) {
            // RFC 6066 §4: 2^(8 + code).
            x.maxFragmentLength(new MaxFragmentLength(Integer.numberOfTrailingZeros(config.offerMaxFragmentLength()) - 8));
        }
        if (config.offerRecordSizeLimit()) {
            // RFC 8449 §4: the largest plaintext we accept (2^14, TLS 1.2's maximum, unless configured lower).
            x.recordSizeLimit(new RecordSizeLimit(config.recordSizeLimit()));
        }
        // RFC 7627 §5.1: always offered; jtls never resumes a session without it.
        x.extendedMasterSecret(true);
        if (cbc && config.encryptThenMac()) {
            // RFC 7366 §2: only meaningful with a CBC suite; off by configuration, records are MAC-then-encrypt.
            x.encryptThenMac(true);
        }
        if (config.sessionTickets()) {
            // RFC 5077 §3.2: an empty ticket asks the server for one.
            x.sessionTicket(offer != null && offer.ticket() != null ? new SessionTicket(offer.ticket()) : SessionTicket.EMPTY);
        }
        // RFC 5746 §3.4: the initial handshake sends an empty renegotiation_info (instead of the SCSV).
        x.renegotiationInfo(RenegotiationInfo.INITIAL);
        return new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(clientRandom), offer == null ? Bytes.EMPTY : offer.sessionId(), suites,
                List.of(CompressionMethod.NULL), x.build());
    }

    /**
     * RFC 6066 §3: HostName is a DNS name without a trailing dot; "Literal IPv4 and IPv6 addresses
     * are not permitted". Null when there is no name to send.
     */
    public static String sniName(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return null;
        }
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        if (name.isEmpty() || name.indexOf(':') >= 0 || digitsAndDots(name)) {
            return null;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code name.matches("[0-9.]+")} without compiling a regular expression on every connection. */
    private static boolean digitsAndDots(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
