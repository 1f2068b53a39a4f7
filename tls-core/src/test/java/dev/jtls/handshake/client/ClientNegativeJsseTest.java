package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Alpn;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.ExtensionType;
import dev.jtls.message.MaxFragmentLength;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A hostile server: SunJSSE's flight, tampered with in the pump. Each test asserts the alert jtls
 * sends and that the server engine received it.
 */
class ClientNegativeJsseTest {
    static final int SERVER_HELLO = 2;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int SERVER_HELLO_DONE = 14;
    static final byte[] SERVER_HELLO_DONE_MESSAGE = {14, 0, 0, 0};
    static final byte[] HELLO_REQUEST_MESSAGE = {0, 0, 0, 0};

    static Conversation run(TlsConfig config, JssePeer peer, ServerFlightTamper tamper) {
        Conversation c = new Conversation(config, peer.serverEngine(), JssePeer.HOST, 443);
        c.serverTamper = tamper;
        return c.pump();
    }

    static Conversation run(TlsConfig config, ServerFlightTamper tamper) {
        return run(config, new JssePeer(), tamper);
    }

    static void assertAlert(Conversation c, AlertDescription alert) {
        assertThat(c.client.failure()).as("client failure").isNotNull();
        assertThat(c.client.failure().description()).isEqualTo(alert);
        assertThat(c.client.failure().getMessage()).doesNotStartWith("peer aborted: ");
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        // The server engine saw exactly that alert.
        assertThat(c.serverFailure).as("server saw an alert").isNotNull();
        assertThat(c.serverFailure.getMessage()).contains(alert.rfcName());
    }

    static ServerHello decode(byte[] message) {
        return new TlsReader(message, 4, message.length - 4).readAll("ServerHello", ServerHello::decode);
    }

    /** A ServerHello rewritten by {@code f}. */
    static ServerFlightTamper serverHello(UnaryOperator<ServerHello> f) {
        return ServerFlightTamper.onType(SERVER_HELLO, m -> List.of(f.apply(decode(m)).encodeWithHeader()));
    }

    static ServerHello withSuite(ServerHello h, int suite) {
        return new ServerHello(h.serverVersion(), h.random(), h.sessionId(), CipherSuiteId.of(suite),
                h.compressionMethod(), h.extensions());
    }

    static ServerHello withExtensions(ServerHello h, ServerHelloExtensions x) {
        return new ServerHello(h.serverVersion(), h.random(), h.sessionId(), h.cipherSuite(), h.compressionMethod(), x);
    }

    /** The ServerHello's extensions with {@code change} applied to a builder replaying them. */
    static ServerHelloExtensions rebuild(ServerHelloExtensions x, java.util.function.Consumer<ServerHelloExtensions.Builder> change) {
        ServerHelloExtensions.Builder b = ServerHelloExtensions.builder();
        for (ExtensionType t : x.order()) {
            switch (t.code()) {
                case 0: b.serverName(true); break;
                case 1: b.maxFragmentLength(x.maxFragmentLength()); break;
                case 28: b.recordSizeLimit(x.recordSizeLimit()); break;
                case 11: b.ecPointFormats(x.ecPointFormats()); break;
                case 16: b.alpn(x.alpn()); break;
                case 22: b.encryptThenMac(true); break;
                case 23: b.extendedMasterSecret(true); break;
                case 35: b.sessionTicket(true); break;
                case 0xff01: b.renegotiationInfo(x.renegotiationInfo()); break;
                default: throw new AssertionError("unexpected extension from SunJSSE: " + t);
            }
        }
        change.accept(b);
        return b.build();
    }

    static TlsConfig.Builder config(CipherSuite... suites) {
        return ClientJsseHandshakeTest.config().cipherSuites(List.of(suites));
    }

