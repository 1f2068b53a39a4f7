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
import dev.jtls.message.Alpn;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.EcPointFormats;
import dev.jtls.message.Finished;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.Resumption;
import dev.jtls.session.Session;
import dev.jtls.session.TicketSealer;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Session resumption on the server: finding the session a ClientHello asks for (RFC 5077 ticket
 * first, then the session id, RFC 5246 §7.4.1.2), the abbreviated handshake's first flight (RFC 5246
 * §7.3 fig. 2), and making, caching and sealing the session of a full handshake.
 */
final class Resume {
    private Resume() {
    }

    /** A session the hello asks for, and whether it came from a ticket under a retired key. */
    private record Found(Session session, boolean renewTicket) {
    }

    /**
     * If the hello asks for a session this server has and {@link Resumption#server} allows it, sends
     * ServerHello, [NewSessionTicket], ChangeCipherSpec and Finished and returns the state waiting
     * for the client's ChangeCipherSpec; null for a full handshake.
     *
     * @throws TlsAlertException what {@link Resumption#server} says for a hello that breaks a MUST
     *                           (a session's suite not offered: illegal_parameter; EMS dropped:
     *                           handshake_failure)
     */
    static HandshakeState tryResume(TlsConfig config, ClientHello hello, ClientHelloExtensions ext, String serverName,
                                    Transcript transcript, HandshakeOutput out) {
        Found found = find(config, hello, ext);
        if (found == null) {
            return null;
        }
        Session session = found.session();
        List<CipherSuite> offered = new ArrayList<>();
        for (CipherSuiteId id : hello.cipherSuites()) {
            CipherSuite s = CipherSuite.fromCode(id.code());
            if (s != null) {
                offered.add(s);
            }
        }
        Resumption.Decision decision = Resumption.server(session, new Resumption.ClientHelloFacts(offered,
                ProtocolVersion.TLS1_2, serverName, ext.extendedMasterSecret()), config.cipherSuites());
        if (decision.alert() != null) {
            throw new TlsAlertException(decision.alert(), "the ClientHello asks to resume session "
                    + session + " but " + (decision == Resumption.Decision.ABORT_ILLEGAL_PARAMETER
                    ? "does not offer its cipher suite (RFC 5246 §7.4.1.2)"
                    : "does not carry extended_master_secret (RFC 7627 §5.3)"));
        }
        if (decision != Resumption.Decision.RESUME) {
            return null;
        }
        if (Resumption.serverEncryptThenMac(session, encryptThenMac(config, session.cipherSuite(), ext))
                != Resumption.Decision.RESUME) {
            return null;
        }
        return abbreviated(config, hello, ext, serverName, transcript, out, found);
    }

    private static Found find(TlsConfig config, ClientHello hello, ClientHelloExtensions ext) {
        if (config.sessionTickets() && ext.sessionTicket() != null && !ext.sessionTicket().ticket().isEmpty()) {
            TicketSealer.Opened opened = config.ticketSealer().open(ext.sessionTicket().ticket().toByteArray());
            if (opened != null) {
                return new Found(opened.session(), opened.renew());
            }
        }
        if (config.sessionIdResumption() && !hello.sessionId().isEmpty()) {
            Session s = config.serverSessionCache().get(hello.sessionId().toByteArray());
            if (s != null) {
                return new Found(s, false);
            }
        }
        return null;
    }

    /** RFC 5246 §7.3 fig. 2: ServerHello, [NewSessionTicket], ChangeCipherSpec, Finished. */
    private static HandshakeState abbreviated(TlsConfig config, ClientHello hello, ClientHelloExtensions ext,
                                              String serverName, Transcript transcript, HandshakeOutput out,
                                              Found found) {
        Session session = found.session();
        invalidateOnFailure(config, session, out);
        CipherSuite suite = session.cipherSuite();
        boolean etm = encryptThenMac(config, suite, ext);
        // RFC 7301 §3.1: ALPN belongs to the connection, not the session: it is chosen again.
        String alpn = ExpectClientHello.selectAlpn(config, ext, serverName);
        boolean ticket = found.renewTicket() && config.sessionTickets();
        byte[] serverRandom = new byte[32];
        config.random().nextBytes(serverRandom);

        ServerHelloExtensions.Builder sx = ServerHelloExtensions.builder();
        if (ext.renegotiationInfo() != null || hello.offers(CipherSuiteId.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
            sx.renegotiationInfo(RenegotiationInfo.INITIAL); // RFC 5746 §3.6
        }
        sx.extendedMasterSecret(true); // RFC 7627 §5.3: only EMS sessions are resumed
        if (suite.keyExchange() == CipherSuite.KeyExchange.ECDHE && ext.ecPointFormats() != null) {
            sx.ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY); // RFC 8422 §5.2
        }
        if (alpn != null) {
            sx.alpn(Alpn.of(alpn));
        }
        if (etm) {
            sx.encryptThenMac(true);
        }
        if (ticket) {
            sx.sessionTicket(true); // RFC 5077 §3.1: a fresh ticket follows
        }
        RecordLimits.acknowledge(ext, config.recordSizeLimit(), sx, out);
        // RFC 6066 §3: "When resuming a session, the server MUST NOT include a server_name extension".
        // RFC 5246 §7.4.1.3 / RFC 5077 §3.4: the session id is the client's, echoed.
        ServerHello serverHello = new ServerHello(ProtocolVersion.TLS1_2, Bytes.of(serverRandom), hello.sessionId(),
                CipherSuiteId.of(suite.code()), CompressionMethod.NULL, sx.build());
        transcript.selectHash(config.crypto(), suite.prfHash());
        transcript.releaseRaw();
        Messages.send(serverHello, transcript, out);
        if (ticket) {
            sendTicket(config, session, transcript, out);
        }
        byte[] clientRandom = hello.random().toByteArray();
        byte[] secret = session.masterSecret();
        MasterSecret master = MasterSecret.fromSession(config.crypto(), suite, true, secret);
        java.util.Arrays.fill(secret, (byte) 0);
        master.logTo(config.keyLog(), clientRandom);
        KeyBlock block = master.keyBlock(clientRandom, serverRandom);
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
        Negotiation n = new Negotiation(config, hello.clientVersion(), clientRandom, serverRandom, suite, null, null,
                null, true, etm, alpn, session.serverName(), hello.sessionId().toByteArray(), false, session);
        return new ExpectChangeCipherSpec(new Keyed(n, transcript, master, keys, peer));
    }

