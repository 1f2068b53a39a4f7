package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Hand-made malformed messages, each with the exact alert the RFCs (and tlsfuzzer) expect. */
class MessageNegativeTest {
    static final HexFormat HEX = HexFormat.of();
    static final String RANDOM = "00".repeat(32);
    /** ClientHello up to the end of compression_methods: TLS 1.2, no session id, one suite, null. */
    static final String CH_PREFIX = "0303" + RANDOM + "00" + "0002c02f" + "0100";
    static final String SH_PREFIX = "0303" + RANDOM + "00" + "c02f" + "00";

    static String ext(int type, String dataHex) {
        return String.format("%04x%04x", type, dataHex.length() / 2) + dataHex;
    }

    static String block(String... exts) {
        String all = String.join("", exts);
        return String.format("%04x", all.length() / 2) + all;
    }

    static byte[] clientHello(String... exts) {
        return HEX.parseHex(CH_PREFIX + block(exts));
    }

    static byte[] serverHello(String... exts) {
        return HEX.parseHex(SH_PREFIX + block(exts));
    }

    static void assertAlert(AlertDescription expected, Function<TlsReader, ?> decoder, byte[] body) {
        assertThatThrownBy(() -> decoder.apply(new TlsReader(body)))
                .isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).description()).isEqualTo(expected));
    }

    static void assertClientHelloAlert(AlertDescription expected, String... exts) {
        assertAlert(expected, ClientHello::decode, clientHello(exts));
    }

    static void assertServerHelloAlert(AlertDescription expected, String... exts) {
        assertAlert(expected, ServerHello::decode, serverHello(exts));
    }

    // ---- ClientHello framing ----

    @Test
    void truncatedClientHelloIsDecodeErrorAtEveryCut() {
        byte[] full = ClientHelloKnownAnswerTest.handshakeMessage();
        byte[] body = Arrays.copyOfRange(full, 4, full.length);
        // a cut right after compression_methods is a legal hello without extensions
        int endOfCompression = 2 + 32 + 1 + 2 + 56 + 2;
        for (int cut = 0; cut < body.length; cut++) {
            byte[] truncated = Arrays.copyOf(body, cut);
            if (cut == endOfCompression) {
                assertThat(ClientHello.decode(new TlsReader(truncated)).extensions()).isNull();
                continue;
            }
            assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode, truncated);
        }
    }

    @Test
    void everyMessageTruncatedAtEveryByteIsDecodeError() {
        HandshakeMessage[] samples = {
            Arb.serverHello().sample(), Arb.certificate().filter(c -> !c.certificates().isEmpty()).sample(),
            Arb.serverKeyExchange().sample(), Arb.certificateRequest().sample(), Arb.certificateVerify().sample(),
            Arb.rsaClientKeyExchange().sample(), Arb.ecdhClientKeyExchange().sample(), Arb.finished().sample(),
            Arb.newSessionTicket().sample(), Arb.certificateStatus().sample(),
        };
        for (HandshakeMessage m : samples) {
            byte[] raw = m.encodeWithHeader();
            KeyExchangeKind kind = m instanceof ClientKeyExchange ? ((ClientKeyExchange) m).kind() : KeyExchangeKind.RSA;
            for (int cut = 4; cut < raw.length; cut++) {
                byte[] t = Arrays.copyOf(raw, cut);
                t[1] = (byte) ((cut - 4) >>> 16);
                t[2] = (byte) ((cut - 4) >>> 8);
                t[3] = (byte) (cut - 4);
                // a ServerHello cut right after compression_method is a legal hello without extensions
                if (m instanceof ServerHello && cut - 4 == 2 + 32 + 1 + ((ServerHello) m).sessionId().length() + 3) {
                    continue;
                }
                assertThatThrownBy(() -> HandshakeMessages.decode(new HandshakeFrame(t), DecodeContext.negotiated(kind)))
                        .as("%s cut at %d", m.type(), cut)
                        .isInstanceOf(TlsAlertException.class)
                        .satisfies(e -> assertThat(((TlsAlertException) e).description())
                                .isEqualTo(AlertDescription.DECODE_ERROR));
            }
            // and one trailing byte is decode_error too
            byte[] longer = Arrays.copyOf(raw, raw.length + 1);
            int len = raw.length - 3;
            longer[1] = (byte) (len >>> 16);
            longer[2] = (byte) (len >>> 8);
            longer[3] = (byte) len;
            assertThatThrownBy(() -> HandshakeMessages.decode(new HandshakeFrame(longer), DecodeContext.negotiated(kind)))
                    .as("%s with a trailing byte", m.type())
                    .isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).description())
                            .isEqualTo(AlertDescription.DECODE_ERROR));
        }
    }

    @Test
    void clientHelloWithoutExtensionsIsLegalAndWithEmptyBlockToo() {
        ClientHello none = ClientHello.decode(new TlsReader(HEX.parseHex(CH_PREFIX)));
        assertThat(none.extensions()).isNull();
        assertThat(none.extensionsOrEmpty()).isEqualTo(ClientHelloExtensions.EMPTY);
        ClientHello empty = ClientHello.decode(new TlsReader(HEX.parseHex(CH_PREFIX + "0000")));
        assertThat(empty.extensions()).isEqualTo(ClientHelloExtensions.EMPTY);
        assertThat(HEX.formatHex(empty.encodeWithHeader())).endsWith("0100" + "0000");
    }

    @Test
    void trailingBytesAfterExtensionsAreDecodeError() {
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode, HEX.parseHex(CH_PREFIX + block(ext(23, "")) + "00"));
        // a single stray byte where the extensions block would start
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode, HEX.parseHex(CH_PREFIX + "00"));
    }

    @Test
    void extensionsBlockLengthDisagreeingWithContentIsDecodeError() {
        String exts = ext(23, "") + ext(22, "");
        int len = exts.length() / 2;
        // block claims one byte less / more than its content
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode,
                HEX.parseHex(CH_PREFIX + String.format("%04x", len - 1) + exts));
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode,
                HEX.parseHex(CH_PREFIX + String.format("%04x", len + 1) + exts));
        // an extension whose length runs past the block
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode,
                HEX.parseHex(CH_PREFIX + "0004" + "00170001"));
        // like tlsfuzzer test-extensions.py "fuzz ext length": every wrong block length fails
        for (int wrong = 0; wrong < 0x100; wrong++) {
            if (wrong == len) {
                continue;
            }
            assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode,
                    HEX.parseHex(CH_PREFIX + String.format("%04x", wrong) + exts));
        }
    }

    @Test
    void compressionWithoutNullIsIllegalParameter() {
        // tlsfuzzer test-invalid-compression-methods.py: "only deflate" and "invalid compression methods"
        String onlyDeflate = "0303" + RANDOM + "00" + "0002c02f" + "0101";
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, ClientHello::decode, HEX.parseHex(onlyDeflate));
        StringBuilder all = new StringBuilder("0303" + RANDOM + "00" + "0002c02f" + "ff");
        for (int i = 1; i < 256; i++) {
            all.append(String.format("%02x", i));
        }
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, ClientHello::decode, HEX.parseHex(all.toString()));
        // an empty list is a malformed vector <1..2^8-1>
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode,
                HEX.parseHex("0303" + RANDOM + "00" + "0002c02f" + "00"));
    }

    @Test
    void sessionIdAndCipherSuitesBounds() {
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode,
                HEX.parseHex("0303" + RANDOM + "21" + "03".repeat(33) + "0002c02f0100"));
        ClientHello max = ClientHello.decode(new TlsReader(HEX.parseHex("0303" + RANDOM + "20" + "03".repeat(32) + "0002c02f0100")));
        assertThat(max.sessionId().length()).isEqualTo(32);
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode, HEX.parseHex("0303" + RANDOM + "00" + "0003c02f00" + "0100"));
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode, HEX.parseHex("0303" + RANDOM + "00" + "0000" + "0100"));
        assertAlert(AlertDescription.DECODE_ERROR, ClientHello::decode, HEX.parseHex("0303" + RANDOM.substring(2) + "00"));
    }

    @Test
    void signallingSuitesAreJustIds() {
        ClientHello ch = ClientHello.decode(new TlsReader(HEX.parseHex("0303" + RANDOM + "00" + "000600ff5600c02f" + "0100")));
        assertThat(ch.cipherSuites()).containsExactly(CipherSuiteId.TLS_EMPTY_RENEGOTIATION_INFO_SCSV,
                CipherSuiteId.TLS_FALLBACK_SCSV, CipherSuiteId.of(0xc02f));
    }

    // ---- extensions in a ClientHello ----

    @Test
    void duplicateExtensionsAreIllegalParameter() {
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(23, ""), ext(23, ""));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(0x1234, "01"), ext(23, ""), ext(0x1234, ""));
        assertServerHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(0xff01, "00"), ext(0xff01, "00"));
    }

    @Test
    void ecPointFormats() {
        String groups = ext(10, "00020017");
        // RFC 8422 §5.1.2, tlsfuzzer test-point-extension.py
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, groups, ext(11, "0102"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(11, "020102"), groups);
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, groups, ext(11, "00"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, groups, ext(11, ""));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, groups, ext(11, "0200"));
        // not offering RFC 8422 curves: the rule does not apply
        ClientHello ffdheOnly = ClientHello.decode(new TlsReader(clientHello(ext(10, "00020100"), ext(11, "0101"))));
        assertThat(ffdheOnly.extensions().ecPointFormats().hasUncompressed()).isFalse();
        ClientHello ok = ClientHello.decode(new TlsReader(clientHello(groups, ext(11, "03010200"))));
        assertThat(ok.extensions().ecPointFormats().hasUncompressed()).isTrue();
        assertServerHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(11, "0101"));
    }

    @Test
    void alpn() {
        // tlsfuzzer test-alpn-negotiation.py: empty element, empty list, empty extension, bad lengths
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "000100"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "0000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, ""));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "0003026832" + "00"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "0004026832"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "0003036832"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "000602683202"));
        // RFC 7301 §3.1: a ServerHello carries exactly one name
        assertServerHelloAlert(AlertDescription.DECODE_ERROR, ext(16, "0006026832026833"));
        ServerHello sh = ServerHello.decode(new TlsReader(serverHello(ext(16, "0003026832"))));
        assertThat(sh.extensions().selectedProtocol()).isEqualTo(Bytes.fromHex("6832"));
    }

    @Test
    void serverName() {
        // tlsfuzzer test-invalid-server-name-extension.py
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0, ""));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0, "0000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0, "0003000000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0, "000400000165" + "78"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0, "ffffffff"));
        // a NUL in the host name
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(0, "0004000001" + "00"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(0, "000a" + "0000026162" + "0000026364"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(0, "0006000003610762"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(0, "000700000461c48562"));
        // unknown name types are kept and ignored, before or after the host_name
        ClientHello ch = ClientHello.decode(new TlsReader(clientHello(ext(0, "000c" + "01000401020304" + "0000026162"))));
        assertThat(ch.extensions().serverName().hostName()).isEqualTo("ab");
        assertThat(ch.extensions().serverName().names()).hasSize(2);
        // ServerHello: empty acknowledgement only
        assertThat(ServerHello.decode(new TlsReader(serverHello(ext(0, "")))).extensions().serverName()).isTrue();
        assertServerHelloAlert(AlertDescription.DECODE_ERROR, ext(0, "0003000000"));
    }

    @Test
    void emptyBodiedExtensions() {
        // RFC 7627 §5.1 / RFC 7366 §2: extension_data is empty
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(23, "00"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(22, "00"));
        assertServerHelloAlert(AlertDescription.DECODE_ERROR, ext(23, "00"));
        assertServerHelloAlert(AlertDescription.DECODE_ERROR, ext(22, "0000"));
        assertServerHelloAlert(AlertDescription.DECODE_ERROR, ext(35, "01"));
        assertServerHelloAlert(AlertDescription.DECODE_ERROR, ext(5, "01"));
    }

    @Test
    void recordSizeLimitAndMaxFragmentLength() {
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(28, "003f"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(28, "0000"));
        assertThat(ClientHello.decode(new TlsReader(clientHello(ext(28, "0040")))).extensions().recordSizeLimit().limit())
                .isEqualTo(64);
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(28, "00"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(28, "004000"));
        assertServerHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(28, "0010"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(1, "00"));
        assertClientHelloAlert(AlertDescription.ILLEGAL_PARAMETER, ext(1, "05"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(1, ""));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(1, "0101"));
    }

    @Test
    void renegotiationInfoSupportedGroupsSignatureAlgorithmsStatusRequest() {
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0xff01, ""));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0xff01, "0200"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(0xff01, "0000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(10, "0000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(10, "000300170018"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(13, "0000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(13, "0003040304"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(5, "01000000"));
        assertClientHelloAlert(AlertDescription.DECODE_ERROR, ext(5, "0100020000" + "0000"));
        // an unknown status type is kept opaque and ignored
        ClientHello ch = ClientHello.decode(new TlsReader(clientHello(ext(5, "02abcdef"))));
        assertThat(ch.extensions().statusRequest().isOcsp()).isFalse();
        assertThat(ch.extensions().statusRequest().otherRequest()).isEqualTo(Bytes.fromHex("abcdef"));
    }

    @Test
    void unknownExtensionsAreKeptInOrder() {
        ClientHello ch = ClientHello.decode(new TlsReader(clientHello(ext(0x0a0a, ""), ext(23, ""), ext(21, "0000"))));
        ClientHelloExtensions x = ch.extensions();
        assertThat(x.order()).containsExactly(ExtensionType.of(0x0a0a), ExtensionType.EXTENDED_MASTER_SECRET,
                ExtensionType.PADDING);
        assertThat(x.unknown()).containsExactly(new UnknownExtension(ExtensionType.of(0x0a0a), Bytes.EMPTY),
                new UnknownExtension(ExtensionType.PADDING, Bytes.fromHex("0000")));
        assertThat(x.has(ExtensionType.PADDING)).isTrue();
        assertThat(x.has(ExtensionType.SERVER_NAME)).isFalse();
        // a ServerHello extension jtls never offers (e.g. supported_groups) is kept for the state
        // machine to refuse with unsupported_extension
        ServerHello sh = ServerHello.decode(new TlsReader(serverHello(ext(10, "00020017"))));
        assertThat(sh.extensions().unknown()).extracting(UnknownExtension::type).containsExactly(ExtensionType.SUPPORTED_GROUPS);
    }

    // ---- other messages ----

    @Test
    void emptyMessagesRefuseABody() {
        assertAlert(AlertDescription.DECODE_ERROR, ServerHelloDone::decode, new byte[] {0});
        assertAlert(AlertDescription.DECODE_ERROR, HelloRequest::decode, new byte[] {0});
        assertThat(HandshakeMessages.decode(new HandshakeFrame(new byte[] {14, 0, 0, 0}), DecodeContext.INITIAL))
                .isEqualTo(ServerHelloDone.INSTANCE);
    }

    @Test
    void clientKeyExchange() {
        // extra bytes after the RSA ciphertext / the ECDH point
        assertAlert(AlertDescription.DECODE_ERROR, RsaClientKeyExchange::decode, HEX.parseHex("0002abcd00"));
        assertAlert(AlertDescription.DECODE_ERROR, RsaClientKeyExchange::decode, HEX.parseHex("0003abcd"));
        assertAlert(AlertDescription.DECODE_ERROR, EcdhClientKeyExchange::decode, HEX.parseHex("02abcd00"));
        assertAlert(AlertDescription.DECODE_ERROR, EcdhClientKeyExchange::decode, HEX.parseHex("00"));
        assertAlert(AlertDescription.DECODE_ERROR, EcdhClientKeyExchange::decode, new byte[0]);
        // an empty RSA ciphertext is framed correctly: its rejection belongs to implicit rejection
        assertThat(RsaClientKeyExchange.decode(new TlsReader(HEX.parseHex("0000"))).encryptedPreMasterSecret()).isEqualTo(Bytes.EMPTY);
        // the context picks the form
        byte[] cke = HEX.parseHex("10000003" + "02abcd");
        assertThat(HandshakeMessages.decode(new HandshakeFrame(cke), DecodeContext.negotiated(KeyExchangeKind.ECDHE)))
                .isEqualTo(new EcdhClientKeyExchange(Bytes.fromHex("abcd")));
        assertThatThrownBy(() -> HandshakeMessages.decode(new HandshakeFrame(cke), DecodeContext.negotiated(KeyExchangeKind.RSA)))
                .isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).description()).isEqualTo(AlertDescription.DECODE_ERROR));
        assertThatThrownBy(() -> HandshakeMessages.decode(new HandshakeFrame(cke), DecodeContext.INITIAL))
                .isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
    }

    @Test
    void finishedLength() {
        assertAlert(AlertDescription.DECODE_ERROR, r -> Finished.decode(r, 12), new byte[11]);
        assertAlert(AlertDescription.DECODE_ERROR, r -> Finished.decode(r, 12), new byte[13]);
        assertAlert(AlertDescription.DECODE_ERROR, r -> Finished.decode(r, 12), new byte[0]);
        assertThat(Finished.decode(new TlsReader(new byte[12]), 12).verifyData().length()).isEqualTo(12);
    }

    @Test
    void serverKeyExchange() {
        String params = "03" + "0017" + "02" + "0401";
        assertThat(ServerKeyExchange.decode(new TlsReader(HEX.parseHex(params + "0403" + "0001ff"))).group())
                .isEqualTo(NamedGroupId.SECP256R1);
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, ServerKeyExchange::decode,
                HEX.parseHex("01" + "0017" + "02" + "0401" + "0403" + "0001ff"));
        assertAlert(AlertDescription.DECODE_ERROR, ServerKeyExchange::decode, HEX.parseHex("03" + "0017" + "00" + "0403" + "0000"));
        assertAlert(AlertDescription.DECODE_ERROR, ServerKeyExchange::decode, HEX.parseHex(params + "0403" + "0002ff"));
        assertAlert(AlertDescription.DECODE_ERROR, ServerKeyExchange::decode, HEX.parseHex(params + "0403" + "0001ff00"));
        ServerKeyExchange ske = ServerKeyExchange.decode(new TlsReader(HEX.parseHex(params + "0403" + "0001ff")));
        assertThat(HEX.formatHex(ske.paramsBytes())).isEqualTo(params);
        assertThat(HEX.formatHex(ske.signedData(Bytes.fromHex("aa".repeat(32)), Bytes.fromHex("bb".repeat(32)))))
                .isEqualTo("aa".repeat(32) + "bb".repeat(32) + params);
    }

    @Test
    void certificateAndRequestAndStatusAndTicket() {
        assertAlert(AlertDescription.DECODE_ERROR, Certificate::decode, HEX.parseHex("000003000000"));
        assertThat(Certificate.decode(new TlsReader(HEX.parseHex("000000")))).isEqualTo(Certificate.EMPTY);
        assertAlert(AlertDescription.DECODE_ERROR, Certificate::decode, HEX.parseHex("00000400000230"));
        assertAlert(AlertDescription.DECODE_ERROR, CertificateRequest::decode, HEX.parseHex("00" + "00020401" + "0000"));
        assertAlert(AlertDescription.DECODE_ERROR, CertificateRequest::decode, HEX.parseHex("0140" + "0000" + "0000"));
        assertAlert(AlertDescription.DECODE_ERROR, CertificateRequest::decode, HEX.parseHex("0140" + "00020401" + "00020000"));
        assertThat(CertificateRequest.decode(new TlsReader(HEX.parseHex("0140" + "00020403" + "0000"))).certificateAuthorities()).isEmpty();
        assertAlert(AlertDescription.DECODE_ERROR, CertificateStatus::decode, HEX.parseHex("02" + "00000130"));
        assertAlert(AlertDescription.DECODE_ERROR, CertificateStatus::decode, HEX.parseHex("01" + "000000"));
        assertAlert(AlertDescription.DECODE_ERROR, NewSessionTicket::decode, HEX.parseHex("00000e10" + "0002ab"));
        assertThat(NewSessionTicket.decode(new TlsReader(HEX.parseHex("ffffffff0000"))).lifetimeHint()).isEqualTo(0xffffffffL);
    }

    @Test
    void unknownHandshakeTypesAreUnexpectedMessage() {
        for (int type : new int[] {3, 5, 8, 21, 23, 24, 67, 99, 255}) {
            byte[] raw = {(byte) type, 0, 0, 0};
            assertThatThrownBy(() -> HandshakeMessages.decode(new HandshakeFrame(raw), DecodeContext.INITIAL))
                    .isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).description())
                            .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
        }
    }
}
