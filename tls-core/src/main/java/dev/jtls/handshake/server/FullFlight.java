package dev.jtls.handshake.server;

import dev.jtls.config.CertificateSelector;
import dev.jtls.config.ClientAuth;
import dev.jtls.config.SuitePreference;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.ServerChoice;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.CertificateStatus;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientCertificateType;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloDone;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.Session;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The server's first flight of a full handshake (RFC 5246 §7.3 fig. 1): the server's choice of
 * suite, key, group and scheme (RFC 5246 §7.4.1.3), then ServerHello, Certificate,
 * [CertificateStatus], [ServerKeyExchange], [CertificateRequest], ServerHelloDone.
 */
final class FullFlight {
    private FullFlight() {
    }

    /** Chooses, sends the flight and returns the state waiting for the client's answer. */
    static HandshakeState send(ServerContext ctx, Transcript transcript, HandshakeOutput out) {
        TlsConfig config = ctx.config();
        ClientHello hello = ctx.hello();
        ClientHelloExtensions ext = ctx.ext();
        String serverName = ctx.serverName();
        List<CertifiedKey> keys = config.certificateSelector().serverKeys(new CertificateSelector.ServerRequest(
                serverName, ext.signatureAlgorithms() == null ? null : knownSchemes(ext.signatureAlgorithms().schemes())));
        ServerChoice choice = ServerChoice.choose(suiteOrder(config, hello), config.groups(), config.signatureSchemes(),
                keys, new ServerChoice.Offer(codes(hello.cipherSuites(), CipherSuiteId::code),
                        ext.supportedGroups() == null ? null : codes(ext.supportedGroups().groups(), NamedGroupId::code),
                        ext.signatureAlgorithms() == null ? null : codes(ext.signatureAlgorithms().schemes(), SignatureSchemeId::code),
                        serverName));
        CipherSuite suite = choice.suite();
        boolean ems = ext.extendedMasterSecret();
        boolean etm = HelloAnswer.encryptThenMac(ctx, suite);
        String alpn = HelloAnswer.selectAlpn(ctx);
        byte[] serverRandom = ctx.random(32);
        byte[] sessionId = newSessionId(ctx, ems);
        boolean ticket = willIssueTicket(config, ext, ems);

        ServerHelloExtensions.Builder sx = HelloAnswer.extensions(ctx, suite, ems, alpn, etm, ticket, out);
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
            unknownServerName(config, serverName, out);
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

        KeyExchange kx;
        if (suite.keyExchange() == CipherSuite.KeyExchange.ECDHE) {
            KeyShare share = config.crypto().generateKeyShare(choice.group());
            ServerKeyExchange unsigned = new ServerKeyExchange(NamedGroupId.of(choice.group()),
                    Bytes.of(share.publicKey()), SignatureSchemeId.of(choice.scheme()), Bytes.EMPTY);
            byte[] signature = sign(config, choice, unsigned.signedData(hello.random(), Bytes.of(serverRandom)));
            Messages.send(new ServerKeyExchange(unsigned.group(), unsigned.publicKey(), unsigned.signatureAlgorithm(),
                    Bytes.of(signature)), transcript, out);
            kx = new KeyExchange.Ecdhe(choice.group(), choice.scheme(), share);
        } else {
            kx = new KeyExchange.Rsa(choice.key(), hello.clientVersion());
        }
        boolean askCertificate = config.clientAuth() != ClientAuth.NONE;
        if (askCertificate) {
            Messages.send(certificateRequest(config), transcript, out);
        }
        Messages.send(ServerHelloDone.INSTANCE, transcript, out);

        FullAgreement agreement = new FullAgreement(ctx, serverRandom, suite, choice.key(), kx, ems, etm, alpn,
                sessionId, ticket);
        if (!askCertificate) {
            // RFC 5246 §7.4.8: only a client CertificateVerify needs the raw messages.
            transcript.releaseRaw();
            return new ExpectClientKeyExchange(agreement, transcript, List.of());
        }
        return new ExpectClientCertificate(agreement, transcript);
    }

    /** The session id for a new session's ServerHello: empty when the session will not be cached. */
    private static byte[] newSessionId(ServerContext ctx, boolean extendedMasterSecret) {
        if (!ctx.config().sessionIdResumption() || !extendedMasterSecret) {
            return new byte[0];
        }
        return ctx.random(Session.MAX_ID_LENGTH);
    }

    /** RFC 5077 §3.2: a ticket only for a client that asked (the extension) and a session that can resume. */
    private static boolean willIssueTicket(TlsConfig config, ClientHelloExtensions ext, boolean extendedMasterSecret) {
        return config.sessionTickets() && ext.sessionTicket() != null && extendedMasterSecret;
    }

    /**
     * The enabled suites in the order the server tries them: its own, or with
     * {@link SuitePreference#CLIENT} those the client offered, in the client's order (RFC 5246
     * §7.4.1.2: "in the client's order of preference").
     */
    private static List<CipherSuite> suiteOrder(TlsConfig config, ClientHello hello) {
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
    private static void unknownServerName(TlsConfig config, String serverName, HandshakeOutput out) {
        switch (config.unknownServerName()) {
            case IGNORE:
                break;
            case WARN:
                out.sendWarning(AlertDescription.UNRECOGNIZED_NAME);
                break;
            case FATAL:
                throw new TlsAlertException(PeerIncompatible.UNRECOGNIZED_SERVER_NAME,
                        "no certificate names the requested server '" + serverName + "' (RFC 6066 §3)");
            default:
                throw new AssertionError(config.unknownServerName());
        }
    }

    /**
     * RFC 5246 §7.4.4: rsa_sign and ecdsa_sign (RFC 8422 §5.5; Ed25519 certificates go with
     * ecdsa_sign too, RFC 8422 §3), the configured schemes, and no CA list.
     */
    private static CertificateRequest certificateRequest(TlsConfig config) {
        List<SignatureSchemeId> schemes = new ArrayList<>();
        for (SignatureScheme s : config.signatureSchemes()) {
            schemes.add(SignatureSchemeId.of(s));
        }
        return new CertificateRequest(List.of(ClientCertificateType.RSA_SIGN, ClientCertificateType.ECDSA_SIGN),
                schemes, List.of());
    }

    private static byte[] sign(TlsConfig config, ServerChoice choice, byte[] data) {
        try {
            return config.crypto().sign(choice.scheme(), choice.key().privateKey(), data);
        } catch (InvalidKeyException e) {
            throw new TlsAlertException(LocalProblem.SIGNING_FAILED,
                    "cannot sign ServerKeyExchange with the " + choice.key().keyType() + " key", e);
        }
    }

    /** The code points of a list the client sent, unknown ones included (ServerChoice reads them all). */
    private static <T> List<Integer> codes(List<T> ids, ToIntFunction<T> code) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (T id : ids) {
            out.add(code.applyAsInt(id));
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
}