    /**
     * RFC 7366 §2: encrypt-then-MAC only with a CBC suite, only if the client asked and only if this
     * server accepts it ({@link TlsConfig#encryptThenMac()}).
     */
    static boolean encryptThenMac(TlsConfig config, CipherSuite suite, ClientHelloExtensions ext) {
        return suite.protection() instanceof CipherSuite.Cbc && ext.encryptThenMac() && config.encryptThenMac();
    }

    /** The session id for a new session's ServerHello: empty when the session will not be cached. */
    static byte[] newSessionId(TlsConfig config, boolean extendedMasterSecret) {
        if (!config.sessionIdResumption() || !extendedMasterSecret) {
            return new byte[0];
        }
        byte[] id = new byte[Session.MAX_ID_LENGTH];
        config.random().nextBytes(id);
        return id;
    }

    /** RFC 5077 §3.2: a ticket only for a client that asked (the extension) and a session that can resume. */
    static boolean willIssueTicket(TlsConfig config, ClientHelloExtensions ext, boolean extendedMasterSecret) {
        return config.sessionTickets() && ext.sessionTicket() != null && extendedMasterSecret;
    }

    /** The session a full handshake made. */
    static Session newSession(Negotiation n, MasterSecret master, List<X509Certificate> clientChain) {
        List<byte[]> peer;
        try {
            peer = dev.jtls.session.CertificateEncodings.of(clientChain);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR, "cannot re-encode a client certificate", e);
        }
        byte[] secret = master.copyForSession();
        try {
            return Session.builder()
                    .id(n.sessionId())
                    .cipherSuite(n.suite())
                    .protocolVersion(ProtocolVersion.TLS1_2)
                    .masterSecret(secret)
                    .extendedMasterSecret(n.extendedMasterSecret())
                    .encryptThenMac(n.encryptThenMac())
                    .sharedPeerCertificates(peer)
                    .localCertificates(n.key())
                    .serverName(n.serverName())
                    .applicationProtocol(n.alpn() == null ? null : latin1(n.alpn()))
                    .creationTime(n.config().clock().instant())
                    .lifetime(lifetime(n.config()))
                    .build();
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Session stores protocol names byte for byte as ISO-8859-1 chars; {@link Alpn#names()} decodes
     * them as UTF-8 (RFC 7301 §6's registry form). Back to the wire bytes, then one char per byte.
     */
    private static String latin1(String protocol) {
        return new String(protocol.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The cache's lifetime; its "no limit" (zero) becomes the default, so that tickets expire too. */
    private static java.time.Duration lifetime(TlsConfig config) {
        java.time.Duration d = config.serverSessionCache().lifetime();
        return d.isZero() ? dev.jtls.session.ServerSessionCache.DEFAULT_LIFETIME : d;
    }

    /**
     * RFC 5077 §3.3: NewSessionTicket right before ChangeCipherSpec; a session that cannot be sealed
     * gets an empty ticket ("the server ... include[s] a zero-length ticket").
     */
    static void sendTicket(TlsConfig config, Session session, Transcript transcript, HandshakeOutput out) {
        Optional<byte[]> sealed = config.ticketSealer().seal(session);
        if (sealed.isPresent()) {
            // RFC 5246 §7.2.2: a fatal alert after this ticket was sent invalidates its session.
            dev.jtls.session.TicketSealer sealer = config.ticketSealer();
            out.onFailure(() -> sealer.revoke(session));
        }
        long hint = Math.min(session.lifetime().getSeconds(), 0xffffffffL);
        Messages.send(new NewSessionTicket(sealed.isPresent() ? hint : 0,
                sealed.isPresent() ? Bytes.of(sealed.get()) : Bytes.EMPTY), transcript, out);
    }

    /** Puts a new session in the id cache if it has an id (the cache refuses sessions without EMS). */
    static void store(TlsConfig config, Session session, HandshakeOutput out) {
        if (config.sessionIdResumption() && session.id().length > 0) {
            config.serverSessionCache().put(session);
            invalidateOnFailure(config, session, out);
        }
    }

    /**
     * RFC 5246 §7.2.2 (ISSUE4 "Sessions": the server cache is "invalidated on fatal alerts"): a fatal
     * alert, sent or received, on a connection that made or resumes this session removes it by id
     * and revokes its tickets (the client may hold one, from this connection or an earlier one).
     */
    private static void invalidateOnFailure(TlsConfig config, Session session, HandshakeOutput out) {
        if (session.id().length > 0) {
            // The session, which the cache holds anyway, not a copy of its id: less per connection.
            dev.jtls.session.ServerSessionCache cache = config.serverSessionCache();
            out.onFailure(() -> cache.remove(session.id()));
        }
        if (config.sessionTickets()) {
            dev.jtls.session.TicketSealer sealer = config.ticketSealer();
            out.onFailure(() -> sealer.revoke(session));
        }
    }

    private static List<X509Certificate> parse(List<byte[]> ders) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR, "a cached client certificate cannot be parsed", e);
        }
        return out;
    }
}
