package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.ProtocolVersion;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real ClientHello, captured from {@code openssl s_client -tls1_2 -servername example.com
 * -alpn h2,http/1.1 -status} (OpenSSL 3.0.19) connecting to a loopback socket that recorded the
 * first record. Decoding must give exactly the fields below and re-encoding the same bytes.
 */
class ClientHelloKnownAnswerTest {
    /** The TLS record (type 22, version 3.1, length 0x00e6) as captured. */
    static final String RECORD_HEX = "16030100e6"
            + "010000e20303a33fe24dcd841a31f629499524da58c1fed1f7ecf44608f4eab3308df494e587000038"
            + "c02cc030009fcca9cca8ccaac02bc02f009ec024c028006bc023c0270067c00ac0140039c009c013"
            + "0033009d009c003d003c0035002f00ff0100008100000010000e00000b6578616d706c652e636f6d"
            + "000b000403000102000a000c000a001d0017001e00190018002300000005000501000000000010000e"
            + "000c02683208687474702f312e310016000000170000000d002a0028040305030603080708080809"
            + "080a080b080408050806040105010601030303010302040205020602";

    static byte[] handshakeMessage() {
        byte[] record = HexFormat.of().parseHex(RECORD_HEX);
        return java.util.Arrays.copyOfRange(record, 5, record.length);
    }

    @Test
    void decodesOpensslClientHello() {
        byte[] raw = handshakeMessage();
        assertThat(raw.length).isEqualTo(0xe6);
        HandshakeMessage m = HandshakeMessages.decode(new HandshakeFrame(raw), DecodeContext.INITIAL);
        assertThat(m).isInstanceOf(ClientHello.class);
        ClientHello ch = (ClientHello) m;

        assertThat(ch.clientVersion()).isEqualTo(ProtocolVersion.TLS1_2);
        assertThat(ch.random()).isEqualTo(Bytes.fromHex("a33fe24dcd841a31f629499524da58c1fed1f7ecf44608f4eab3308df494e587"));
        assertThat(ch.sessionId()).isEqualTo(Bytes.EMPTY);
        assertThat(ch.cipherSuites()).hasSize(28);
        assertThat(ch.cipherSuites().get(0)).isEqualTo(CipherSuiteId.of(0xc02c));
        assertThat(ch.cipherSuites().get(0).toString()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertThat(ch.offers(CipherSuiteId.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)).isTrue();
        assertThat(ch.offers(CipherSuiteId.TLS_FALLBACK_SCSV)).isFalse();
        assertThat(ch.compressionMethods()).containsExactly(CompressionMethod.NULL);

        ClientHelloExtensions x = ch.extensions();
        assertThat(x).isNotNull();
        assertThat(x.order()).containsExactly(ExtensionType.SERVER_NAME, ExtensionType.EC_POINT_FORMATS,
                ExtensionType.SUPPORTED_GROUPS, ExtensionType.SESSION_TICKET, ExtensionType.STATUS_REQUEST,
                ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.ENCRYPT_THEN_MAC,
                ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.SIGNATURE_ALGORITHMS);
        assertThat(x.serverName().hostName()).isEqualTo("example.com");
        assertThat(x.ecPointFormats().formats()).containsExactly(EcPointFormat.UNCOMPRESSED,
                EcPointFormat.ANSIX962_COMPRESSED_PRIME, EcPointFormat.ANSIX962_COMPRESSED_CHAR2);
        assertThat(x.supportedGroups().groups()).containsExactly(NamedGroupId.X25519, NamedGroupId.SECP256R1,
                NamedGroupId.X448, NamedGroupId.SECP521R1, NamedGroupId.SECP384R1);
        assertThat(x.sessionTicket()).isEqualTo(SessionTicket.EMPTY);
        assertThat(x.statusRequest()).isEqualTo(StatusRequest.OCSP_DEFAULT);
        assertThat(x.alpn().names()).containsExactly("h2", "http/1.1");
        assertThat(x.encryptThenMac()).isTrue();
        assertThat(x.extendedMasterSecret()).isTrue();
        assertThat(x.signatureAlgorithms().schemes()).hasSize(20);
        assertThat(x.signatureAlgorithms().schemes().subList(0, 4)).containsExactly(
                SignatureSchemeId.ECDSA_SECP256R1_SHA256, SignatureSchemeId.ECDSA_SECP384R1_SHA384,
                SignatureSchemeId.ECDSA_SECP521R1_SHA512, SignatureSchemeId.ED25519);
        assertThat(x.renegotiationInfo()).isNull();
        assertThat(x.recordSizeLimit()).isNull();
        assertThat(x.maxFragmentLength()).isNull();
        assertThat(x.unknown()).isEmpty();

        assertThat(ch.encodeWithHeader()).isEqualTo(raw);
    }

    @Test
    void buildingTheSameHelloGivesTheSameBytes() {
        ClientHello decoded = (ClientHello) HandshakeMessages.decode(new HandshakeFrame(handshakeMessage()),
                DecodeContext.INITIAL);
        ClientHelloExtensions x = ClientHelloExtensions.builder()
                .serverName(ServerNameList.ofHostName("example.com"))
                .ecPointFormats(new EcPointFormats(List.of(EcPointFormat.of(0), EcPointFormat.of(1), EcPointFormat.of(2))))
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.X25519, NamedGroupId.SECP256R1,
                        NamedGroupId.X448, NamedGroupId.SECP521R1, NamedGroupId.SECP384R1)))
                .sessionTicket(SessionTicket.EMPTY)
                .statusRequest(StatusRequest.OCSP_DEFAULT)
                .alpn(Alpn.of("h2", "http/1.1"))
                .encryptThenMac(true)
                .extendedMasterSecret(true)
                .signatureAlgorithms(decoded.extensions().signatureAlgorithms())
                .build();
        ClientHello built = new ClientHello(ProtocolVersion.TLS1_2, decoded.random(), Bytes.EMPTY,
                decoded.cipherSuites(), List.of(CompressionMethod.NULL), x);
        assertThat(built).isEqualTo(decoded);
        assertThat(built.encodeWithHeader()).isEqualTo(handshakeMessage());
    }
}
