package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    static void assertDecodeError(Runnable r, String mentions) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(TlsAlertException.class, e -> {
            assertThat(e.description()).isEqualTo(AlertDescription.DECODE_ERROR);
            assertThat(e.getMessage()).contains(mentions);
        });
    }

    @Test
    void readsIntegersBigEndian() {
        TlsReader r = new TlsReader(HEX.parseHex("01" + "0203" + "040506" + "fffffffe" + "ffffffffffffffff"));
        assertThat(r.uint8("a")).isEqualTo(1);
        assertThat(r.uint16("b")).isEqualTo(0x0203);
        assertThat(r.uint24("c")).isEqualTo(0x040506);
        assertThat(r.uint32("d")).isEqualTo(0xfffffffeL);
        assertThat(r.uint64("e")).isEqualTo(-1L);
        assertThat(r.remaining()).isZero();
        r.expectEnd("all");
    }

    @Test
    void readPastTheEndIsDecodeErrorNamingTheField() {
        assertDecodeError(() -> new TlsReader(new byte[1]).uint16("ServerHello.cipher_suite"), "ServerHello.cipher_suite");
        assertDecodeError(() -> new TlsReader(new byte[2]).uint24("len"), "len");
        assertDecodeError(() -> new TlsReader(new byte[3]).uint32("x"), "x");
        assertDecodeError(() -> new TlsReader(new byte[7]).uint64("x"), "x");
        assertDecodeError(() -> new TlsReader(new byte[0]).uint8("x"), "x");
        assertDecodeError(() -> new TlsReader(new byte[3]).bytes(4, "random"), "random");
    }

    @Test
    void opaqueVectorsCheckBoundsAndLength() {
        assertThat(new TlsReader(HEX.parseHex("020102")).opaque8("sid", 0, 32)).containsExactly(1, 2);
        assertThat(new TlsReader(HEX.parseHex("0000")).opaque16("ext", 0, 10)).isEmpty();
        assertThat(new TlsReader(HEX.parseHex("000001ff")).opaque24("cert", 1, 10)).containsExactly(0xff);
        assertDecodeError(() -> new TlsReader(HEX.parseHex("00")).opaque8("sid", 1, 32), "sid");
        assertDecodeError(() -> new TlsReader(HEX.parseHex("21" + "00".repeat(33))).opaque8("session_id", 0, 32), "session_id");
        assertDecodeError(() -> new TlsReader(HEX.parseHex("0003aabb")).opaque16("ext", 0, 100), "ext");
        assertDecodeError(() -> new TlsReader(HEX.parseHex("0000")).opaque24("cert", 0, 100), "cert");
    }

    @Test
    void subReadersAreBoundedAndLeaveTheRestToTheParent() {
        TlsReader r = new TlsReader(HEX.parseHex("0002" + "aabb" + "cc"));
        TlsReader v = r.vector16("list", 0, 10);
        assertThat(v.uint16("item")).isEqualTo(0xaabb);
        assertDecodeError(() -> v.uint8("item"), "item");
        assertThat(r.uint8("tail")).isEqualTo(0xcc);
        TlsReader r2 = new TlsReader(HEX.parseHex("03" + "0102"));
        assertDecodeError(() -> r2.vector8("list", 0, 10), "list");
        assertDecodeError(() -> new TlsReader(HEX.parseHex("05")).sub(6, "body"), "body");
    }

    @Test
    void readAllRejectsTrailingBytes() {
        assertThat(TlsReader.<Integer>readAll(HEX.parseHex("0102"), "Pair", r -> r.uint16("v")).intValue()).isEqualTo(0x0102);
        assertDecodeError(() -> TlsReader.readAll(HEX.parseHex("010203"), "Pair", r -> r.uint16("v")), "Pair");
        TlsReader r = new TlsReader(HEX.parseHex("0001"));
        assertDecodeError(() -> r.expectEnd("Finished"), "Finished");
    }

    @Test
    void writerWritesWhatTheReaderReads() {
        TlsWriter w = new TlsWriter(1);
        w.uint8(1).uint16(0x0203).uint24(0x040506).uint32(0xfffffffeL).uint64(-1L)
                .opaque8(new byte[] {9}).opaque16(new byte[0]).opaque24(new byte[] {7, 7})
                .lengthPrefixed16(x -> x.uint16(0xabcd).lengthPrefixed8(y -> y.uint8(5)));
        assertThat(HEX.formatHex(w.toByteArray())).isEqualTo(
                "01" + "0203" + "040506" + "fffffffe" + "ffffffffffffffff" + "0109" + "0000" + "0000020707"
                        + "0004" + "abcd" + "0105");
    }

    @Test
    void writerOverflowIsOurBugNotAnAlert() {
        assertThatThrownBy(() -> new TlsWriter().uint8(256)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TlsWriter().uint16(-1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TlsWriter().opaque8(new byte[256])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TlsWriter().lengthPrefixed8(w -> w.bytes(new byte[256])))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new TlsWriter().lengthPrefixed8(w -> w.bytes(new byte[255])).size()).isEqualTo(256);
    }

    @Test
    void everyTruncationOfACompositeMessageIsDecodeError() {
        byte[] full = SampleHello.encode(new SampleHello(0x0303, new byte[32], new byte[] {1, 2},
                List.of(0xc02f, 0x009c), List.of(new byte[] {0, 1}, new byte[0])));
        assertThat(TlsReader.readAll(full, "SampleHello", SampleHello::decode).suites()).containsExactly(0xc02f, 0x009c);
        List<String> failures = new ArrayList<>();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            try {
                TlsReader.readAll(part, "SampleHello", SampleHello::decode);
                failures.add("cut " + cut + " decoded");
            } catch (TlsAlertException e) {
                if (e.description() != AlertDescription.DECODE_ERROR) {
                    failures.add("cut " + cut + ": " + e.description());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