    @Test
    void suiteNotOfferedIsIllegalParameter() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverHello(h -> withSuite(h, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.code())));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
        assertThat(c.client.failure().getMessage()).contains("not offered");
    }

    @Test
    void unknownSuiteIsIllegalParameter() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverHello(h -> withSuite(h, 0x00ff)));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void olderVersionIsProtocolVersion() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverHello(h -> new ServerHello(ProtocolVersion.TLS1_1, h.random(), h.sessionId(), h.cipherSuite(),
                        h.compressionMethod(), h.extensions())));
        assertAlert(c, AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void compressionIsIllegalParameter() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverHello(h -> new ServerHello(h.serverVersion(), h.random(), h.sessionId(), h.cipherSuite(),
                        CompressionMethod.of(1), h.extensions())));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void extensionNotOfferedIsUnsupportedExtension() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverHello(h -> withExtensions(h, rebuild(h.extensionsOrEmpty(),
                        b -> b.maxFragmentLength(MaxFragmentLength.decode(new TlsReader(new byte[] {1})))))));
        assertAlert(c, AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void nonEmptyRenegotiationInfoIsHandshakeFailure() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverHello(h -> withExtensions(h, rebuild(h.extensionsOrEmpty(),
                        b -> b.renegotiationInfo(new RenegotiationInfo(Bytes.of(new byte[24])))))));
        assertAlert(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void alpnNotOfferedIsIllegalParameter() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).alpnProtocols(List.of("h2")).build(),
                serverHello(h -> withExtensions(h, rebuild(h.extensionsOrEmpty(), b -> b.alpn(Alpn.of("spdy/3"))))));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void encryptThenMacWithAnAeadSuiteIsIllegalParameter() {
        // Offer a CBC suite too so that the client sends encrypt_then_mac; the server picks GCM.
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA).build(),
                serverHello(h -> h.cipherSuite().code() == 0xc02f
                        ? withExtensions(h, rebuild(h.extensionsOrEmpty(), b -> b.encryptThenMac(true))) : h));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void tamperedServerKeyExchangeSignatureIsDecryptError() {
        for (CipherSuite suite : List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)) {
            Conversation c = run(config(suite).build(), ServerFlightTamper.onType(SERVER_KEY_EXCHANGE, m -> {
                byte[] t = m.clone();
                t[t.length - 10] ^= 0x01;
                return List.of(t);
            }));
            assertAlert(c, AlertDescription.DECRYPT_ERROR);
        }
    }

    @Test
    void tamperedServerKeyExchangePublicKeyIsDecryptError() {
        // The signature covers the server's public key (RFC 8422 §5.4).
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(SERVER_KEY_EXCHANGE, m -> {
                    byte[] t = m.clone();
                    t[4 + 4 + 3] ^= 0x01;
                    return List.of(t);
                }));
        assertAlert(c, AlertDescription.DECRYPT_ERROR);
    }

    static ServerFlightTamper serverKeyExchange(UnaryOperator<ServerKeyExchange> f) {
        return ServerFlightTamper.onType(SERVER_KEY_EXCHANGE, m -> List.of(f.apply(
                new TlsReader(m, 4, m.length - 4).readAll("ServerKeyExchange", ServerKeyExchange::decode))
                .encodeWithHeader()));
    }

    @Test
    void groupNotOfferedIsIllegalParameter() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                        .groups(List.of(dev.jtls.crypto.NamedGroup.X25519)).build(),
                serverKeyExchange(k -> new ServerKeyExchange(NamedGroupId.of(dev.jtls.crypto.NamedGroup.X448),
                        k.publicKey(), k.signatureAlgorithm(), k.signature())));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
        assertThat(c.client.failure().getMessage()).contains("group");
    }

    @Test
    void signatureSchemeNotOfferedIsIllegalParameter() {
        // rsa_pkcs1_sha1 (0x0201): jtls never offers SHA-1 signatures.
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverKeyExchange(k -> new ServerKeyExchange(k.group(), k.publicKey(), SignatureSchemeId.of(0x0201),
                        k.signature())));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void signatureSchemeNotFittingTheKeyIsIllegalParameter() {
        // An ECDSA scheme on ServerKeyExchange from a server whose certificate key is RSA.
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                serverKeyExchange(k -> new ServerKeyExchange(k.group(), k.publicKey(), SignatureSchemeId.of(0x0403),
                        k.signature())));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void certificateKeyNotFittingTheSuiteIsUnsupportedCertificate() {
        // An ECDHE_ECDSA suite with the server's RSA certificate (RFC 5246 §7.4.2).
        byte[] rsaChain = new dev.jtls.message.Certificate(List.of(der(JssePeer.RSA_LEAF.certificate()),
                der(JssePeer.CA.certificate()))).encodeWithHeader();
        Conversation c = run(config(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(CERTIFICATE, m -> List.of(rsaChain)));
        assertAlert(c, AlertDescription.UNSUPPORTED_CERTIFICATE);
    }

    @Test
    void garbageCertificateIsBadCertificate() {
        byte[] garbage = new dev.jtls.message.Certificate(List.of(Bytes.of(new byte[] {0x30, 0x03, 1, 2, 3})))
                .encodeWithHeader();
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(CERTIFICATE, m -> List.of(garbage)));
        assertAlert(c, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void emptyCertificateIsDecodeError() {
        // RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST
        // abort the handshake with a decode_error alert."
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(CERTIFICATE, m -> List.of(dev.jtls.message.Certificate.EMPTY.encodeWithHeader())));
        assertAlert(c, AlertDescription.DECODE_ERROR);
    }

    @Test
    void untrustedServerIsUnknownCa() {
        var otherCa = dev.jtls.testing.TestCerts.ca("someone else", dev.jtls.testing.TestCerts.Kind.EC_P256);
        TlsConfig config = TlsConfig.builder().trust(new dev.jtls.pki.PinnedTrustVerifier(
                List.of(otherCa.certificate()), java.time.Clock.systemUTC())).build();
        Conversation c = run(config, new ServerFlightTamper(List::of));
        assertAlert(c, AlertDescription.UNKNOWN_CA);
    }

    @Test
    void wrongHostNameIsBadCertificate() {
        Conversation c = new Conversation(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                new JssePeer().serverEngine(), "other.test", 443).pump();
        assertAlert(c, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void noSharedGroupForTheServersCertificateIsTheServersHandshakeFailure() {
        // RFC 8422 §5.1: the ECDSA certificate's curve (P-256) is not among the client's groups,
        // so SunJSSE has nothing to offer: jtls reports the server's fatal alert.
        Conversation c = run(config(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .groups(List.of(dev.jtls.crypto.NamedGroup.X25519)).build(), new ServerFlightTamper(List::of));
        assertThat(c.client.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(c.client.failure().getMessage()).startsWith("peer aborted: ");
    }

    @Test
    void chainLongerThanTheLimitIsBadCertificate() {
        // SunJSSE sends leaf + CA: two certificates, one more than this client accepts.
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                .limits(new dev.jtls.config.Limits(256 * 1024, 1, 32, 4)).build(), new ServerFlightTamper(List::of));
        assertAlert(c, AlertDescription.BAD_CERTIFICATE);
    }

    static Bytes der(java.security.cert.X509Certificate cert) {
        try {
            return Bytes.of(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void serverHelloDoneBeforeServerHelloIsUnexpectedMessage() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(SERVER_HELLO, m -> List.of(SERVER_HELLO_DONE_MESSAGE, m)));
        assertAlert(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void missingCertificateIsUnexpectedMessage() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(CERTIFICATE, m -> List.of()));
        assertAlert(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void missingServerKeyExchangeIsUnexpectedMessage() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(SERVER_KEY_EXCHANGE, m -> List.of()));
        assertAlert(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void serverKeyExchangeWithRsaKeyExchangeIsUnexpectedMessage() {
        // RFC 5246 §7.4.3: no ServerKeyExchange for RSA key exchange; send the Certificate twice instead.
        Conversation c = run(config(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(CERTIFICATE, m -> List.of(m, m)));
        assertAlert(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void trailingByteInServerHelloDoneIsDecodeError() {
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(SERVER_HELLO_DONE, m -> List.of(new byte[] {14, 0, 0, 1, 0})));
        assertAlert(c, AlertDescription.DECODE_ERROR);
    }

    @Test
    void helloRequestDuringTheHandshakeIsIgnored() {
        // RFC 5246 §7.4.1.1: "ignored by the client if the client is currently negotiating a session".
        Conversation c = run(config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build(),
                ServerFlightTamper.onType(CERTIFICATE, m -> List.of(HELLO_REQUEST_MESSAGE, m, HELLO_REQUEST_MESSAGE)));
        assertThat(c.client.failure()).isNull();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        c.exchange(100, 1);
    }

    // ---- resumption ----

    /** A first, full handshake with the peer, so that the config's cache holds a session. */
    static void prime(TlsConfig config, JssePeer peer) {
        Conversation first = run(config, peer, new ServerFlightTamper(List::of));
        assertThat(first.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(first.negotiated().resumed()).isFalse();
    }

    @Test
    void wrongServerFinishedIsDecryptError() {
        // In an abbreviated handshake the server's Finished comes first. Swapping two ServerHello
        // extensions changes only the client's transcript, so the server's Finished no longer
        // matches it (RFC 5246 §7.4.9).
        JssePeer peer = new JssePeer();
        TlsConfig config = config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).sessionTickets(false).build();
        prime(config, peer);
        Conversation c = run(config, peer, serverHello(h -> {
            ServerHelloExtensions x = h.extensionsOrEmpty();
            assertThat(x.order().size()).isGreaterThanOrEqualTo(2);
            List<ExtensionType> order = new ArrayList<>(x.order());
            java.util.Collections.swap(order, 0, 1);
            return withExtensions(h, new ServerHelloExtensions(x.serverName(), x.maxFragmentLength(), x.statusRequest(),
                    x.ecPointFormats(), x.alpn(), x.encryptThenMac(), x.extendedMasterSecret(), x.recordSizeLimit(),
                    x.sessionTicket(), x.renegotiationInfo(), x.unknown(), order));
        }));
        assertAlert(c, AlertDescription.DECRYPT_ERROR);
        assertThat(c.client.failure().getMessage()).contains("Finished");
    }

    @Test
    void resumptionWithAChangedSuiteIsIllegalParameter() {
        JssePeer peer = new JssePeer();
        TlsConfig config = config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384).sessionTickets(false).build();
        prime(config, peer);
        int[] firstSuite = new int[1];
        Conversation c = run(config, peer, serverHello(h -> {
            firstSuite[0] = h.cipherSuite().code();
            int other = h.cipherSuite().code() == 0xc02f ? 0xc030 : 0xc02f;
            return withSuite(h, other);
        }));
        assertAlert(c, AlertDescription.ILLEGAL_PARAMETER);
        assertThat(c.client.failure().getMessage()).contains("resumed");
        // The session that failed to resume is not offered again.
        assertThat(config.clientSessionCache().size()).isZero();
    }

    @Test
    void resumptionWithoutExtendedMasterSecretIsHandshakeFailure() {
        // RFC 7627 §5.3: the original session used EMS; a resuming ServerHello without it is fatal.
        JssePeer peer = new JssePeer();
        TlsConfig config = config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).sessionTickets(false).build();
        prime(config, peer);
        Conversation c = run(config, peer, serverHello(h -> {
            ServerHelloExtensions x = h.extensionsOrEmpty();
            List<ExtensionType> order = new ArrayList<>(x.order());
            order.remove(ExtensionType.EXTENDED_MASTER_SECRET);
            return withExtensions(h, new ServerHelloExtensions(x.serverName(), x.maxFragmentLength(), x.statusRequest(),
                    x.ecPointFormats(), x.alpn(), x.encryptThenMac(), false, x.recordSizeLimit(),
                    x.sessionTicket(), x.renegotiationInfo(), x.unknown(), order));
        }));
        assertAlert(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void fullHandshakeWithoutExtendedMasterSecretIsNotCached() {
        // A ServerHello without extended_master_secret makes jtls derive the legacy master secret
        // (RFC 5246 §8.1), and such a session is never cached (RFC 7627 §5.3).
        JssePeer peer = new JssePeer();
        TlsConfig config = config(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build();
        Conversation c = run(config, peer, serverHello(h -> {
            ServerHelloExtensions x = h.extensionsOrEmpty();
            List<ExtensionType> order = new ArrayList<>(x.order());
            order.remove(ExtensionType.EXTENDED_MASTER_SECRET);
            return withExtensions(h, new ServerHelloExtensions(x.serverName(), x.maxFragmentLength(), x.statusRequest(),
                    x.ecPointFormats(), x.alpn(), x.encryptThenMac(), false, x.recordSizeLimit(),
                    x.sessionTicket(), x.renegotiationInfo(), x.unknown(), order));
        }));
        // SunJSSE derived its master secret with EMS and jtls without, so the server cannot read
        // the client's Finished: the handshake fails, and nothing was cached.
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThat(config.clientSessionCache().size()).isZero();
        assertThat(Arrays.asList(c.client.events().toArray())).noneMatch(e -> e instanceof dev.jtls.handshake.SessionEstablished);
    }
}
