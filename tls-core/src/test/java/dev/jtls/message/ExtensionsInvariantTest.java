package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed-extension records refuse inconsistent values; the builders give the wire order. */
class ExtensionsInvariantTest {
    @Test
    void builderOrderIsWireOrderAndUnsettingRemoves() {
        ClientHelloExtensions x = ClientHelloExtensions.builder()
                .renegotiationInfo(RenegotiationInfo.INITIAL)
                .extendedMasterSecret(true)
                .unknown(new UnknownExtension(ExtensionType.PADDING, Bytes.fromHex("0000")))
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.X25519)))
                .encryptThenMac(true)
                .encryptThenMac(false)
                .build();
        assertThat(x.order()).containsExactly(ExtensionType.RENEGOTIATION_INFO, ExtensionType.EXTENDED_MASTER_SECRET,
                ExtensionType.PADDING, ExtensionType.SUPPORTED_GROUPS);
        assertThat(x.encryptThenMac()).isFalse();
        assertThat(MessageNegativeTest.HEX.formatHex(encode(x)))
                .isEqualTo("0017" + "ff01000100" + "00170000" + "001500020000" + "000a00040002001d");
    }

    private static byte[] encode(ClientHelloExtensions x) {
        dev.jtls.record.TlsWriter w = new dev.jtls.record.TlsWriter();
        x.encode(w);
        return w.toByteArray();
    }

    @Test
    void inconsistentRecordsAreRefused() {
        // order naming an extension that is not held
        assertThatThrownBy(() -> new ClientHelloExtensions(null, null, null, null, null, null, null, false, true,
                null, null, null, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        // a typed extension kept as unknown
        assertThatThrownBy(() -> ClientHelloExtensions.builder()
                .unknown(new UnknownExtension(ExtensionType.SERVER_NAME, Bytes.EMPTY)))
                .isInstanceOf(IllegalArgumentException.class);
        // two unknown of one type
        assertThatThrownBy(() -> ServerHelloExtensions.builder()
                .unknown(new UnknownExtension(ExtensionType.of(99), Bytes.EMPTY))
                .unknown(new UnknownExtension(ExtensionType.of(99), Bytes.EMPTY)))
                .isInstanceOf(IllegalArgumentException.class);
        // ServerHello ALPN with two names; point formats without uncompressed
        assertThatThrownBy(() -> ServerHelloExtensions.builder().alpn(Alpn.of("h2", "http/1.1")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerHelloExtensions.builder()
                .ecPointFormats(new EcPointFormats(List.of(EcPointFormat.ANSIX962_COMPRESSED_PRIME))).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordSizeLimit(63)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaxFragmentLength(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Alpn(List.of(Bytes.EMPTY))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientHello(dev.jtls.record.ProtocolVersion.TLS1_2, Bytes.of(new byte[32]),
                Bytes.EMPTY, List.of(CipherSuiteId.of(0xc02f)), List.of(CompressionMethod.DEFLATE), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerNameList(List.of(
                new ServerNameList.ServerName(0, Bytes.fromHex("61")), new ServerNameList.ServerName(0, Bytes.fromHex("62")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverHelloAcknowledgements() {
        ServerHelloExtensions x = ServerHelloExtensions.builder()
                .renegotiationInfo(RenegotiationInfo.INITIAL)
                .extendedMasterSecret(true)
                .ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY)
                .serverName(true)
                .sessionTicket(true)
                .alpn(Alpn.of("h2"))
                .build();
        dev.jtls.record.TlsWriter w = new dev.jtls.record.TlsWriter();
        x.encode(w);
        assertThat(MessageNegativeTest.HEX.formatHex(w.toByteArray())).isEqualTo(
                "0020" + "ff01000100" + "00170000" + "000b00020100" + "00000000" + "00230000" + "001000050003026832");
        assertThat(x.selectedProtocol()).isEqualTo(Bytes.fromHex("6832"));
        assertThat(x.has(ExtensionType.SESSION_TICKET)).isTrue();
        assertThat(x.has(ExtensionType.STATUS_REQUEST)).isFalse();
    }
}
