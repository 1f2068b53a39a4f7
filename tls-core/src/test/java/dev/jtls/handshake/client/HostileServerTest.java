package dev.jtls.handshake.client;

import static dev.jtls.handshake.client.HostileServer.CERTIFICATE;
import static dev.jtls.handshake.client.HostileServer.HELLO_REQUEST;
import static dev.jtls.handshake.client.HostileServer.NEW_SESSION_TICKET;
import static dev.jtls.handshake.client.HostileServer.SERVER_HELLO;
import static dev.jtls.handshake.client.HostileServer.SERVER_HELLO_DONE;
import static dev.jtls.handshake.client.HostileServer.SERVER_KEY_EXCHANGE;
import static dev.jtls.handshake.client.HostileServer.decode;
import static dev.jtls.handshake.client.HostileServer.message;
import static dev.jtls.handshake.client.HostileServer.resized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.Limits;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsTrace;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.NewSessionTicket;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.AlertReceived;
import dev.jtls.record.ContentType;
import dev.jtls.record.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jtls client against a hostile server ({@link HostileServer}): every server message cut and
 * padded, messages out of order and repeated, ServerHello choices that were not offered, downgrade
 * sentinels, bad ECDHE points and signatures, a wrong Finished, resumption that was not asked for,
 * oversized certificates and records, renegotiation requests. Each asserts the alert the RFCs
 * name, that the server received it, and that the client cached no session.
 */
class HostileServerTest {
    private static final CipherSuite ECDSA_GCM = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite RSA_KX = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    private static final int CERTIFICATE_REQUEST = 13;

    private final HostileServer.Secrets secrets = new HostileServer.Secrets();
    private final TlsConfig serverConfig = JtlsToJtlsTest.server().keyLog(secrets).build();

    private static TlsConfig.Builder client(CipherSuite... suites) {
        return ClientJsseHandshakeTest.config().cipherSuites(List.of(suites));
    }

    private HostileServer hostile(TlsConfig clientConfig) {
        return new HostileServer(serverConfig, secrets, clientConfig);
    }

    /** A run whose server messages of {@code type} are replaced by what {@code f} makes of them. */
    private HostileServer onType(TlsConfig clientConfig, int type, UnaryOperator<byte[]> f) {
        HostileServer h = hostile(clientConfig);
        h.messages = m -> List.of(m[0] == type ? f.apply(m) : m);
        return h.run();
    }

    private static UnaryOperator<byte[]> serverHello(UnaryOperator<ServerHello> f) {
        return m -> f.apply(decode(m, ServerHello::decode)).encodeWithHeader();
    }

    private static ServerHello with(ServerHello h, ProtocolVersion v, Bytes random, Bytes id, int suite, int compression,
                                    ServerHelloExtensions x) {
        return new ServerHello(v, random, id, CipherSuiteId.of(suite), new CompressionMethod(compression), x);
    }

    // ---- a sound flight, cut into records in odd ways, still connects ----

