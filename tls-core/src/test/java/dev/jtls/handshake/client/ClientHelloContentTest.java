package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.ExtensionType;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the ClientHello carries (RFC 5246 §7.4.1.2 and the extension RFCs), decoded back from the wire. */
class ClientHelloContentTest {

    static ClientHello sent(TlsConfig config, String serverName) {
        ClientRenegotiationTest.Recorder out = new ClientRenegotiationTest.Recorder();
        ClientHandshake.start(config, serverName, out);
        assertThat(out.sent).hasSize(1);
        byte[] m = out.sent.get(0);
        assertThat(m[0]).isEqualTo((byte) 1);
        return new TlsReader(m, 4, m.length - 4).readAll("ClientHello", ClientHello::decode);
    }

    @Test
    void defaultHello() {
        TlsConfig config = TlsConfig.builder().alpnProtocols(List.of("h2", "http/1.1")).build();
        ClientHello h = sent(config, "Example.COM");
        assertThat(h.clientVersion()).isEqualTo(ProtocolVersion.TLS1_2);
        assertThat(h.sessionId().isEmpty()).isTrue();
        assertThat(h.compressionMethods()).containsExactly(CompressionMethod.NULL);
        assertThat(h.cipherSuites()).hasSize(CipherSuite.values().length);
        assertThat(h.cipherSuites().get(0)).isEqualTo(CipherSuiteId.of(CipherSuite.values()[0].code()));
        ClientHelloExtensions x = h.extensionsOrEmpty();
        assertThat(x.serverName().hostName()).isEqualTo("example.com");
        assertThat(x.supportedGroups().groups()).containsExactly(NamedGroupId.of(NamedGroup.X25519),
                NamedGroupId.of(NamedGroup.SECP256R1), NamedGroupId.of(NamedGroup.SECP384R1),
                NamedGroupId.of(NamedGroup.X448), NamedGroupId.of(NamedGroup.SECP521R1));
        assertThat(x.ecPointFormats().hasUncompressed()).isTrue();
        assertThat(x.ecPointFormats().formats()).hasSize(1);
        assertThat(x.signatureAlgorithms().schemes()).hasSize(dev.jtls.crypto.SignatureScheme.values().length);
        assertThat(x.alpn().names()).containsExactly("h2", "http/1.1");
        assertThat(x.extendedMasterSecret()).isTrue();
        assertThat(x.encryptThenMac()).isTrue();
        assertThat(x.sessionTicket().ticket().isEmpty()).isTrue();
        assertThat(x.renegotiationInfo().renegotiatedConnection().isEmpty()).isTrue();
        // RFC 6066 §8: ocsp with no responder ids and no extensions, on by default.
        assertThat(x.statusRequest()).isEqualTo(dev.jtls.message.StatusRequest.OCSP_DEFAULT);
        assertThat(x.has(ExtensionType.MAX_FRAGMENT_LENGTH)).isFalse();
    }

    @Test
    void noStatusRequestWhenStaplesAreNotWanted() {
        TlsConfig config = TlsConfig.builder().requestOcspStaple(false).build();
        assertThat(sent(config, "example.com").extensionsOrEmpty().has(ExtensionType.STATUS_REQUEST)).isFalse();
    }

    @Test
    void aeadOnlyRsaOnlyNoTicketsNoName() {
        TlsConfig config = TlsConfig.builder().cipherSuites(List.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256))
                .sessionTickets(false).build();
        ClientHelloExtensions x = sent(config, "10.0.0.1").extensionsOrEmpty();
        assertThat(x.serverName()).isNull();
        // RFC 8422 §5.1: no ECC extensions without an ECC suite; RFC 7366: no encrypt_then_mac without CBC.
        assertThat(x.supportedGroups()).isNull();
        assertThat(x.ecPointFormats()).isNull();
        assertThat(x.encryptThenMac()).isFalse();
        assertThat(x.sessionTicket()).isNull();
        assertThat(x.alpn()).isNull();
        assertThat(x.extendedMasterSecret()).isTrue();
        assertThat(x.renegotiationInfo()).isNotNull();
    }

    @Test
    void randomIsFreshEachTime() {
        TlsConfig config = TlsConfig.builder().build();
        assertThat(sent(config, null).random()).isNotEqualTo(sent(config, null).random());
    }
}
