package dev.jtls.handshake.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.EcPointFormats;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.Finished;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.message.SignatureAlgorithms;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.message.SupportedGroups;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.AlertLevel;
import dev.jtls.record.ContentType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server conformance points of ISSUE4.md ("where today's Java stacks fail"): hand-built bytes to
 * a jtls server, asserting the alert that reaches the wire. Expected alerts follow the RFCs and, where
 * they are loose, tlsfuzzer's scripts (named at each test).
 */
class ServerConformanceTest {
    static final CryptoProvider CRYPTO = CryptoProviders.defaults();
    static final CipherSuite RSA_CBC = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
    static final CipherSuite RSA_GCM = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    static final CipherSuite ECDHE_RSA = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;

    static TlsConnection server() {
        return TlsConnection.server(SunJsseClientTest.serverConfig().build());
    }

    static TlsConnection server(TlsConfig config) {
        return TlsConnection.server(config);
    }

    // ---- building ClientHellos

    static ClientHelloExtensions.Builder ecdheExtensions() {
        return ClientHelloExtensions.builder()
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.X25519, NamedGroupId.SECP256R1)))
                .ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY)
                .signatureAlgorithms(new SignatureAlgorithms(List.of(SignatureSchemeId.RSA_PSS_RSAE_SHA256,
                        SignatureSchemeId.RSA_PKCS1_SHA256, SignatureSchemeId.ECDSA_SECP256R1_SHA256)))
                .renegotiationInfo(RenegotiationInfo.INITIAL);
    }

    static ClientHello hello(ProtocolVersion version, List<CipherSuite> suites, ClientHelloExtensions ext) {
        byte[] random = new byte[32];
        CRYPTO.random().nextBytes(random);
        List<CipherSuiteId> ids = suites.stream().map(s -> CipherSuiteId.of(s.code())).toList();
        return new ClientHello(version, Bytes.of(random), Bytes.EMPTY, ids, List.of(CompressionMethod.NULL), ext);
    }

    static ClientHello hello(CipherSuite suite, ClientHelloExtensions ext) {
        return hello(ProtocolVersion.TLS1_2, List.of(suite), ext);
    }

    /** A plaintext record; the first ClientHello may carry any {3,x} record version. */
    static byte[] record(int type, int version, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (body.length >>> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    static void setLength24(byte[] message) {
        int len = message.length - 4;
        message[1] = (byte) (len >>> 16);
        message[2] = (byte) (len >>> 8);
        message[3] = (byte) len;
    }

    static ScriptedClient sendHello(TlsConnection server, byte[] helloWithHeader) {
        ScriptedClient c = new ScriptedClient(server);
        c.sendHandshake(helloWithHeader);
        return c;
    }

    static void assertFatal(ScriptedClient c, AlertDescription expected) {
        assertThat(c.serverFailure).as("the server failed").isNotNull();
        assertThat(c.serverFailure.description()).as(c.serverFailure.getMessage()).isEqualTo(expected);
        assertThat(c.lastAlert()).as("the alert on the wire").isEqualTo(Alert.fatal(expected));
        assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CLOSED);
    }

    static ServerHello serverHello(ScriptedClient c) {
        return c.frame(2).body().readAll("ServerHello", ServerHello::decode);
    }

    // ---- ServerHello contents

    @Test
    void ecdheServerHelloCarriesEcPointFormats() {
        ScriptedClient c = sendHello(server(), hello(ECDHE_RSA, ecdheExtensions().build()).encodeWithHeader());
        ServerHello sh = serverHello(c);
        assertThat(sh.cipherSuite().code()).isEqualTo(ECDHE_RSA.code());
        // RFC 8422 §5.2 (SunJSSE omits it; tlsfuzzer test-point-extension.py checks it).
        assertThat(sh.extensionsOrEmpty().ecPointFormats()).isEqualTo(EcPointFormats.UNCOMPRESSED_ONLY);
        assertThat(sh.extensionsOrEmpty().renegotiationInfo()).isEqualTo(RenegotiationInfo.INITIAL);
        assertThat(c.serverFailure).isNull();
    }

    @Test
    void rsaServerHelloHasNoEcPointFormatsAndNoUnofferedExtensions() {
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        ServerHello sh = serverHello(c);
        assertThat(sh.cipherSuite().code()).isEqualTo(RSA_CBC.code());
        // RFC 5246 §7.4.1.4: nothing the client did not offer.
        assertThat(sh.extensions()).isNull();
        assertThat(c.serverFailure).isNull();
    }

    @Test
    void unsupportedGroupsOnlyNeverGetAnEcdheSuite() {
        ClientHelloExtensions ext = ecdheExtensions()
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.FFDHE2048, NamedGroupId.of(0x001a))))
                .build();
        // With an RSA suite in the offer, that is what the client gets.
        ScriptedClient c = sendHello(server(),
                hello(ProtocolVersion.TLS1_2, List.of(ECDHE_RSA, RSA_GCM), ext).encodeWithHeader());
        assertThat(serverHello(c).cipherSuite().code()).isEqualTo(RSA_GCM.code());
        assertThat(c.received.stream().map(HandshakeFrame::type)).doesNotContain(12);
        // With only ECDHE suites: nothing in common, handshake_failure (RFC 8422 §5.1).
        ScriptedClient d = sendHello(server(), hello(ECDHE_RSA, ext).encodeWithHeader());
        assertFatal(d, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void withoutSupportedGroupsEcdheGoesOnSecp256r1() {
        // RFC 8422 §4: no extension, "the server is free to choose any one of the elliptic curves";
        // tlsfuzzer test-ecdhe-rsa-key-exchange.py "ECDHE w/o extension" expects the handshake to work.
        ClientHelloExtensions ext = ClientHelloExtensions.builder()
                .signatureAlgorithms(new SignatureAlgorithms(List.of(SignatureSchemeId.RSA_PSS_RSAE_SHA256,
                        SignatureSchemeId.RSA_PKCS1_SHA256)))
                .renegotiationInfo(RenegotiationInfo.INITIAL).build();
        ScriptedClient c = sendHello(server(), hello(ECDHE_RSA, ext).encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        assertThat(serverHello(c).cipherSuite().code()).isEqualTo(ECDHE_RSA.code());
        ServerKeyExchange ske = c.frame(12).body().readAll("ServerKeyExchange", ServerKeyExchange::decode);
        assertThat(ske.group()).isEqualTo(NamedGroupId.SECP256R1);
    }

    @Test
    void withoutSignatureAlgorithmsOnlyEcdheIsHandshakeFailure() {
        // RFC 9155 §3: no signature_algorithms where a signature is needed → handshake_failure.
        ClientHelloExtensions ext = ClientHelloExtensions.builder()
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.SECP256R1)))
                .renegotiationInfo(RenegotiationInfo.INITIAL).build();
        assertFatal(sendHello(server(), hello(ECDHE_RSA, ext).encodeWithHeader()), AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void serverKeyExchangeUsesAnOfferedGroup() {
        ClientHelloExtensions ext = ecdheExtensions()
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.of(0x001a), NamedGroupId.SECP384R1)))
                .build();
        ScriptedClient c = sendHello(server(), hello(ECDHE_RSA, ext).encodeWithHeader());
        ServerKeyExchange ske = c.frame(12).body().readAll("ServerKeyExchange", ServerKeyExchange::decode);
        assertThat(ske.group()).isEqualTo(NamedGroupId.SECP384R1);
    }

    // ---- malformed ClientHellos: the decoders' alerts must reach the wire

    @Test
    void clientHelloWithTrailingBytesIsDecodeError() {
        byte[] h = hello(RSA_CBC, ecdheExtensions().build()).encodeWithHeader();
        byte[] longer = Arrays.copyOf(h, h.length + 1);
        setLength24(longer);
        assertFatal(sendHello(server(), longer), AlertDescription.DECODE_ERROR);
    }

    @Test
    void clientHelloWithoutExtensionsButTrailingByteIsDecodeError() {
        byte[] h = hello(RSA_CBC, null).encodeWithHeader();
        byte[] longer = Arrays.copyOf(h, h.length + 1);
        setLength24(longer);
        assertFatal(sendHello(server(), longer), AlertDescription.DECODE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1})
    void extensionsLengthDisagreeingIsDecodeError(int delta) {
        byte[] h = hello(RSA_CBC, ecdheExtensions().build()).encodeWithHeader();
        int at = 4 + 2 + 32 + 1 + 2 + 2 + 1 + 1; // header, version, random, sid, suites(1), compression(1)
        int len = ((h[at] & 0xff) << 8 | (h[at + 1] & 0xff)) + delta;
        h[at] = (byte) (len >>> 8);
        h[at + 1] = (byte) len;
        assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
    }

    @Test
    void noNullCompressionIsIllegalParameter() {
        byte[] h = hello(RSA_CBC, ecdheExtensions().build()).encodeWithHeader();
        int at = 4 + 2 + 32 + 1 + 2 + 2 + 1; // the single compression method
        assertThat(h[at]).isEqualTo((byte) 0);
        h[at] = 1; // DEFLATE only
        // RFC 5246 §7.4.1.2; tlsfuzzer test-invalid-compression-methods.py expects illegal_parameter.
        assertFatal(sendHello(server(), h), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void ecPointFormatsWithoutUncompressedIsIllegalParameter() {
        ClientHelloExtensions ext = ecdheExtensions().ecPointFormats(new EcPointFormats(
                List.of(dev.jtls.message.EcPointFormat.ANSIX962_COMPRESSED_PRIME))).build();
        // RFC 8422 §5.1.2; tlsfuzzer test-point-extension.py.
        assertFatal(sendHello(server(), hello(ECDHE_RSA, ext).encodeWithHeader()), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void nonEmptyInitialRenegotiationInfoIsHandshakeFailure() {
        ClientHelloExtensions ext = ecdheExtensions()
                .renegotiationInfo(new RenegotiationInfo(Bytes.of(new byte[12]))).build();
        assertFatal(sendHello(server(), hello(RSA_CBC, ext).encodeWithHeader()), AlertDescription.HANDSHAKE_FAILURE);
    }

    // ---- versions

    @ParameterizedTest
    @ValueSource(ints = {0x0304, 0x0401, 0xfefe, 0x03ff})
    void higherVersionsNegotiateTls12(int version) {
        ClientHello h = hello(ProtocolVersion.of(version), List.of(RSA_CBC), ecdheExtensions().build());
        ScriptedClient c = sendHello(server(), h.encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        assertThat(serverHello(c).serverVersion()).isEqualTo(ProtocolVersion.TLS1_2);
    }

    /** RFC 5246 §7.4.7.1: the premaster carries ClientHello.client_version, whatever it was. */
    @ParameterizedTest
    @ValueSource(ints = {0x0303, 0x0304, 0x0401, 0xfefe})
    void rsaHandshakeCompletesWithThePremasterCarryingTheClientVersion(int version) throws Exception {
        ScriptedClient c = sendHello(server(), hello(ProtocolVersion.of(version), List.of(RSA_GCM), null)
                .encodeWithHeader());
        byte[] premaster = premaster(version);
        c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
        finishWithPremaster(c, RSA_GCM, premaster, false);
        assertThat(c.serverFailure).isNull();
        assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(c.serverChangedCipherSpec).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302, 0x0200, 0x0000})
    void lowerVersionsAreProtocolVersion(int version) {
        ClientHello h = hello(ProtocolVersion.of(version), List.of(RSA_CBC), ecdheExtensions().build());
        assertFatal(sendHello(server(), h.encodeWithHeader()), AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void fallbackScsvBelowTls12IsInappropriateFallback() {
        ClientHello h = new ClientHello(ProtocolVersion.TLS1_1, Bytes.of(new byte[32]), Bytes.EMPTY,
                List.of(CipherSuiteId.of(RSA_CBC.code()), CipherSuiteId.TLS_FALLBACK_SCSV),
                List.of(CompressionMethod.NULL), null);
        assertFatal(sendHello(server(), h.encodeWithHeader()), AlertDescription.INAPPROPRIATE_FALLBACK);
    }

    @Test
    void fallbackScsvAtTls12IsAccepted() {
        ClientHello h = new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), Bytes.EMPTY,
                List.of(CipherSuiteId.of(RSA_CBC.code()), CipherSuiteId.TLS_FALLBACK_SCSV),
                List.of(CompressionMethod.NULL), null);
        ScriptedClient c = sendHello(server(), h.encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        assertThat(serverHello(c).cipherSuite().code()).isEqualTo(RSA_CBC.code());
    }

    // ---- record layer

    @Test
    void plaintextRecordOver16KiBIsRecordOverflow() {
        ScriptedClient c = new ScriptedClient(server());
        byte[] body = new byte[(1 << 14) + 1];
        c.sendRaw(record(22, 0x0301, body));
        assertFatal(c, AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void plaintextRecordOver16KiBAfterHelloIsRecordOverflow() {
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        c.sendRaw(record(22, 0x0303, new byte[65_535]));
        assertFatal(c, AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void warningAlertsDuringHandshakeAreBounded() {
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        byte[] warning = record(21, 0x0303, new byte[] {1, (byte) AlertDescription.USER_CANCELED.code()});
        for (int i = 0; i < 2000 && c.serverFailure == null; i++) {
            c.sendRaw(warning);
        }
        // CVE-2016-8610 pattern: the server must stop, with a fatal alert.
        assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void emptyHandshakeRecordIsUnexpectedMessage() {
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        c.sendRaw(record(22, 0x0303, new byte[0]));
        assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    // ---- ClientKeyExchange

    @Test
    void rsaClientKeyExchangeWithExtraBytesIsDecodeError() throws Exception {
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        byte[] cke = new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster(0x0303)))).encodeWithHeader();
        byte[] longer = Arrays.copyOf(cke, cke.length + 1);
        setLength24(longer);
        c.sendHandshake(longer);
        assertFatal(c, AlertDescription.DECODE_ERROR);
    }

    @Test
    void ecdheClientKeyExchangeWithExtraBytesIsDecodeError() {
        ScriptedClient c = sendHello(server(), hello(ECDHE_RSA, ecdheExtensions().build()).encodeWithHeader());
        KeyShare share = CRYPTO.generateKeyShare(NamedGroup.X25519);
        byte[] cke = new EcdhClientKeyExchange(Bytes.of(share.publicKey())).encodeWithHeader();
        byte[] longer = Arrays.copyOf(cke, cke.length + 3);
        setLength24(longer);
        c.sendHandshake(longer);
        assertFatal(c, AlertDescription.DECODE_ERROR);
    }

    enum BadPoint { ZERO_ONE, ZERO_ZERO, Y_ZEROED, LAST_BYTE_FLIPPED, COMPRESSED, WRONG_LENGTH, X25519_ZERO }

    /** tlsfuzzer test-ecdhe-rsa-key-exchange-with-bad-messages.py: every invalid point is illegal_parameter. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(BadPoint.class)
    void ecdheClientKeyExchangeWithBadPointIsIllegalParameter(BadPoint kind) {
        boolean x25519 = kind == BadPoint.X25519_ZERO;
        NamedGroupId group = x25519 ? NamedGroupId.X25519 : NamedGroupId.SECP256R1;
        ScriptedClient c = sendHello(server(), hello(ECDHE_RSA, ecdheExtensions()
                .supportedGroups(new SupportedGroups(List.of(group))).build()).encodeWithHeader());
        byte[] point = CRYPTO.generateKeyShare(x25519 ? NamedGroup.X25519 : NamedGroup.SECP256R1).publicKey();
        switch (kind) {
            case ZERO_ONE:
                Arrays.fill(point, 1, 65, (byte) 0);
                point[64] = 1;
                break;
            case ZERO_ZERO:
                Arrays.fill(point, 1, 65, (byte) 0);
                break;
            case Y_ZEROED:
                Arrays.fill(point, 33, 65, (byte) 0);
                break;
            case LAST_BYTE_FLIPPED:
                point[64] ^= (byte) 0xff;
                break;
            case COMPRESSED:
                point = Arrays.copyOf(point, 33);
                point[0] = 2;
                break;
            case WRONG_LENGTH:
                point = Arrays.copyOf(point, 64);
                break;
            case X25519_ZERO:
                point = new byte[32];
                break;
            default:
                throw new AssertionError(kind);
        }
        c.sendHandshake(new EcdhClientKeyExchange(Bytes.of(point)).encodeWithHeader());
        assertFatal(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void truncatedEcdhClientKeyExchangeIsDecodeError() {
        ScriptedClient c = sendHello(server(), hello(ECDHE_RSA, ecdheExtensions().build()).encodeWithHeader());
        byte[] cke = new EcdhClientKeyExchange(Bytes.of(CRYPTO.generateKeyShare(NamedGroup.X25519).publicKey()))
                .encodeWithHeader();
        byte[] shorter = Arrays.copyOf(cke, cke.length - 1);
        setLength24(shorter);
        c.sendHandshake(shorter);
        assertFatal(c, AlertDescription.DECODE_ERROR);
    }

    // ---- RSA premaster: implicit rejection

    enum BadPremaster { BAD_PADDING, WRONG_VERSION, SHORT_PREMASTER, LONG_PREMASTER, SHORT_CIPHERTEXT,
        EMPTY_CIPHERTEXT, LONG_CIPHERTEXT, MODULUS_AS_CIPHERTEXT, ZERO_CIPHERTEXT }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(BadPremaster.class)
    void malformedRsaPremasterEndsLikeAWrongFinished(BadPremaster kind) throws Exception {
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        byte[] premaster = premaster(0x0303);
        byte[] encrypted;
        int modulusLength = (((java.security.interfaces.RSAPublicKey) serverKey(c)).getModulus().bitLength() + 7) / 8;
        switch (kind) {
            case BAD_PADDING:
                encrypted = new byte[modulusLength];
                CRYPTO.random().nextBytes(encrypted);
                encrypted[0] = 0;
                break;
            case WRONG_VERSION:
                encrypted = encryptPremaster(c, premaster(0x0302));
                break;
            case SHORT_PREMASTER:
                encrypted = encryptPremaster(c, Arrays.copyOf(premaster, 47));
                break;
            case LONG_PREMASTER:
                encrypted = encryptPremaster(c, Arrays.copyOf(premaster, 49));
                break;
            case SHORT_CIPHERTEXT:
                encrypted = Arrays.copyOf(encryptPremaster(c, premaster), modulusLength - 1);
                break;
            case EMPTY_CIPHERTEXT:
                encrypted = new byte[0];
                break;
            case LONG_CIPHERTEXT:
                encrypted = Arrays.copyOf(encryptPremaster(c, premaster), modulusLength + 1);
                break;
            case MODULUS_AS_CIPHERTEXT:
                encrypted = toFixed(((java.security.interfaces.RSAPublicKey) serverKey(c)).getModulus(), modulusLength);
                break;
            case ZERO_CIPHERTEXT:
                encrypted = new byte[modulusLength];
                break;
            default:
                throw new AssertionError(kind);
        }
        c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encrypted)).encodeWithHeader());
        // No alert, nothing at all, before the client's Finished.
        assertThat(c.serverFailure).isNull();
        assertThat(c.lastOutputLength).isZero();
        finishWithPremaster(c, RSA_CBC, premaster, false);
        // tlsfuzzer test-invalid-rsa-key-exchange-messages.py / test-bleichenbacher-workaround.py:
        // the Finished record, under keys from another premaster, fails: bad_record_mac.
        assertFatal(c, AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void goodRsaHandshakeThenWrongFinishedIsDecryptError() throws Exception {
        ScriptedClient c = sendHello(server(), hello(RSA_GCM, null).encodeWithHeader());
        byte[] premaster = premaster(0x0303);
        c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
        finishWithPremaster(c, RSA_GCM, premaster, true);
        // RFC 5246 §7.4.9; tlsfuzzer test-fuzzed-finished.py.
        assertFatal(c, AlertDescription.DECRYPT_ERROR);
    }

    // ---- after the handshake

    @Test
    void renegotiatingClientHelloGetsNoRenegotiationWarningAndConnectionStaysUsable() throws Exception {
        for (CipherSuite suite : List.of(RSA_CBC, RSA_GCM)) {
            ScriptedClient c = sendHello(server(), hello(suite, ecdheExtensions().build()).encodeWithHeader());
            byte[] premaster = premaster(0x0303);
            c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
            finishWithPremaster(c, suite, premaster, false);
            assertThat(c.serverFailure).isNull();
            assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
            assertThat(c.serverChangedCipherSpec).isTrue();

            c.sendRecord(ContentType.HANDSHAKE, hello(suite, ecdheExtensions().build()).encodeWithHeader());
            // RFC 5746 §4.4; tlsfuzzer test-renegotiation-disabled.py.
            assertThat(c.lastAlert()).isEqualTo(Alert.warning(AlertDescription.NO_RENEGOTIATION));
            assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);

            c.sendRecord(ContentType.APPLICATION_DATA, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] got = new byte[64];
            int n = c.server.read(java.nio.ByteBuffer.wrap(got));
            assertThat(new String(got, 0, n, StandardCharsets.US_ASCII)).isEqualTo("GET / HTTP/1.0\r\n\r\n");
            c.server.write(java.nio.ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)));
            c.sendRaw(new byte[0]);
            assertThat(c.appData.toString(StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(c.alerts).allMatch(a -> a.level() == AlertLevel.WARNING);
        }
    }

    @Test
    void messagesOutOfOrderAreUnexpectedMessage() {
        // Finished instead of ClientKeyExchange.
        ScriptedClient c = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        c.sendHandshake(new Finished(Bytes.of(new byte[12])).encodeWithHeader());
        assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
        // ChangeCipherSpec before ClientKeyExchange.
        ScriptedClient d = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        d.sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertFatal(d, AlertDescription.UNEXPECTED_MESSAGE);
        // Something other than ClientHello first.
        ScriptedClient e = new ScriptedClient(server());
        e.sendHandshake(new Finished(Bytes.of(new byte[12])).encodeWithHeader());
        assertFatal(e, AlertDescription.UNEXPECTED_MESSAGE);
        // Application data before the handshake ends.
        ScriptedClient f = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        f.sendRecord(ContentType.APPLICATION_DATA, new byte[] {1, 2, 3});
        assertFatal(f, AlertDescription.UNEXPECTED_MESSAGE);
        // A second ClientHello during the handshake.
        ScriptedClient g = sendHello(server(), hello(RSA_CBC, null).encodeWithHeader());
        g.sendHandshake(hello(RSA_CBC, null).encodeWithHeader());
        assertFatal(g, AlertDescription.UNEXPECTED_MESSAGE);
    }

    // ---- helpers: the client side of an RSA handshake

    static byte[] premaster(int version) {
        byte[] p = new byte[48];
        CRYPTO.random().nextBytes(p);
        p[0] = (byte) (version >>> 8);
        p[1] = (byte) version;
        return p;
    }

    static PublicKey serverKey(ScriptedClient c) throws Exception {
        byte[] cert = c.frame(11).body().readAll("Certificate", dev.jtls.message.Certificate::decode)
                .certificates().get(0).toByteArray();
        return java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(cert)).getPublicKey();
    }

    static byte[] encryptPremaster(ScriptedClient c, byte[] premaster) throws Exception {
        return CRYPTO.rsaEncryptPkcs1(serverKey(c), premaster);
    }

    static byte[] toFixed(java.math.BigInteger v, int length) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(b.length, length);
        System.arraycopy(b, b.length - copy, out, length - copy, copy);
        return out;
    }

    /**
     * CCS and Finished from a client that believes in {@code premaster}, with the server's keys
     * ready for its answer. Call right after ClientKeyExchange (the EMS session hash ends there).
     */
    static void finishWithPremaster(ScriptedClient c, CipherSuite suite, byte[] premaster, boolean corruptFinished) {
        finish(c, suite, master(c, suite, premaster), corruptFinished);
    }

    /** The master secret as the client computes it: RFC 7627 if the ServerHello acknowledged EMS. */
    static MasterSecret master(ScriptedClient c, CipherSuite suite, byte[] premaster) {
        byte[] clientRandom = clientRandom(c);
        byte[] serverRandom = serverHello(c).random().toByteArray();
        if (serverHello(c).extensionsOrEmpty().extendedMasterSecret()) {
            return MasterSecret.deriveExtended(CRYPTO, suite, premaster.clone(), c.transcriptHash(CRYPTO, suite.prfHash()));
        }
        return MasterSecret.deriveLegacy(CRYPTO, suite, premaster.clone(), clientRandom, serverRandom);
    }

    static byte[] clientRandom(ScriptedClient c) {
        return Arrays.copyOfRange(c.transcriptBytes(), 4 + 2, 4 + 2 + 32);
    }

    static void finish(ScriptedClient c, CipherSuite suite, MasterSecret master, boolean corruptFinished) {
        byte[] clientRandom = clientRandom(c);
        byte[] serverRandom = serverHello(c).random().toByteArray();
        KeyBlock block = master.keyBlock(clientRandom, serverRandom);
        boolean etm = serverHello(c).extensionsOrEmpty().encryptThenMac();
        c.serverWriteProtection = block.protection(Side.SERVER, etm);
        c.sendChangeCipherSpec(block.protection(Side.CLIENT, etm));
        byte[] verifyData = master.verifyData(Side.CLIENT, c.transcriptHash(CRYPTO, suite.prfHash()));
        if (corruptFinished) {
            verifyData[0] ^= 1;
        }
        c.sendHandshake(new Finished(Bytes.of(verifyData)).encodeWithHeader());
    }
}