    @Test
    void anUntamperedServerConnectsAndTheSessionIsCached() {
        TlsConfig config = client(ECDSA_GCM).build();
        HostileServer h = hostile(config).run();
        assertThat(h.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(config.clientSessionCache().size()).isEqualTo(1);
    }

    @Test
    void everyMessageCutIntoOneByteRecordsStillConnects() {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.records = ms -> {
            List<byte[]> out = new ArrayList<>();
            for (byte[] m : ms) {
                for (byte b : m) {
                    out.add(new byte[] {b});
                }
            }
            return out;
        };
        assertThat(h.run().client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    @Test
    void theWholeFlightInOneRecordStillConnects() {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.records = ms -> List.of(concat(ms));
        assertThat(h.run().client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    // ---- every server message truncated and padded ----

    @ParameterizedTest
    @ValueSource(ints = {SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE})
    void everyServerMessageCutByOneByteIsDecodeError(int type) {
        TlsConfig config = client(ECDSA_GCM).build();
        onType(config, type, m -> resized(m, m.length - 5)).assertClientAlert(AlertDescription.DECODE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE})
    void everyServerMessagePaddedByOneByteIsDecodeError(int type) {
        TlsConfig config = client(ECDSA_GCM).build();
        onType(config, type, m -> resized(m, m.length - 3)).assertClientAlert(AlertDescription.DECODE_ERROR);
    }

    @Test
    void aNewSessionTicketCutOrPaddedIsDecodeError() {
        for (int delta : new int[] {-1, 1}) {
            TlsConfig config = client(ECDSA_GCM).build();
            onType(config, NEW_SESSION_TICKET, m -> resized(m, m.length - 4 + delta))
                    .assertClientAlert(AlertDescription.DECODE_ERROR);
        }
    }

    @Test
    void aCertificateRequestCutOrPaddedIsDecodeError() {
        for (int delta : new int[] {-1, 1}) {
            TlsConfig config = client(ECDSA_GCM).build();
            TlsConfig asking = JtlsToJtlsTest.server().clientAuth(dev.jtls.config.ClientAuth.WANT).keyLog(secrets).build();
            HostileServer h = new HostileServer(asking, secrets, config);
            h.messages = m -> List.of(m[0] == CERTIFICATE_REQUEST ? resized(m, m.length - 4 + delta) : m);
            h.run().assertClientAlert(AlertDescription.DECODE_ERROR);
        }
    }

    /**
     * Cut at every length: a shorter message can still be well formed (a ServerHello without its
     * extensions), so the alert depends on the cut; whatever it is, it is an alert the client sends
     * (never internal_error, never another exception), and nothing is cached.
     */
    @ParameterizedTest
    @ValueSource(ints = {SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE})
    void everyServerMessageCutAtAnyLengthIsAnAlert(int type) {
        int full = bodyLength(type);
        int step = Math.max(1, full / 40);
        // Counted from the end: an ECDSA signature's length varies from run to run.
        for (int cut = 1; cut <= full; cut += step) {
            int removed = cut;
            TlsConfig config = client(ECDSA_GCM).build();
            HostileServer h = onType(config, type, m -> resized(m, Math.max(0, m.length - 4 - removed)));
            assertThat(h.client.failure()).as("cut by " + removed).isNotNull();
            if (h.client.failure().reason() instanceof AlertReceived) {
                // Well formed and accepted (a ServerHello without extensions: no extended master
                // secret), so the master secrets differ and the server cannot open the client's Finished.
                assertThat(h.client.failure().description()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
                assertThat(config.clientSessionCache().size()).isZero();
                continue;
            }
            assertThat(h.client.failure().description()).as(h.client.failure().getMessage())
                    .isIn(AlertDescription.DECODE_ERROR, AlertDescription.ILLEGAL_PARAMETER,
                            AlertDescription.BAD_CERTIFICATE, AlertDescription.DECRYPT_ERROR);
            h.assertClientAlert(h.client.failure().description());
        }
    }

    private int bodyLength(int type) {
        int[] length = new int[1];
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.messages = m -> {
            if (m[0] == type) {
                length[0] = m.length - 4;
            }
            return List.of(m);
        };
        h.run();
        assertThat(length[0]).isPositive();
        return length[0];
    }

    // ---- unexpected and repeated messages ----

    @ParameterizedTest
    @ValueSource(ints = {SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE})
    void aRepeatedServerMessageIsUnexpectedMessage(int type) {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.messages = m -> m[0] == type ? List.of(m, m) : List.of(m);
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {CERTIFICATE, SERVER_KEY_EXCHANGE})
    void aMissingServerMessageIsUnexpectedMessage(int type) {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.messages = m -> m[0] == type ? List.of() : List.of(m);
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** Messages only a client sends, a Finished in the clear, and an unassigned type, in the server's first flight. */
    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 20, 99})
    void aMessageNoServerSendsHereIsUnexpectedMessage(int type) {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.messages = m -> m[0] == CERTIFICATE ? List.of(message(type, new byte[0]), m) : List.of(m);
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void aServerHelloDoneThatNeverComesLeavesTheClientWaitingWithNothingCached() {
        TlsConfig config = client(ECDSA_GCM).build();
        HostileServer h = hostile(config);
        h.messages = m -> m[0] == SERVER_HELLO_DONE ? List.of() : List.of(m);
        h.run();
        // A stalled server: the sans-IO client waits; the caller's deadline ends it (see the socket tests).
        assertThat(h.client.status()).isEqualTo(TlsConnection.Status.HANDSHAKING);
        assertThat(h.client.hasOutgoing()).isFalse();
        assertThat(config.clientSessionCache().size()).isZero();
    }

    @Test
    void aHandshakeMessageSplitAroundAChangeCipherSpecIsUnexpectedMessage() {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.wire = w -> {
            // The ServerHello record's last byte goes after a ChangeCipherSpec record.
            int len = ((w[3] & 0xff) << 8) | (w[4] & 0xff);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HostileServer.writeRecord(out, 22, Arrays.copyOfRange(w, 5, 4 + len));
            HostileServer.writeRecord(out, 20, new byte[] {1});
            HostileServer.writeRecord(out, 22, Arrays.copyOfRange(w, 4 + len, 5 + len));
            out.write(w, 5 + len, w.length - 5 - len);
            return w[0] == 22 && w[5] == SERVER_HELLO ? out.toByteArray() : w;
        };
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    // ---- ServerHello choosing what was not offered ----

    @Test
    void aSuiteNotOfferedIsIllegalParameter() {
        onType(client(ECDSA_GCM).build(), SERVER_HELLO, serverHello(h -> with(h, h.serverVersion(), h.random(),
                h.sessionId(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.code(), 0, h.extensions())))
                .assertClientAlert(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void compressionIsIllegalParameter() {
        onType(client(ECDSA_GCM).build(), SERVER_HELLO, serverHello(h -> with(h, h.serverVersion(), h.random(),
                h.sessionId(), h.cipherSuite().code(), 1, h.extensions())))
                .assertClientAlert(AlertDescription.ILLEGAL_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302, 0x0304, 0x0400})
    void anyVersionButTls12IsProtocolVersion(int version) {
        onType(client(ECDSA_GCM).build(), SERVER_HELLO, serverHello(h -> with(h,
                new ProtocolVersion(version >> 8, version & 0xff), h.random(), h.sessionId(), h.cipherSuite().code(), 0,
                h.extensions()))).assertClientAlert(AlertDescription.PROTOCOL_VERSION);
    }

    /**
     * RFC 8446 §4.1.3: a TLS 1.3 server that negotiates TLS 1.1 or below puts "DOWNGRD\0" at the end
     * of its random, and "TLS 1.2 clients SHOULD also check that the last 8 bytes are not equal to
     * the second value if the ServerHello indicates TLS 1.1 or below". jtls refuses those versions
     * outright: protocol_version, sentinel or not.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x0301, 0x0302})
    void aDowngradeSentinelWithAnOldVersionIsProtocolVersion(int version) {
        byte[] sentinel = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00};
        onType(client(ECDSA_GCM).build(), SERVER_HELLO, serverHello(h -> {
            byte[] random = h.random().toByteArray();
            System.arraycopy(sentinel, 0, random, 24, 8);
            return with(h, new ProtocolVersion(3, version & 0xff), Bytes.of(random), h.sessionId(),
                    h.cipherSuite().code(), 0, h.extensions());
        })).assertClientAlert(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void anExtensionNotOfferedIsUnsupportedExtension() {
        // No ALPN offered; the server adds one anyway.
        onType(client(ECDSA_GCM).build(), SERVER_HELLO, serverHello(h -> with(h, h.serverVersion(), h.random(),
                h.sessionId(), h.cipherSuite().code(), 0, ClientNegativeJsseTest.rebuild(h.extensionsOrEmpty(),
                        b -> b.alpn(dev.jtls.message.Alpn.of("h2"))))))
                .assertClientAlert(AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void aSessionTicketExtensionNotOfferedIsUnsupportedExtension() {
        onType(client(ECDSA_GCM).sessionTickets(false).build(), SERVER_HELLO, serverHello(h -> with(h,
                h.serverVersion(), h.random(), h.sessionId(), h.cipherSuite().code(), 0,
                ClientNegativeJsseTest.rebuild(h.extensionsOrEmpty(), b -> b.sessionTicket(true)))))
                .assertClientAlert(AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void aGroupNotOfferedIsIllegalParameter() {
        // The server's ECDSA key is on P-256, so the client offers it too (RFC 8422 §5.1); the server signs a P-384 share.
        TlsConfig config = client(ECDSA_GCM).groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).build();
        HostileServer h = hostile(config);
        h.messages = m -> List.of(m[0] != SERVER_KEY_EXCHANGE ? m : h.resign(withPoint(decode(m, ServerKeyExchange::decode),
                dev.jtls.message.NamedGroupId.of(NamedGroup.SECP384R1), p256Generator()),
                SignatureScheme.ECDSA_SECP256R1_SHA256, JssePeer.EC_LEAF.privateKey()).encodeWithHeader());
        h.run().assertClientAlert(AlertDescription.ILLEGAL_PARAMETER);
    }

    // ---- ECDHE points ----

    /** RFC 7748 §6.1 / RFC 8422 §5.11: points whose shared secret is all zeros, or of the wrong length. */
    @ParameterizedTest
    @ValueSource(strings = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "000000000000000000000000000000000000000000000000000000000000",
            "00"})
    void anInvalidX25519PointWithAValidSignatureIsIllegalParameter(String hex) {
        // The server's ECDSA key is on P-256, so the client offers it too; the server prefers x25519.
        TlsConfig config = client(ECDSA_GCM).groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).build();
        invalidPoint(config, Bytes.fromHex(hex)).assertClientAlert(AlertDescription.ILLEGAL_PARAMETER);
    }

    /** RFC 8422 §5.11: off the curve, the point at infinity, compressed (not offered), wrong length. */
    @ParameterizedTest
    @ValueSource(strings = {"off-curve", "00", "compressed", "short"})
    void anInvalidP256PointWithAValidSignatureIsIllegalParameter(String kind) {
        byte[] g = p256Generator().toByteArray();
        byte[] point;
        switch (kind) {
            case "off-curve": point = g.clone(); point[64] ^= 1; break;
            case "00": point = new byte[] {0}; break;
            case "compressed": point = Arrays.copyOf(g, 33); point[0] = (byte) (2 + (g[64] & 1)); break;
            default: point = Arrays.copyOf(g, 64); break;
        }
        TlsConfig config = client(ECDSA_GCM).groups(List.of(NamedGroup.SECP256R1)).build();
        invalidPoint(config, Bytes.of(point)).assertClientAlert(AlertDescription.ILLEGAL_PARAMETER);
    }

    private HostileServer invalidPoint(TlsConfig config, Bytes point) {
        HostileServer h = hostile(config);
        h.messages = m -> List.of(m[0] != SERVER_KEY_EXCHANGE ? m : h.resign(withPoint(decode(m, ServerKeyExchange::decode),
                null, point), SignatureScheme.ECDSA_SECP256R1_SHA256, JssePeer.EC_LEAF.privateKey()).encodeWithHeader());
        return h.run();
    }

    private static ServerKeyExchange withPoint(ServerKeyExchange ske, dev.jtls.message.NamedGroupId group, Bytes point) {
        return new ServerKeyExchange(group != null ? group : ske.group(), point, ske.signatureAlgorithm(), ske.signature());
    }

    /** The P-256 base point, uncompressed (SEC 1 §2.3.3). */
    private static Bytes p256Generator() {
        return Bytes.fromHex("04"
                + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
                + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
    }

    // ---- ServerKeyExchange signatures ----

    @Test
    void aBadServerKeyExchangeSignatureIsDecryptError() {
        onType(client(ECDSA_GCM).build(), SERVER_KEY_EXCHANGE, m -> {
            byte[] c = m.clone();
            c[c.length - 3] ^= 1;
            return c;
        }).assertClientAlert(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void aSignatureWithASchemeNotOfferedIsIllegalParameter() {
        TlsConfig config = client(ECDSA_GCM).signatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).build();
        HostileServer h = hostile(config);
        h.messages = m -> {
            if (m[0] != SERVER_KEY_EXCHANGE) {
                return List.of(m);
            }
            ServerKeyExchange ske = decode(m, ServerKeyExchange::decode);
            ServerKeyExchange other = new ServerKeyExchange(ske.group(), ske.publicKey(),
                    SignatureSchemeId.of(SignatureScheme.ECDSA_SECP384R1_SHA384.code()), ske.signature());
            return List.of(h.resign(other, SignatureScheme.ECDSA_SECP384R1_SHA384, JssePeer.EC_LEAF.privateKey())
                    .encodeWithHeader());
        };
        h.run().assertClientAlert(AlertDescription.ILLEGAL_PARAMETER);
    }

    // ---- Finished and resumption nobody asked for ----

    private TlsConfig primed(TlsConfig config) {
        HostileServer first = hostile(config).run();
        assertThat(first.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(config.clientSessionCache().size()).isEqualTo(1);
        return config;
    }

    @Test
    void aWrongServerFinishedIsDecryptErrorAndTheSessionIsForgotten() {
        // Abbreviated: the server's Finished comes first. Moving the ServerHello's first extension
        // to the end changes only the client's transcript (RFC 5246 §7.4.9).
        TlsConfig config = primed(client(ECDSA_GCM).sessionTickets(false).build());
        onType(config, SERVER_HELLO, serverHello(h -> {
            ServerHelloExtensions x = h.extensionsOrEmpty();
            List<dev.jtls.message.ExtensionType> order = new ArrayList<>(x.order());
            order.add(order.remove(0));
            return with(h, h.serverVersion(), h.random(), h.sessionId(), h.cipherSuite().code(), 0,
                    new ServerHelloExtensions(x.serverName(), x.maxFragmentLength(), x.statusRequest(), x.ecPointFormats(),
                            x.alpn(), x.encryptThenMac(), x.extendedMasterSecret(), x.recordSizeLimit(), x.sessionTicket(),
                            x.renegotiationInfo(), x.unknown(), order));
        })).assertClientAlert(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void aChangeCipherSpecRightAfterAFreshServerHelloIsUnexpectedMessage() {
        // The client offered no session; the server acts as if it resumed one.
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.messages = m -> m[0] == SERVER_HELLO ? List.of(m) : List.of();
        h.wire = w -> w[0] == 22 && w[5] == SERVER_HELLO ? concat(List.of(w, new byte[] {20, 3, 3, 0, 1, 1})) : w;
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void aResumptionOfAnotherSessionIdThanOfferedIsUnexpectedMessage() {
        // The server resumes what was offered, but names another session: to the client that is a
        // new session, whose Certificate does not come.
        TlsConfig config = primed(client(ECDSA_GCM).sessionTickets(false).build());
        onType(config, SERVER_HELLO, serverHello(h -> {
            byte[] id = h.sessionId().toByteArray();
            id[0] ^= 1;
            return with(h, h.serverVersion(), h.random(), Bytes.of(id), h.cipherSuite().code(), 0, h.extensions());
        })).assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void aNewSessionTicketTheClientDidNotAskForIsUnexpectedMessage() {
        HostileServer h = hostile(client(ECDSA_GCM).sessionTickets(false).build());
        h.beforeCcs.add(new NewSessionTicket(3600, Bytes.of(new byte[32])).encodeWithHeader());
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    // ---- oversized certificates and chains ----

    @Test
    void aCertificateMessageOverTheLimitIsDecodeErrorBeforeItArrives() {
        HostileServer h = hostile(client(ECDSA_GCM).limits(new Limits(4096, 10, 32, 4)).build());
        // Only the header and the first record of a message that claims 5000 bytes.
        h.messages = m -> m[0] == CERTIFICATE ? List.of(Arrays.copyOf(message(CERTIFICATE, new byte[5000]), 1000)) : List.of(m);
        h.run().assertClientAlert(AlertDescription.DECODE_ERROR);
    }

    @Test
    void aChainLongerThanTheLimitIsBadCertificate() {
        onType(client(ECDSA_GCM).build(), CERTIFICATE, m -> {
            Certificate c = decode(m, Certificate::decode);
            List<Bytes> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                eleven.add(c.certificates().get(0));
            }
            return new Certificate(eleven).encodeWithHeader();
        }).assertClientAlert(AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void aHugeGarbageCertificateIsBadCertificate() {
        byte[] junk = new byte[100_000];
        Arrays.fill(junk, (byte) 0x30);
        onType(client(ECDSA_GCM).build(), CERTIFICATE, m -> new Certificate(List.of(Bytes.of(junk))).encodeWithHeader())
                .assertClientAlert(AlertDescription.BAD_CERTIFICATE);
    }

    // ---- records over the limits ----

    @Test
    void aPlaintextRecordOver16KiBIsRecordOverflow() {
        HostileServer h = hostile(client(ECDSA_GCM).build());
        h.records = ms -> List.of(Arrays.copyOf(concat(ms), (1 << 14) + 1));
        h.run().assertClientAlert(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void aProtectedRecordOverTheCiphertextLimitIsRecordOverflow() {
        // Without tickets the server's second flight starts with its ChangeCipherSpec.
        HostileServer h = hostile(client(ECDSA_GCM).sessionTickets(false).build());
        h.wire = w -> w[0] == 20 ? concat(List.of(w, header(23, (1 << 14) + 2049))) : w;
        h.run().assertClientAlert(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void anAuthenticRecordOverTheAdvertisedRecordSizeLimitIsRecordOverflow() {
        // RFC 8449 §4: "An endpoint that has no limit ... A TLS endpoint that receives a record
        // larger than its advertised limit MUST generate a fatal record_overflow alert".
        TlsConfig config = client(ECDSA_GCM).offerRecordSizeLimit(true).recordSizeLimit(1024).build();
        HostileServer h = hostile(config).protectedRecord(ContentType.APPLICATION_DATA, new byte[1025]);
        h.run().assertClientAlert(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void anAuthenticRecordAtTheAdvertisedRecordSizeLimitIsAccepted() {
        TlsConfig config = client(ECDSA_GCM).offerRecordSizeLimit(true).recordSizeLimit(1024).build();
        HostileServer h = hostile(config).protectedRecord(ContentType.APPLICATION_DATA, new byte[1024]);
        h.run();
        assertThat(h.client.failure()).isNull();
        assertThat(h.clientReceived).isEqualTo(1024);
        assertThat(h.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    // ---- renegotiation ----

    @Test
    void aHelloRequestAfterTheHandshakeGetsANoRenegotiationWarning() {
        TlsConfig config = client(ECDSA_GCM).build();
        HostileServer h = hostile(config).protectedRecord(ContentType.HANDSHAKE, message(HELLO_REQUEST, new byte[0]));
        List<Alert> sent = new ArrayList<>();
        h.client.trace(new TlsTrace() {
            @Override
            public void alert(Direction direction, Alert alert) {
                if (direction == Direction.SENT) {
                    sent.add(alert);
                }
            }
        });
        h.run();
        // RFC 5246 §7.4.1.1 / RFC 5746 §4.2: the client declines with a warning and goes on.
        assertThat(sent).containsExactly(Alert.warning(AlertDescription.NO_RENEGOTIATION));
        assertThat(h.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(config.clientSessionCache().size()).isEqualTo(1);
    }

    @Test
    void aServerHelloAfterTheHandshakeIsUnexpectedMessage() {
        TlsConfig config = client(ECDSA_GCM).build();
        HostileServer h = hostile(config);
        h.messages = m -> {
            if (m[0] == SERVER_HELLO) {
                h.protectedRecord(ContentType.HANDSHAKE, m);
            }
            return List.of(m);
        };
        h.run();
        assertThat(h.client.failure()).isNotNull();
        assertThat(h.client.failure().description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        // The session was complete before the server misbehaved; a fatal alert still ends it (RFC 5246 §7.2.2).
        assertThat(config.clientSessionCache().size()).isZero();
    }

    @Test
    void theRsaKeyExchangeFlightAlsoRefusesARepeatedCertificate() {
        HostileServer h = hostile(client(RSA_KX).build());
        h.messages = m -> m[0] == CERTIFICATE ? List.of(m, m) : List.of(m);
        h.run().assertClientAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    private static byte[] header(int type, int length) {
        return new byte[] {(byte) type, 3, 3, (byte) (length >>> 8), (byte) length};
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
