package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.record;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.server;
import static dev.jtls.handshake.server.ServerConformanceTest.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.record.AlertDescription;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * ClientHellos byte for byte as tlsfuzzer's scripts build them (tlslite-ng's ClientHelloGenerator:
 * version (3,3), empty session_id, no extensions block unless extensions are given), then mutated
 * at the offsets the scripts name. Each test names its script; the expected alert is the script's.
 */
class TlsfuzzerClientHelloTest {
    static final int AES128_SHA = 0x002f;
    static final int SCSV = 0x00ff;
    static final int RENEGOTIATION_INFO = 0xff01;

    /** One extension: type and body. */
    record Ext(int type, byte[] body) {
        static Ext empty(int type) {
            return new Ext(type, new byte[0]);
        }
    }

    /** tlslite ClientHello with the handshake header; {@code ext} null means no extensions block. */
    static byte[] tlsliteHello(int[] suites, List<Ext> ext) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(3);
        b.write(3);
        for (int i = 0; i < 32; i++) {
            b.write(0x40 + i);
        }
        b.write(0); // session_id
        u16(b, suites.length * 2);
        for (int s : suites) {
            u16(b, s);
        }
        b.write(1);
        b.write(0); // compression: null
        if (ext != null) {
            int total = 0;
            for (Ext e : ext) {
                total += 4 + e.body.length;
            }
            u16(b, total);
            for (Ext e : ext) {
                u16(b, e.type);
                u16(b, e.body.length);
                b.write(e.body, 0, e.body.length);
            }
        }
        byte[] body = b.toByteArray();
        byte[] msg = new byte[4 + body.length];
        msg[0] = 1;
        msg[1] = (byte) (body.length >>> 16);
        msg[2] = (byte) (body.length >>> 8);
        msg[3] = (byte) body.length;
        System.arraycopy(body, 0, msg, 4, body.length);
        return msg;
    }

    static void u16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    /** Without extensions: AES128-SHA and the renegotiation SCSV. */
    static byte[] plainHello() {
        return tlsliteHello(new int[] {AES128_SHA, SCSV}, null);
    }

    /** With an empty renegotiation_info extension and AES128-SHA only. */
    static byte[] helloWithExt() {
        return tlsliteHello(new int[] {AES128_SHA}, List.of(new Ext(RENEGOTIATION_INFO, new byte[] {0})));
    }

    static void assertServerHello(ScriptedClient c) {
        assertThat(c.serverFailure).as("server failure").isNull();
        assertThat(serverHello(c).cipherSuite().code()).isEqualTo(AES128_SHA);
    }

    // ---- test-invalid-client-hello.py

    static IntStream oneTo255() {
        return IntStream.range(1, 0x100);
    }

    /** "Client Hello type fuzz to N": any other handshake type first is unexpected_message. */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void typeFuzzIsUnexpectedMessage(int xor) {
        byte[] h = plainHello();
        h[0] ^= (byte) xor;
        assertFatal(sendHello(server(), h), AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** "session ID len fuzz to N" (with and without extensions): decode_error. */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void sessionIdLengthFuzzIsDecodeError(int value) {
        for (byte[] h : List.of(plainHello(), helloWithExt())) {
            h[38] = (byte) value;
            assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
        }
    }

    /** "cipher suites len fuzz to N": xor of the low byte, both forms. */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void cipherSuitesLengthLowByteFuzzIsDecodeError(int xor) {
        for (byte[] h : List.of(plainHello(), helloWithExt())) {
            h[40] ^= (byte) xor;
            assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
        }
    }

    /** "cipher suites len fuzz to (i << 8) + j": both bytes substituted. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16, 128, 254, 255})
    void cipherSuitesLengthFuzzIsDecodeError(int high) {
        for (int low = 0; low < 0x100; low++) {
            for (byte[] h : List.of(plainHello(), helloWithExt())) {
                h[39] = (byte) high;
                h[40] = (byte) low;
                assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
            }
        }
    }

    /** "compression methods len fuzz to N" (no extensions). */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void compressionMethodsLengthFuzzIsDecodeError(int xor) {
        byte[] h = plainHello();
        h[45] ^= (byte) xor;
        assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
    }

    /** "compression methods len fuzz to N w/ext": length 8 makes a valid hello without extensions. */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void compressionMethodsLengthFuzzWithExtensions(int xor) {
        byte[] h = helloWithExt();
        h[43] ^= (byte) xor;
        ScriptedClient c = sendHello(server(), h);
        if ((1 ^ xor) == 8) {
            assertServerHello(c);
        } else {
            assertFatal(c, AlertDescription.DECODE_ERROR);
        }
    }

    /** "extensions len fuzz to N". */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void extensionsLengthFuzzIsDecodeError(int xor) {
        byte[] h = helloWithExt();
        h[46] ^= (byte) xor;
        assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16, 254, 255})
    void extensionsLengthTwoByteFuzzIsDecodeError(int high) {
        for (int low = 0; low < 0x100; low++) {
            byte[] h = helloWithExt();
            h[45] = (byte) high;
            h[46] = (byte) low;
            assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
        }
    }

    // ---- test-extensions.py

    /** "fuzz ext length to N": nine empty extensions 90..98 plus renegotiation_info, xor at -42. */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void extensionBlockLengthFuzzIsDecodeError(int xor) {
        List<Ext> ext = new ArrayList<>();
        for (int t = 90; t < 99; t++) {
            ext.add(Ext.empty(t));
        }
        ext.add(new Ext(RENEGOTIATION_INFO, new byte[] {0}));
        byte[] h = tlsliteHello(new int[] {AES128_SHA}, ext);
        h[h.length - 42] ^= (byte) xor;
        assertFatal(sendHello(server(), h), AlertDescription.DECODE_ERROR);
    }

    /** "N extensions" and "N extensions last empty": up to 16383 unknown empty extensions are fine. */
    @ParameterizedTest
    @ValueSource(ints = {31, 64, 129, 4096, 16383})
    void manyUnknownExtensionsAreIgnored(int n) {
        List<Ext> ext = new ArrayList<>();
        for (int t = 91; t < 90 + n - 1; t++) {
            ext.add(Ext.empty(t == 13172 ? 90 + n : t)); // tlsfuzzer skips supports_npn
        }
        ext.add(new Ext(RENEGOTIATION_INFO, new byte[] {0}));
        ext.add(Ext.empty(90));
        assertServerHello(sendHello(server(), tlsliteHello(new int[] {AES128_SHA}, ext)));
    }

    /** test-empty-extensions.py "empty extensions": a zero-length extensions block. */
    @Test
    void emptyExtensionsBlockIsAccepted() {
        assertServerHello(sendHello(server(), tlsliteHello(new int[] {AES128_SHA, SCSV}, List.of())));
    }

    // ---- test-large-hello.py / test-record-layer-fragmentation.py

    /** "huge hello": 32765 cipher suites and a 65531-byte extension, over several records. */
    @Test
    void hugeHelloIsAccepted() {
        int[] suites = new int[0xfffe / 2];
        int at = 0;
        for (int s = 0x0100; at < suites.length - 2; s++) {
            if (s != 0x5600) {
                suites[at++] = s;
            }
        }
        suites[at++] = SCSV;
        suites[at] = AES128_SHA;
        byte[] h = tlsliteHello(suites, List.of(new Ext(80, new byte[0xffff - 4])));
        assertServerHello(sendHello(server(), h));
    }

    /** "fragmented, padding ext N bytes": the first record holds just 2 bytes of the hello. */
    @ParameterizedTest
    @ValueSource(ints = {0, 9, 0x3f00, 0x4000, 0x9000, 0xfffa})
    void helloSplitAfterTwoBytes(int padding) {
        byte[] h = tlsliteHello(new int[] {AES128_SHA, SCSV}, List.of(new Ext(21, new byte[padding])));
        ScriptedClient c = new ScriptedClient(server());
        c.sendRaw(record(22, 0x0301, java.util.Arrays.copyOf(h, 2)));
        sendInRecords(c, java.util.Arrays.copyOfRange(h, 2, h.length), 1 << 14);
        assertServerHello(c);
    }

    /** test-record-layer-fragmentation.py: "maximum fragmentation", one byte per record. */
    @Test
    void helloInOneByteRecords() {
        ScriptedClient c = new ScriptedClient(server());
        sendInRecords(c, tlsliteHello(new int[] {AES128_SHA, SCSV}, List.of(new Ext(21, new byte[1024]))), 1);
        assertServerHello(c);
    }

    /** "non fragmented, over fragmentation limit": a 2^14 + 1 .. byte record is record_overflow. */
    @Test
    void helloInOneOversizedRecordIsRecordOverflow() {
        byte[] h = tlsliteHello(new int[] {AES128_SHA, SCSV}, List.of(new Ext(21, new byte[(1 << 14) - 52])));
        assertThat(h.length).isGreaterThan(1 << 14);
        ScriptedClient c = new ScriptedClient(server());
        c.sendRaw(record(22, 0x0301, h));
        assertFatal(c, AlertDescription.RECORD_OVERFLOW);
    }

    // ---- test-version-numbers.py / test-invalid-version.py / test-legacy-renegotiation.py

    /** Any {3,x} record version on the first ClientHello, any client_version from (3,3) up: TLS 1.2. */
    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0305, 0x03fe, 0x03ff})
    void recordVersionOfTheFirstHelloIsAnyThreeX(int recordVersion) {
        for (int clientVersion : new int[] {0x0303, 0x0304, 0x0305, 0x7f00, 0x7f1c, 0x0401, 0x0603, 0xfefe}) {
            byte[] h = plainHello();
            h[4] = (byte) (clientVersion >>> 8);
            h[5] = (byte) clientVersion;
            ScriptedClient c = new ScriptedClient(server());
            c.sendRaw(record(22, recordVersion, h));
            assertServerHello(c);
            assertThat(serverHello(c).serverVersion().wire()).isEqualTo(0x0303);
        }
    }

    /** A record version whose major is not 3 is not TLS at all: protocol_version. */
    @ParameterizedTest
    @ValueSource(ints = {0x0003, 0x0203, 0x0403, 0xfefd})
    void recordVersionOutsideThreeXIsProtocolVersion(int recordVersion) {
        ScriptedClient c = new ScriptedClient(server());
        c.sendRaw(record(22, recordVersion, plainHello()));
        assertFatal(c, AlertDescription.PROTOCOL_VERSION);
    }

    /** RFC 5746 §3.6: the SCSV and an empty renegotiation_info together are one signal; one empty answer. */
    @Test
    void scsvAndRenegotiationInfoTogether() {
        ScriptedClient c = sendHello(server(), tlsliteHello(new int[] {AES128_SHA, SCSV},
                List.of(new Ext(RENEGOTIATION_INFO, new byte[] {0}))));
        assertServerHello(c);
        assertThat(serverHello(c).extensionsOrEmpty().renegotiationInfo())
                .isEqualTo(dev.jtls.message.RenegotiationInfo.INITIAL);
    }

    /** test-legacy-renegotiation.py sanity: neither signal is still a handshake, without the extension. */
    @Test
    void neitherScsvNorRenegotiationInfo() {
        ScriptedClient c = sendHello(server(), tlsliteHello(new int[] {AES128_SHA}, null));
        assertServerHello(c);
        assertThat(serverHello(c).extensionsOrEmpty().renegotiationInfo()).isNull();
    }

    /** RFC 5746 §3.6 / test-renegotiation-disabled.py: a non-empty renegotiated_connection on an initial hello. */
    @Test
    void nonEmptyRenegotiationInfoWithScsvIsHandshakeFailure() {
        ScriptedClient c = sendHello(server(), tlsliteHello(new int[] {AES128_SHA, SCSV},
                List.of(new Ext(RENEGOTIATION_INFO, new byte[] {12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))));
        assertFatal(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    /** A renegotiation_info whose inner length disagrees with the extension's: decode_error. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 0xff})
    void malformedRenegotiationInfoIsDecodeError(int innerLength) {
        ScriptedClient c = sendHello(server(), tlsliteHello(new int[] {AES128_SHA},
                List.of(new Ext(RENEGOTIATION_INFO, new byte[] {(byte) innerLength}))));
        assertFatal(c, AlertDescription.DECODE_ERROR);
        ScriptedClient d = sendHello(server(), tlsliteHello(new int[] {AES128_SHA},
                List.of(new Ext(RENEGOTIATION_INFO, new byte[0]))));
        assertFatal(d, AlertDescription.DECODE_ERROR);
    }

    /** test-invalid-cipher-suites.py / test-export-ciphers-rejected.py: nothing usable is handshake_failure. */
    @Test
    void noUsableSuiteIsHandshakeFailure() {
        for (int[] suites : new int[][] {{SCSV}, {0x5600, SCSV}, {0x0003, 0x0008, 0x0014}, {0x0001, 0x0002},
            {0xfefe, 0x1301, 0x1302}}) {
            assertFatal(sendHello(server(), tlsliteHello(suites, null)), AlertDescription.HANDSHAKE_FAILURE);
        }
    }

    /**
     * test-client-hello-max-size.py "max client hello": 32767 cipher suites, a 32-byte session id,
     * 255 compression methods and a 65535-byte extensions block holding one ALPN list of 257 names.
     */
    @Test
    void maximumClientHelloIsAccepted() {
        List<Integer> suites = new ArrayList<>();
        for (int[] range : new int[][] {{93, 96}, {110, 132}, {198, 255}, {255, 22016}, {22017, 32939}}) {
            for (int s = range[0]; s < range[1]; s++) {
                suites.add(s);
            }
        }
        suites.add(AES128_SHA);
        suites.add(SCSV);
        assertThat(suites).hasSize(32767);
        ByteArrayOutputStream alpn = new ByteArrayOutputStream();
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (int i = 0; i < 255; i++) {
            names.write(255);
            names.writeBytes("A".repeat(255).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        names.write(239);
        names.writeBytes("B".repeat(239).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        names.write(8);
        names.writeBytes("http/1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        u16(alpn, names.size());
        alpn.writeBytes(names.toByteArray());
        byte[] h = tlsliteHello(suites.stream().mapToInt(Integer::intValue).toArray(), List.of(new Ext(16, alpn.toByteArray())));
        // session_id of 32 zero bytes and compression methods 0..254: rebuild the middle of the hello.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(h, 4, 34);
        b.write(32);
        b.writeBytes(new byte[32]);
        int suitesAt = 4 + 35;
        int suitesLength = 2 + suites.size() * 2;
        b.write(h, suitesAt, suitesLength);
        b.write(255);
        for (int m = 0; m < 255; m++) {
            b.write(m);
        }
        int extAt = suitesAt + suitesLength + 2;
        b.write(h, extAt, h.length - extAt);
        byte[] body = b.toByteArray();
        assertThat(body[body.length - 65537] & 0xff).isEqualTo(0xff); // extensions block: 65535 bytes
        assertThat(body[body.length - 65536] & 0xff).isEqualTo(0xff);
        byte[] msg = new byte[4 + body.length];
        msg[0] = 1;
        System.arraycopy(body, 0, msg, 4, body.length);
        ServerConformanceTest.setLength24(msg);
        ScriptedClient c = sendHello(server(), msg);
        assertServerHello(c);
        assertThat(serverHello(c).extensionsOrEmpty().alpn().names()).containsExactly("http/1.1");
    }

    static void sendInRecords(ScriptedClient c, byte[] data, int size) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += size) {
            byte[] r = record(22, 0x0301, java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + size)));
            all.write(r, 0, r.length);
        }
        c.sendRaw(all.toByteArray());
    }
}
