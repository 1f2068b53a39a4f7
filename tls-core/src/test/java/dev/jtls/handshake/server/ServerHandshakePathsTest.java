package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.CRYPTO;
import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.clientRandom;
import static dev.jtls.handshake.server.ServerConformanceTest.ecdheExtensions;
import static dev.jtls.handshake.server.ServerConformanceTest.encryptPremaster;
import static dev.jtls.handshake.server.ServerConformanceTest.finish;
import static dev.jtls.handshake.server.ServerConformanceTest.master;
import static dev.jtls.handshake.server.ServerConformanceTest.premaster;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CertificateVerify;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerNameList;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ContentType;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.testing.TestCerts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths through the server states with a hand-driven client: resumption (and its refusals),
 * client authentication failures, and every state refusing every message type it does not expect.
 */
class ServerHandshakePathsTest {
    static final CipherSuite GCM = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    static final CipherSuite CBC = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
    /** Every handshake type jtls knows plus unassigned ones. */
    static final int[] TYPES = {0, 1, 2, 3, 4, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 24, 99, 254};

    static TlsConfig config(ClientAuth auth) {
        return SunJsseClientTest.serverConfig().clientAuth(auth).sessionTickets(false).build();
    }

    static ClientHello hello(List<CipherSuite> suites, Bytes sessionId, boolean ems, String sni) {
        ClientHelloExtensions.Builder b = ClientHelloExtensions.builder().extendedMasterSecret(ems);
        if (sni != null) {
            b.serverName(ServerNameList.ofHostName(sni));
        }
        byte[] random = new byte[32];
        CRYPTO.random().nextBytes(random);
        return new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(random), sessionId,
                suites.stream().map(s -> CipherSuiteId.of(s.code())).toList(), List.of(CompressionMethod.NULL), b.build());
    }

    /** A full RSA handshake up to Connected; returns the client's master secret. */
    static MasterSecret fullHandshake(ScriptedClient c, CipherSuite suite, ClientHello hello) throws Exception {
        c.sendHandshake(hello.encodeWithHeader());
        byte[] premaster = premaster(0x0303);
        c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
        MasterSecret m = master(c, suite, premaster);
        finish(c, suite, m, false);
        assertThat(c.serverFailure).isNull();
        assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        return m;
    }

    static Negotiated negotiated(TlsConnection c) {
        for (HandshakeEvent e : c.events()) {
            if (e instanceof Negotiated) {
                return (Negotiated) e;
            }
        }
        throw new AssertionError("no Negotiated event");
    }

    // ---- resumption by session id

    @Test
    void resumesBySessionIdAndCarriesData() throws Exception {
        TlsConfig config = config(ClientAuth.NONE);
        ScriptedClient a = new ScriptedClient(TlsConnection.server(config));
        MasterSecret m = fullHandshake(a, GCM, hello(List.of(GCM, CBC), Bytes.EMPTY, true, "server.test"));
        Bytes id = serverHello(a).sessionId();
        assertThat(id.length()).isEqualTo(32);

        ScriptedClient b = new ScriptedClient(TlsConnection.server(config));
        b.serverWriteKeys = () -> keys(b, m).protection(Side.SERVER, false);
        b.sendHandshake(hello(List.of(CBC, GCM), id, true, "server.test").encodeWithHeader());
        ServerHello sh = serverHello(b);
        // RFC 5246 §7.3 fig. 2: same id, the session's suite, then straight to CCS + Finished.
        assertThat(sh.sessionId()).isEqualTo(id);
        assertThat(sh.cipherSuite().code()).isEqualTo(GCM.code());
        assertThat(sh.extensionsOrEmpty().serverName()).isFalse(); // RFC 6066 §3
        assertThat(b.received.stream().map(f -> f.type()).toList()).containsExactly(2, 20);
        assertThat(b.serverChangedCipherSpec).isTrue();

        KeyBlock block = keys(b, m);
        b.sendChangeCipherSpec(block.protection(Side.CLIENT, false));
        byte[] verify = m.verifyData(Side.CLIENT, b.transcriptHash(CRYPTO, GCM.prfHash()));
        b.sendHandshake(new dev.jtls.message.Finished(Bytes.of(verify)).encodeWithHeader());
        assertThat(b.serverFailure).isNull();
        assertThat(negotiated(b.server).resumed()).isTrue();
        assertThat(negotiated(b.server).serverName()).isEqualTo("server.test");

        b.sendRecord(ContentType.APPLICATION_DATA, "ping".getBytes(StandardCharsets.US_ASCII));
        byte[] got = new byte[8];
        assertThat(b.server.read(ByteBuffer.wrap(got))).isEqualTo(4);
        b.server.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
        b.sendRaw(new byte[0]);
        assertThat(b.appData.toString(StandardCharsets.US_ASCII)).isEqualTo("pong");
    }

    static KeyBlock keys(ScriptedClient c, MasterSecret m) {
        return m.keyBlock(clientRandom(c), serverHello(c).random().toByteArray());
    }

    static Bytes establish(TlsConfig config, CipherSuite suite, boolean ems, String sni) throws Exception {
        ScriptedClient a = new ScriptedClient(TlsConnection.server(config));
        fullHandshake(a, suite, hello(List.of(suite), Bytes.EMPTY, ems, sni));
        return serverHello(a).sessionId();
    }

    @Test
    void resumptionWithoutTheSessionsSuiteIsIllegalParameter() throws Exception {
        TlsConfig config = config(ClientAuth.NONE);
        Bytes id = establish(config, GCM, true, null);
        // RFC 5246 §7.4.1.2; tlsfuzzer test-resumption-with-wrong-ciphers.py.
        ScriptedClient b = sendHello(TlsConnection.server(config), hello(List.of(CBC), id, true, null)
                .encodeWithHeader());
        assertFatal(b, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void resumptionWithoutEmsIsHandshakeFailure() throws Exception {
        TlsConfig config = config(ClientAuth.NONE);
        Bytes id = establish(config, GCM, true, null);
        // RFC 7627 §5.3; tlsfuzzer test-extended-master-secret-extension.py.
        ScriptedClient b = sendHello(TlsConnection.server(config), hello(List.of(GCM), id, false, null)
                .encodeWithHeader());
        assertFatal(b, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void resumptionWithAnotherServerNameIsAFullHandshake() throws Exception {
        TlsConfig config = config(ClientAuth.NONE);
        Bytes id = establish(config, GCM, true, "server.test");
        // RFC 6066 §3; tlsfuzzer test-invalid-server-name-extension-resumption.py.
        ScriptedClient b = sendHello(TlsConnection.server(config), hello(List.of(GCM), id, true, "other.test")
                .encodeWithHeader());
        assertThat(b.serverFailure).isNull();
        assertThat(serverHello(b).sessionId()).isNotEqualTo(id);
        assertThat(b.received.stream().map(f -> f.type()).toList()).containsExactly(2, 11, 14);
    }

    @Test
    void unknownSessionIdIsAFullHandshake() {
        ScriptedClient b = sendHello(TlsConnection.server(config(ClientAuth.NONE)),
                hello(List.of(GCM), Bytes.of(new byte[32]), true, null).encodeWithHeader());
        assertThat(b.serverFailure).isNull();
        assertThat(serverHello(b).sessionId().length()).isEqualTo(32);
        assertThat(serverHello(b).sessionId()).isNotEqualTo(Bytes.of(new byte[32]));
    }

    @Test
    void sessionWithoutEmsIsNotCached() throws Exception {
        TlsConfig config = config(ClientAuth.NONE);
        Bytes id = establish(config, GCM, false, null);
        // RFC 7627 §5.3: a session without EMS is never resumed, so no id is handed out and nothing is cached.
        assertThat(id.isEmpty()).isTrue();
        assertThat(config.serverSessionCache().size()).isZero();
    }

    // ---- SNI

    @Test
    void knownServerNameIsAcknowledgedAndPicksItsCertificate() throws Exception {
        ScriptedClient c = new ScriptedClient(TlsConnection.server(config(ClientAuth.NONE)));
        fullHandshake(c, GCM, hello(List.of(GCM), Bytes.EMPTY, true, "SERVER.test"));
        assertThat(serverHello(c).extensionsOrEmpty().serverName()).isTrue();
        assertThat(c.alerts).isEmpty();
        assertThat(ServerConformanceTest.serverKey(c)).isEqualTo(SunJsseClientTest.SERVER_RSA.certificate().getPublicKey());
        assertThat(negotiated(c.server).serverName()).isEqualTo("SERVER.test");
    }

    @Test
    void unknownServerNameIsIgnoredByDefault() throws Exception {
        ScriptedClient c = new ScriptedClient(TlsConnection.server(config(ClientAuth.NONE)));
        fullHandshake(c, GCM, hello(List.of(GCM), Bytes.EMPTY, true, "www.server.test"));
        // RFC 6066 §3: the warning is NOT RECOMMENDED; the default certificate, no alert, no acknowledgement.
        assertThat(c.alerts).isEmpty();
        assertThat(c.recordTypes.get(0)).isEqualTo(ContentType.HANDSHAKE);
        assertThat(serverHello(c).extensionsOrEmpty().serverName()).isFalse();
    }

    @Test
    void unknownServerNameIsFatalWhenConfigured() throws Exception {
        ScriptedClient c = new ScriptedClient(TlsConnection.server(SunJsseClientTest.serverConfig()
                .unknownServerName(dev.jtls.config.UnknownServerName.FATAL).build()));
        c.sendHandshake(hello(List.of(GCM), Bytes.EMPTY, true, "www.server.test").encodeWithHeader());
        assertThat(c.alerts).containsExactly(Alert.fatal(AlertDescription.UNRECOGNIZED_NAME));
        assertThat(c.received).isEmpty();
    }

    @Test
    void unknownServerNameGetsAWarningAndTheHandshakeGoesOnWhenConfigured() throws Exception {
        ScriptedClient c = new ScriptedClient(TlsConnection.server(SunJsseClientTest.serverConfig()
                .sessionTickets(false).unknownServerName(dev.jtls.config.UnknownServerName.WARN).build()));
        fullHandshake(c, GCM, hello(List.of(GCM), Bytes.EMPTY, true, "www.server.test"));
        // tlsfuzzer test-invalid-server-name-extension.py "incorrect SNI": warning, then ServerHello.
        assertThat(c.alerts).containsExactly(Alert.warning(AlertDescription.UNRECOGNIZED_NAME));
        assertThat(c.recordTypes.get(0)).isEqualTo(ContentType.ALERT);
        assertThat(c.recordTypes.get(1)).isEqualTo(ContentType.HANDSHAKE);
        assertThat(serverHello(c).extensionsOrEmpty().serverName()).isFalse();
    }

    // ---- ALPN

    @Test
    void alpnWithANonLatinNameIsNegotiatedAndTheSessionKeepsItsBytes() throws Exception {
        String name = "\u043f\u0440\u043e\u0442\u043e"; // UTF-8, outside ISO-8859-1
        TlsConfig config = SunJsseClientTest.serverConfig().sessionTickets(false)
                .alpnSelector(dev.jtls.config.AlpnSelector.preferring(List.of(name))).build();
        ScriptedClient c = new ScriptedClient(TlsConnection.server(config));
        ClientHello h = new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), Bytes.EMPTY,
                List.of(CipherSuiteId.of(GCM.code())), List.of(CompressionMethod.NULL), ClientHelloExtensions.builder()
                .alpn(dev.jtls.message.Alpn.of("h2", name)).extendedMasterSecret(true).build());
        fullHandshake(c, GCM, h);
        assertThat(serverHello(c).extensionsOrEmpty().alpn()).isEqualTo(dev.jtls.message.Alpn.of(name));
        assertThat(negotiated(c.server).alpn()).isEqualTo(name);
        assertThat(SunJsseResumptionTest.session(c.server).applicationProtocol().getBytes(StandardCharsets.ISO_8859_1))
                .isEqualTo(name.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void alpnWithNothingInCommonIsNoApplicationProtocol() {
        ClientHello h = new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), Bytes.EMPTY,
                List.of(CipherSuiteId.of(GCM.code())), List.of(CompressionMethod.NULL), ClientHelloExtensions.builder()
                .alpn(dev.jtls.message.Alpn.of("spdy/1")).build());
        // RFC 7301 §3.2; tlsfuzzer test-alpn-negotiation.py.
        assertFatal(sendHello(TlsConnection.server(config(ClientAuth.NONE)), h.encodeWithHeader()),
                AlertDescription.NO_APPLICATION_PROTOCOL);
    }

    // ---- key log

    @Test
    void keyLogGetsClientRandomAndMasterSecretOfFullAndResumedHandshakes() throws Exception {
        List<byte[][]> lines = new java.util.ArrayList<>();
        TlsConfig config = SunJsseClientTest.serverConfig().sessionTickets(false)
                .keyLog((random, secret) -> lines.add(new byte[][] {random, secret})).build();
        ScriptedClient a = new ScriptedClient(TlsConnection.server(config));
        MasterSecret m = fullHandshake(a, GCM, hello(List.of(GCM), Bytes.EMPTY, true, null));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)[0]).isEqualTo(clientRandom(a));
        assertThat(lines.get(0)[1]).isEqualTo(m.copyForSession());

        ScriptedClient b = new ScriptedClient(TlsConnection.server(config));
        b.serverWriteKeys = () -> keys(b, m).protection(Side.SERVER, false);
        b.sendHandshake(hello(List.of(GCM), serverHello(a).sessionId(), true, null).encodeWithHeader());
        // NSS key log lines are per connection (client random): the resumed one is logged too.
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)[0]).isEqualTo(clientRandom(b));
        assertThat(lines.get(1)[1]).isEqualTo(m.copyForSession());
    }

    // ---- encrypt_then_mac (RFC 7366)

    @Test
    void encryptThenMacIsAcknowledgedForCbcOnlyAndUsed() throws Exception {
        for (CipherSuite suite : List.of(CBC, GCM, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256)) {
            ScriptedClient c = new ScriptedClient(TlsConnection.server(config(ClientAuth.NONE)));
            ClientHello h = new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), Bytes.EMPTY,
                    List.of(CipherSuiteId.of(suite.code())), List.of(CompressionMethod.NULL),
                    ClientHelloExtensions.builder().encryptThenMac(true).extendedMasterSecret(true).build());
            fullHandshake(c, suite, h);
            boolean cbc = suite.protection() instanceof CipherSuite.Cbc;
            // RFC 7366 §3: never with an AEAD suite.
            assertThat(serverHello(c).extensionsOrEmpty().encryptThenMac()).isEqualTo(cbc);
            assertThat(negotiated(c.server).encryptThenMac()).isEqualTo(cbc);
            c.sendRecord(ContentType.APPLICATION_DATA, "etm".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.server.readable()).isEqualTo(3);
        }
    }

    // ---- client authentication

    static final TestCerts.Issued CLIENT = SunJsseClientTest.CLIENT;

    /** Up to ClientKeyExchange with the client's certificate; returns the client. */
    static ScriptedClient withClientCertificate(ClientAuth auth, List<Bytes> chain) throws Exception {
        ScriptedClient c = sendHello(TlsConnection.server(config(auth)),
                hello(List.of(GCM), Bytes.EMPTY, true, null).encodeWithHeader());
        assertThat(c.received.stream().map(f -> f.type()).toList()).containsExactly(2, 11, 13, 14);
        c.sendHandshake(new Certificate(chain).encodeWithHeader());
        if (c.serverFailure == null) {
            c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster(0x0303))))
                    .encodeWithHeader());
        }
        return c;
    }

    static List<Bytes> clientChain() throws Exception {
        return List.of(Bytes.of(CLIENT.certificate().getEncoded()));
    }

    @Test
    void certificateVerifyWithBadSignatureIsDecryptError() throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.NEED, clientChain());
        byte[] sig = CRYPTO.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.privateKey(), c.transcriptBytes());
        sig[sig.length - 1] ^= 1;
        c.sendHandshake(new CertificateVerify(SignatureSchemeId.ECDSA_SECP256R1_SHA256, Bytes.of(sig))
                .encodeWithHeader());
        assertFatal(c, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void certificateVerifyOverTheWrongMessagesIsDecryptError() throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.WANT, clientChain());
        byte[] sig = CRYPTO.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.privateKey(), new byte[32]);
        c.sendHandshake(new CertificateVerify(SignatureSchemeId.ECDSA_SECP256R1_SHA256, Bytes.of(sig))
                .encodeWithHeader());
        assertFatal(c, AlertDescription.DECRYPT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0203, 0x0201, 0x0401, 0x0804, 0x0807, 0xeeee})
    void certificateVerifyWithAnUnfitSchemeIsIllegalParameter(int scheme) throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.NEED, clientChain());
        byte[] sig = CRYPTO.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.privateKey(), c.transcriptBytes());
        c.sendHandshake(new CertificateVerify(SignatureSchemeId.of(scheme), Bytes.of(sig)).encodeWithHeader());
        assertFatal(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void goodCertificateVerifyFinishesTheHandshake() throws Exception {
        ScriptedClient c = sendHello(TlsConnection.server(config(ClientAuth.NEED)),
                hello(List.of(GCM), Bytes.EMPTY, true, null).encodeWithHeader());
        c.sendHandshake(new Certificate(clientChain()).encodeWithHeader());
        byte[] premaster = premaster(0x0303);
        c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
        MasterSecret m = master(c, GCM, premaster);
        byte[] sig = CRYPTO.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.privateKey(), c.transcriptBytes());
        c.sendHandshake(new CertificateVerify(SignatureSchemeId.ECDSA_SECP256R1_SHA256, Bytes.of(sig))
                .encodeWithHeader());
        finish(c, GCM, m, false);
        assertThat(c.serverFailure).isNull();
        assertThat(c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(SunJsseClientTest.peerChain(c.server)).containsExactly(CLIENT.certificate());
    }

    @Test
    void missingCertificateVerifyIsUnexpectedMessage() throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.WANT, clientChain());
        c.sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void emptyCertificateWithNeedIsHandshakeFailure() throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.NEED, List.of());
        assertFatal(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void emptyCertificateWithWantGoesOn() throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.WANT, List.of());
        assertThat(c.serverFailure).isNull();
        assertThat(c.alerts).isEmpty();
    }

    @Test
    void garbageCertificateIsBadCertificate() throws Exception {
        ScriptedClient c = withClientCertificate(ClientAuth.WANT, List.of(Bytes.of(new byte[] {0x30, 3, 1, 2, 3})));
        assertFatal(c, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void untrustedCertificateIsUnknownCa() throws Exception {
        TestCerts.Issued otherCa = TestCerts.ca("other CA", TestCerts.Kind.EC_P256);
        TestCerts.Issued stranger = TestCerts.leaf(otherCa, "stranger", TestCerts.Kind.EC_P256, List.of("s.test"));
        ScriptedClient c = withClientCertificate(ClientAuth.WANT, List.of(Bytes.of(stranger.certificate().getEncoded())));
        assertFatal(c, AlertDescription.UNKNOWN_CA);
    }

    // ---- every state refuses every message it does not expect (RFC 5246 §7.3 gives the legal order;
    // anything else is unexpected_message)

    static byte[] message(int type) {
        return new byte[] {(byte) type, 0, 0, 0};
    }

    @Test
    void expectClientHelloRefusesEverythingElse() {
        for (int t : TYPES) {
            if (t == 1) {
                continue;
            }
            ScriptedClient c = new ScriptedClient(TlsConnection.server(config(ClientAuth.NONE)));
            c.sendHandshake(message(t));
            assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void expectClientCertificateRefusesEverythingElse() {
        for (int t : TYPES) {
            if (t == 11) {
                continue;
            }
            ScriptedClient c = sendHello(TlsConnection.server(config(ClientAuth.WANT)),
                    hello(List.of(GCM), Bytes.EMPTY, true, null).encodeWithHeader());
            c.sendHandshake(message(t));
            assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void expectClientKeyExchangeRefusesEverythingElse() {
        for (int t : TYPES) {
            if (t == 16) {
                continue;
            }
            ScriptedClient c = sendHello(TlsConnection.server(config(ClientAuth.NONE)),
                    hello(List.of(GCM), Bytes.EMPTY, true, null).encodeWithHeader());
            c.sendHandshake(message(t));
            assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void expectCertificateVerifyRefusesEverythingElse() throws Exception {
        for (int t : TYPES) {
            if (t == 15) {
                continue;
            }
            ScriptedClient c = withClientCertificate(ClientAuth.WANT, clientChain());
            c.sendHandshake(message(t));
            assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void expectChangeCipherSpecRefusesEveryHandshakeMessage() throws Exception {
        for (int t : TYPES) {
            ScriptedClient c = sendHello(TlsConnection.server(config(ClientAuth.NONE)),
                    hello(List.of(GCM), Bytes.EMPTY, true, null).encodeWithHeader());
            c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster(0x0303))))
                    .encodeWithHeader());
            c.sendHandshake(message(t));
            assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void expectFinishedRefusesEverythingElse() throws Exception {
        for (int t : TYPES) {
            if (t == 20) {
                continue;
            }
            ScriptedClient c = sendHello(TlsConnection.server(config(ClientAuth.NONE)),
                    hello(List.of(GCM), Bytes.EMPTY, true, null).encodeWithHeader());
            byte[] premaster = premaster(0x0303);
            c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster))).encodeWithHeader());
            MasterSecret m = master(c, GCM, premaster);
            c.sendChangeCipherSpec(keys(c, m).protection(Side.CLIENT, false));
            c.sendHandshake(message(t));
            assertThat(c.serverFailure).isNotNull();
            assertThat(c.serverFailure.description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void connectedRefusesEverythingButClientHello() throws Exception {
        for (int t : TYPES) {
            ScriptedClient c = new ScriptedClient(TlsConnection.server(config(ClientAuth.NONE)));
            fullHandshake(c, GCM, hello(List.of(GCM), Bytes.EMPTY, true, null));
            c.sendRecord(ContentType.HANDSHAKE, message(t));
            if (t == 1) {
                assertThat(c.serverFailure).isNull();
                assertThat(c.lastAlert()).isEqualTo(Alert.warning(AlertDescription.NO_RENEGOTIATION));
            } else {
                assertThat(c.serverFailure).isNotNull();
                assertThat(c.serverFailure.description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
                assertThat(c.lastAlert()).isEqualTo(Alert.fatal(AlertDescription.UNEXPECTED_MESSAGE));
            }
        }
    }
}
