package dev.jtls.handshake.server;

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
import dev.jtls.handshake.ServerChoice;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Alpn;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CertificateStatus;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientCertificateType;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.EcPointFormats;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloDone;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting for the ClientHello (RFC 5246 §7.4.1.2). Checks the version and the renegotiation
 * indication, then either resumes a session (RFC 5246 §7.3 fig. 2) or makes the server's choice and
 * answers with the full first flight: ServerHello, Certificate, [ServerKeyExchange],
 * [CertificateRequest], ServerHelloDone.
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
        ClientHelloExtensions ext = hello.extensionsOrEmpty();
        SupportedVersions.check(ext);
        checkVersion(hello);
        checkRenegotiationInfo(hello, ext);
        Transcript transcript = new Transcript();
        transcript.add(frame);
        String serverName = ext.serverName() == null ? null : ext.serverName().hostName();
        HandshakeState resumed = Resume.tryResume(config, hello, ext, serverName, transcript, out);
        if (resumed != null) {
            return resumed;
        }
        if (!config.newSessionsAllowed()) {
            // SSLEngine.setEnableSessionCreation(false): only resumptions are served; no alert fits
            // better than the generic "could not negotiate acceptable security parameters" (RFC 5246 §7.2.2).
            throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE,
                    "the ClientHello resumes no session this server knows, and new session creation is disabled");
        }
        return fullHandshake(hello, ext, serverName, transcript, out);
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
            throw new TlsAlertException(AlertDescription.INAPPROPRIATE_FALLBACK, "ClientHello " + hello.clientVersion()
                    + " with TLS_FALLBACK_SCSV: this server supports TLS 1.2 (RFC 7507 §3)");
        }
        throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "ClientHello offers at most "
                + hello.clientVersion() + "; this server speaks only TLS 1.2");
    }

    /**
     * RFC 5746 §3.6: on an initial handshake the renegotiated_connection field must be empty,
     * "otherwise ... MUST abort the handshake" with handshake_failure (tlsfuzzer
     * test-legacy-renegotiation.py / test-renegotiation-disabled.py).
     */
    private static void checkRenegotiationInfo(ClientHello hello, ClientHelloExtensions ext) {
        if (ext.renegotiationInfo() != null && !ext.renegotiationInfo().renegotiatedConnection().isEmpty()) {
            throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE,
                    "initial ClientHello with a non-empty renegotiation_info (RFC 5746 §3.6)");
        }
    }

    private HandshakeState fullHandshake(ClientHello hello, ClientHelloExtensions ext, String serverName,
                                         Transcript transcript, HandshakeOutput out) {
        List<CertifiedKey> keys = config.certificateSelector().serverKeys(new CertificateSelector.ServerRequest(
                serverName, ext.signatureAlgorithms() == null ? null : knownSchemes(ext.signatureAlgorithms().schemes())));
        ServerChoice choice = ServerChoice.choose(suiteOrder(hello), config.groups(), config.signatureSchemes(),
                keys, new ServerChoice.Offer(codes(hello.cipherSuites()),
                        ext.supportedGroups() == null ? null : groupCodes(ext.supportedGroups().groups()),
                        ext.signatureAlgorithms() == null ? null : schemeCodes(ext.signatureAlgorithms().schemes()),
                        serverName));
        CipherSuite suite = choice.suite();
        boolean ecdhe = suite.keyExchange() == CipherSuite.KeyExchange.ECDHE;
        boolean ems = ext.extendedMasterSecret();
        boolean etm = Resume.encryptThenMac(config, suite, ext);
        String alpn = selectAlpn(config, ext, serverName);
        byte[] serverRandom = random(32);
        byte[] sessionId = Resume.newSessionId(config, ems);
        boolean ticket = Resume.willIssueTicket(config, ext, ems);

        ServerHelloExtensions.Builder sx = ServerHelloExtensions.builder();
        // RFC 5746 §3.6: the server includes an empty renegotiation_info if the client signalled
        // support (the extension or the SCSV).
        if (ext.renegotiationInfo() != null || hello.offers(CipherSuiteId.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
            sx.renegotiationInfo(RenegotiationInfo.INITIAL);
        }
        if (ems) {
            sx.extendedMasterSecret(true); // RFC 7627 §5.1
        }
        if (ecdhe && ext.ecPointFormats() != null) {
            // RFC 8422 §5.2: a server that selects an ECC suite and got ec_point_formats answers with its own.
            sx.ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY);
        }
        if (alpn != null) {
            sx.alpn(Alpn.of(alpn)); // RFC 7301 §3.1
        }
        if (etm) {
            sx.encryptThenMac(true); // RFC 7366 §2: only with a CBC suite
        }
        if (ticket) {
            sx.sessionTicket(true); // RFC 5077 §3.2: we will send NewSessionTicket
        }
        RecordLimits.acknowledge(ext, config.recordSizeLimit(), sx, out);
        // RFC 6066 §8: with a staple for the chosen key and an ocsp request, the server answers with
        // an empty status_request and sends CertificateStatus right after Certificate. The client's
        // responder_id_list is not consulted (as OpenSSL): the staple is whatever the CA's responder said.
        byte[] staple = choice.key().ocspResponse();
        boolean stapling = staple != null && ext.statusRequest() != null && ext.statusRequest().isOcsp();
        if (stapling) {
            sx.statusRequest(true);
        }
        if (serverName != null && ServerNames.names(choice.key(), serverName)) {
            sx.serverName(true); // RFC 6066 §3: the server used the name: it picked the certificate
        }
        ServerHello serverHello = new ServerHello(ProtocolVersion.TLS1_2, Bytes.of(serverRandom),
                Bytes.of(sessionId), CipherSuiteId.of(suite.code()), CompressionMethod.NULL,
                sx.build().order().isEmpty() ? null : sx.build());
        if (serverName != null && !ServerNames.anyNames(keys, serverName)) {
            unknownServerName(serverName, out);
        }
        transcript.selectHash(config.crypto(), suite.prfHash());
        Messages.send(serverHello, transcript, out);

        List<Bytes> chain = new ArrayList<>();
        for (byte[] der : choice.key().encodedChain()) {
            chain.add(Bytes.of(der));
        }
        Messages.send(new Certificate(chain), transcript, out);
        if (stapling) {
            Messages.send(new CertificateStatus(Bytes.of(staple)), transcript, out);
        }

        byte[] clientRandom = hello.random().toByteArray();
        KeyShare share = null;
        if (ecdhe) {
            share = config.crypto().generateKeyShare(choice.group());
            ServerKeyExchange unsigned = new ServerKeyExchange(NamedGroupId.of(choice.group()),
                    Bytes.of(share.publicKey()), SignatureSchemeId.of(choice.scheme()), Bytes.EMPTY);
            byte[] signature = sign(choice.scheme(), choice,
                    unsigned.signedData(hello.random(), Bytes.of(serverRandom)));
            Messages.send(new ServerKeyExchange(unsigned.group(), unsigned.publicKey(), unsigned.signatureAlgorithm(),
                    Bytes.of(signature)), transcript, out);
        }
        boolean askCertificate = config.clientAuth() != ClientAuth.NONE;
        if (askCertificate) {
            Messages.send(certificateRequest(), transcript, out);
        }
        Messages.send(ServerHelloDone.INSTANCE, transcript, out);

        Negotiation n = new Negotiation(config, hello.clientVersion(), clientRandom, serverRandom, suite, choice.key(),
                choice.group(), choice.scheme(), ems, etm, alpn, serverName, sessionId, ticket, null);
        if (!askCertificate) {
            // RFC 5246 §7.4.8: only a client CertificateVerify needs the raw messages.
            transcript.releaseRaw();
            return new ExpectClientKeyExchange(n, transcript, share, List.of());
        }
        return new ExpectClientCertificate(n, transcript, share);
    }

    /**
     * The enabled suites in the order the server tries them: its own, or with
     * {@link SuitePreference#CLIENT} those the client offered, in the client's order (RFC 5246
     * §7.4.1.2: "in the client's order of preference").
     */
    private List<CipherSuite> suiteOrder(ClientHello hello) {
        if (config.suitePreference() == SuitePreference.SERVER) {
            return config.cipherSuites();
        }
        List<CipherSuite> order = new ArrayList<>();
        for (CipherSuiteId id : hello.cipherSuites()) {
            CipherSuite s = CipherSuite.fromCode(id.code());
            if (s != null && config.cipherSuites().contains(s) && !order.contains(s)) {
                order.add(s);
            }
        }
        return order;
    }

    /**
     * RFC 6066 §3 lets the server go on with a name it does not know, and calls the warning "NOT
     * RECOMMENDED" (SunJSSE clients treat it as fatal); tlsfuzzer test-invalid-server-name-extension.py
     * ("incorrect SNI", its default) expects the warning before the ServerHello: {@link UnknownServerName}.
     */
    private void unknownServerName(String serverName, HandshakeOutput out) {
        switch (config.unknownServerName()) {
            case IGNORE:
                break;
            case WARN:
                out.sendWarning(AlertDescription.UNRECOGNIZED_NAME);
                break;
            case FATAL:
                throw new TlsAlertException(AlertDescription.UNRECOGNIZED_NAME,
                        "no certificate names the requested server '" + serverName + "' (RFC 6066 §3)");
            default:
                throw new AssertionError(config.unknownServerName());
        }
    }

    /**
     * RFC 5246 §7.4.4: rsa_sign and ecdsa_sign (RFC 8422 §5.5; Ed25519 certificates go with
     * ecdsa_sign too, RFC 8422 §3), the configured schemes, and no CA list.
     */
    private CertificateRequest certificateRequest() {
        List<SignatureSchemeId> schemes = new ArrayList<>();
        for (SignatureScheme s : config.signatureSchemes()) {
            schemes.add(SignatureSchemeId.of(s));
        }
        return new CertificateRequest(List.of(ClientCertificateType.RSA_SIGN, ClientCertificateType.ECDSA_SIGN),
                schemes, List.of());
    }

    /**
     * RFC 7301 §3.2: the selector picks, or declines (null), or refuses (no_application_protocol);
     * in strict mode a decline, or no selector at all, refuses too.
     */
    static String selectAlpn(TlsConfig config, ClientHelloExtensions ext, String serverName) {
        if (ext.alpn() == null) {
            return null;
        }
        List<String> offered = ext.alpn().names();
        String chosen = config.alpnSelector() == null ? null : config.alpnSelector().select(serverName, offered);
        if (chosen == null && config.strictAlpn()) {
            // RFC 7301 §3.2: "In the event that the server supports no protocols that the client
            // advertises, then the server SHALL respond with a fatal "no_application_protocol" alert."
            throw new TlsAlertException(AlertDescription.NO_APPLICATION_PROTOCOL, "this server speaks none of the"
                    + " client's application protocols " + offered + " (strict ALPN, RFC 7301 §3.2)");
        }
        if (chosen != null && !offered.contains(chosen)) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR,
                    "the ALPN selector chose '" + chosen + "', which the client did not offer");
        }
        return chosen;
    }

    private byte[] sign(SignatureScheme scheme, ServerChoice choice, byte[] data) {
        try {
            return config.crypto().sign(scheme, choice.key().privateKey(), data);
        } catch (InvalidKeyException e) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR,
                    "cannot sign ServerKeyExchange with the " + choice.key().keyType() + " key", e);
        }
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        config.random().nextBytes(b);
        return b;
    }

    private static List<Integer> codes(List<CipherSuiteId> ids) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (CipherSuiteId id : ids) {
            out.add(id.code());
        }
        return out;
    }

    private static List<Integer> groupCodes(List<NamedGroupId> ids) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (NamedGroupId id : ids) {
            out.add(id.code());
        }
        return out;
    }

    private static List<SignatureScheme> knownSchemes(List<SignatureSchemeId> ids) {
        List<SignatureScheme> out = new ArrayList<>(ids.size());
        for (SignatureSchemeId id : ids) {
            SignatureScheme s = SignatureScheme.fromCode(id.code());
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Integer> schemeCodes(List<SignatureSchemeId> ids) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (SignatureSchemeId id : ids) {
            out.add(id.code());
        }
        return out;
    }

    @Override
    public String describe() {
        return "waiting for ClientHello";
    }
}
