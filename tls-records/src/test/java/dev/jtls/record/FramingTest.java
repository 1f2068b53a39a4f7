package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramingTest {
    static byte[] record(int type, int major, int minor, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) type;
        r[1] = (byte) major;
        r[2] = (byte) minor;
        r[3] = (byte) (body.length >>> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    static void assertAlert(Runnable r, AlertDescription d) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.description()).isEqualTo(d));
    }

    static byte[] header(int type, int major, int minor, int length) {
        return new byte[] {(byte) type, (byte) major, (byte) minor, (byte) (length >>> 8), (byte) length};
    }

    @Test
    void headerIsCheckedBeforeTheBodyArrives() {
        RecordDeframer d = new RecordDeframer();
        d.feed(header(24, 3, 3, 1), 0, 5);
        assertAlert(d::next, AlertDescription.UNEXPECTED_MESSAGE);

        RecordDeframer big = new RecordDeframer();
        big.feed(header(23, 3, 3, RecordProtection.MAX_PLAINTEXT + 1), 0, 5);
        assertAlert(big::next, AlertDescription.RECORD_OVERFLOW);

        RecordDeframer prot = new RecordDeframer();
        prot.maxBodyLength(RecordProtection.MAX_CIPHERTEXT);
        prot.feed(header(23, 3, 3, RecordProtection.MAX_CIPHERTEXT), 0, 5);
        assertThat(prot.next()).isNull(); // legal, waiting for the body
        RecordDeframer prot2 = new RecordDeframer();
        prot2.maxBodyLength(RecordProtection.MAX_CIPHERTEXT);
        prot2.feed(header(23, 3, 3, RecordProtection.MAX_CIPHERTEXT + 1), 0, 5);
        assertAlert(prot2::next, AlertDescription.RECORD_OVERFLOW);
    }

    /** Plain HTTP on a TLS port: still unexpected_message (an unknown record type), and the message says what it was. */
    @Test
    void plainHttpIsRecognisedInTheMessageOnly() {
        for (String start : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "POST /a HTTP/1.1\r\n", "HTTP/1.1 400 Bad Request\r\n")) {
            RecordDeframer d = new RecordDeframer();
            byte[] bytes = start.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            d.feed(bytes, 0, bytes.length);
            assertThatThrownBy(d::next).isInstanceOfSatisfying(TlsAlertException.class,
                    e -> assertThat(e.description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE))
                    .hasMessageStartingWith("record layer: the peer sent plain HTTP, not TLS (its bytes begin \"" + start.substring(0, 4) + "\")");
        }
        RecordDeframer other = new RecordDeframer();
        other.feed("GOT / HTTP".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 10);
        assertThatThrownBy(other::next).hasMessage("record layer: unknown record content type 71");
    }

    @Test
    void theBufferGrowsForLargeRecordsButNeverBeyondTheLargestLegalOne() {
        // Two records of the largest protected size, 2 x 18437 bytes, offered at once: the
        // deframer (4 KB at first) takes exactly one maximum-size buffer's worth, as when it was fixed.
        byte[] body = new byte[RecordProtection.MAX_CIPHERTEXT];
        new Random(7).nextBytes(body);
        byte[] one = record(23, 3, 3, body);
        byte[] two = RawRecords.concat(one, one);
        RecordDeframer d = new RecordDeframer();
        d.maxBodyLength(RecordProtection.MAX_CIPHERTEXT);
        ByteBuffer src = ByteBuffer.wrap(two);
        assertThat(d.feed(src)).isEqualTo(RecordDeframer.MAX_CAPACITY).isEqualTo(one.length);
        ByteBuffer r = d.next();
        assertThat(r.remaining()).isEqualTo(one.length);
        byte[] got = new byte[r.remaining()];
        r.get(got);
        assertThat(got).isEqualTo(one);
        assertThat(d.feed(src)).isEqualTo(one.length);
        assertThat(d.next().remaining()).isEqualTo(one.length);
        assertThat(src.hasRemaining()).isFalse();

        // The same record one byte at a time, after a small one: it still arrives whole.
        RecordDeframer slow = new RecordDeframer();
        slow.maxBodyLength(RecordProtection.MAX_CIPHERTEXT);
        byte[] stream = RawRecords.concat(record(22, 3, 3, new byte[] {9}), one);
        List<Integer> lengths = new ArrayList<>();
        for (byte b : stream) {
            assertThat(slow.feed(new byte[] {b}, 0, 1)).isEqualTo(1);
            for (ByteBuffer rec = slow.next(); rec != null; rec = slow.next()) {
                lengths.add(rec.remaining());
            }
        }
        assertThat(lengths).containsExactly(6, one.length);
    }

    @Test
    void versionCheckIsTheCallersChoice() {
        // RFC 5246 Appendix E.1: a first ClientHello may carry {3,0} or {3,1} at the record layer
        for (int minor : new int[] {0, 1, 2, 3}) {
            RecordDeframer d = new RecordDeframer();
            byte[] r = record(22, 3, minor, new byte[] {1});
            d.feed(r, 0, r.length);
            assertThat(d.next()).isNotNull();
            assertThat(d.version()).isEqualTo(new ProtocolVersion(3, minor));
        }
        RecordDeframer d = new RecordDeframer();
        byte[] r = record(22, 2, 0, new byte[] {1});
        d.feed(r, 0, r.length);
        assertAlert(d::next, AlertDescription.PROTOCOL_VERSION);

        RecordDeframer strict = new RecordDeframer();
        strict.expectVersion(ProtocolVersion.TLS1_2);
        byte[] r2 = record(22, 3, 1, new byte[] {1});
        strict.feed(r2, 0, r2.length);
        assertAlert(strict::next, AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void oneByteAtATimeAndManyAtOnceGiveTheSameRecords() {
        byte[] stream = RawRecords.concat(record(22, 3, 3, new byte[] {1, 2, 3}), record(20, 3, 3, new byte[] {1}),
                record(23, 3, 3, new byte[300]), record(21, 3, 3, new byte[] {1, 0}));
        List<String> oneByOne = new ArrayList<>();
        RecordDeframer d = new RecordDeframer();
        for (byte b : stream) {
            d.feed(new byte[] {b}, 0, 1);
            for (ByteBuffer rec = d.next(); rec != null; rec = d.next()) {
                oneByOne.add(d.type() + ":" + rec.remaining());
            }
        }
        List<String> all = new ArrayList<>();
        RecordDeframer d2 = new RecordDeframer();
        d2.feed(ByteBuffer.wrap(stream));
        for (ByteBuffer rec = d2.next(); rec != null; rec = d2.next()) {
            all.add(d2.type() + ":" + rec.remaining());
        }
        assertThat(oneByOne).containsExactly("HANDSHAKE:8", "CHANGE_CIPHER_SPEC:6", "APPLICATION_DATA:305", "ALERT:7");
        assertThat(all).isEqualTo(oneByOne);
    }

    @Test
    void feedStopsWhenTheBufferIsFullInsteadOfGrowing() {
        RecordDeframer d = new RecordDeframer();
        ByteBuffer flood = ByteBuffer.wrap(new byte[100_000]);
        for (int i = 0; i < 5; i++) {
            d.feed(flood);
        }
        assertThat(d.buffered()).isEqualTo(5 + RecordProtection.MAX_CIPHERTEXT);
        assertThat(flood.hasRemaining()).isTrue();
    }

    private static RecordReader plainReader(HandshakeReassembler h) {
        return new RecordReader(h);
    }

    private static void feedAndDrain(RecordReader r, byte[] bytes) {
        r.feed(ByteBuffer.wrap(bytes));
        while (r.next() != null) {
            // drain
        }
    }

    @Test
    void emptyRecordsOtherThanApplicationDataAreRefused() {
        for (int type : new int[] {20, 21, 22}) {
            RecordReader r = plainReader(new HandshakeReassembler());
            assertAlert(() -> feedAndDrain(r, record(type, 3, 3, new byte[0])), AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void tooManyEmptyApplicationDataRecordsInARow() {
        RecordReader r = plainReader(null);
        byte[] empty = record(23, 3, 3, new byte[0]);
        for (int i = 0; i < RecordReader.DEFAULT_MAX_EMPTY_RECORDS; i++) {
            feedAndDrain(r, empty);
        }
        feedAndDrain(r, record(23, 3, 3, new byte[] {1})); // progress resets the count
        for (int i = 0; i < RecordReader.DEFAULT_MAX_EMPTY_RECORDS; i++) {
            feedAndDrain(r, empty);
        }
        assertAlert(() -> feedAndDrain(r, empty), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void tooManyWarningAlertsInARow() {
        // CVE-2016-8610: an endless stream of warning alerts must not keep a connection busy
        RecordReader r = plainReader(null);
        byte[] warning = record(21, 3, 3, new byte[] {1, 100});
        for (int i = 0; i < RecordReader.DEFAULT_MAX_WARNING_ALERTS; i++) {
            feedAndDrain(r, warning);
        }
        feedAndDrain(r, record(22, 3, 3, new byte[] {0, 0, 0, 0}));
        for (int i = 0; i < RecordReader.DEFAULT_MAX_WARNING_ALERTS; i++) {
            feedAndDrain(r, warning);
        }
        assertAlert(() -> feedAndDrain(r, warning), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecInsideAFragmentedHandshakeMessageIsUnexpected() {
        HandshakeReassembler h = new HandshakeReassembler();
        RecordReader r = plainReader(h);
        r.feed(ByteBuffer.wrap(record(22, 3, 3, new byte[] {1, 0, 0, 5, 9})));
        assertThat(r.next()).isEqualTo(ContentType.HANDSHAKE);
        h.feed(r.plaintext());
        assertThat(h.next()).isNull();
        assertThat(h.hasPartialMessage()).isTrue();
        r.feed(ByteBuffer.wrap(record(20, 3, 3, new byte[] {1})));
        assertAlert(r::next, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void alertsAndApplicationDataMayInterleaveAFragmentedHandshakeMessage() {
        // RFC 5246 §6.2.1: "Data of different TLS record layer content types MAY be interleaved".
        HandshakeReassembler h = new HandshakeReassembler();
        RecordReader r = plainReader(h);
        r.feed(ByteBuffer.wrap(record(22, 3, 3, new byte[] {1, 0, 0, 5, 9})));
        assertThat(r.next()).isEqualTo(ContentType.HANDSHAKE);
        h.feed(r.plaintext());
        r.feed(ByteBuffer.wrap(record(23, 3, 3, new byte[] {'G'})));
        assertThat(r.next()).isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(r.plaintext().get(r.plaintext().position())).isEqualTo((byte) 'G');
        r.feed(ByteBuffer.wrap(record(21, 3, 3, new byte[] {1, 90})));
        assertThat(r.next()).isEqualTo(ContentType.ALERT);
        r.feed(ByteBuffer.wrap(record(22, 3, 3, new byte[] {8, 7, 6, 5})));
        assertThat(r.next()).isEqualTo(ContentType.HANDSHAKE);
        h.feed(r.plaintext());
        assertThat(h.next().raw()).containsExactly(1, 0, 0, 5, 9, 8, 7, 6, 5);
        assertThat(h.hasPartialMessage()).isFalse();
    }

    @Test
    void oversizedHandshakeMessageIsRefusedFromItsHeader() {
        // RFC 5246 §7.2.2 decode_error: a length we do not accept
        HandshakeReassembler h = new HandshakeReassembler(1000);
        assertAlert(() -> h.feed(ByteBuffer.wrap(new byte[] {11, 0, 3, (byte) 0xe9})), AlertDescription.DECODE_ERROR);
        HandshakeReassembler ok = new HandshakeReassembler(1000);
        ok.feed(ByteBuffer.wrap(new byte[] {11, 0, 3, (byte) 0xe8}));
        assertThat(ok.hasPartialMessage()).isTrue();
        HandshakeReassembler split = new HandshakeReassembler(1000);
        split.feed(ByteBuffer.wrap(new byte[] {11, 0}));
        assertAlert(() -> split.feed(ByteBuffer.wrap(new byte[] {0x10, 0})), AlertDescription.DECODE_ERROR);
    }

    @Test
    void theBufferIsLetGoAfterAFinishedAndComesBackForALaterMessage() {
        HandshakeReassembler h = new HandshakeReassembler();
        // ServerHelloDone (14) alone: not the end of a handshake, the buffer stays.
        h.feed(ByteBuffer.wrap(new byte[] {14, 0, 0, 0}));
        assertThat(h.next().type()).isEqualTo(14);
        assertThat(h.capacity()).isPositive();
        // A Finished (20) with the first bytes of another message behind it: those bytes are kept.
        h.feed(ByteBuffer.wrap(new byte[] {20, 0, 0, 2, 9, 9, 0, 0}));
        assertThat(h.next().raw()).containsExactly(20, 0, 0, 2, 9, 9);
        assertThat(h.capacity()).isPositive();
        h.feed(ByteBuffer.wrap(new byte[] {0, 0}));
        assertThat(h.next().raw()).containsExactly(0, 0, 0, 0);
        // A Finished that empties the buffer: the handshake is over, nothing is held.
        h.feed(ByteBuffer.wrap(new byte[] {20, 0, 0, 1, 5}));
        assertThat(h.next().raw()).containsExactly(20, 0, 0, 1, 5);
        assertThat(h.capacity()).isZero();
        assertThat(h.hasPartialMessage()).isFalse();
        assertThat(h.next()).isNull();
        // A later message (a HelloRequest, fragmented) is still reassembled, in a buffer of its size.
        h.feed(ByteBuffer.wrap(new byte[] {0, 0}));
        assertThat(h.hasPartialMessage()).isTrue();
        h.feed(ByteBuffer.wrap(new byte[] {0, 0}));
        assertThat(h.next().raw()).containsExactly(0, 0, 0, 0);
        assertThat(h.capacity()).isEqualTo(4);
    }

    @Test
    void severalMessagesInOneRecordAndOneMessageOverSeveralRecords() {
        HandshakeReassembler h = new HandshakeReassembler();
        h.feed(ByteBuffer.wrap(new byte[] {14, 0, 0, 0, 2, 0, 0, 1, 7, 11, 0}));
        HandshakeFrame a = h.next();
        HandshakeFrame b = h.next();
        assertThat(a.type()).isEqualTo(14);
        assertThat(a.bodyLength()).isZero();
        assertThat(b.type()).isEqualTo(2);
        assertThat(b.body().uint8("x")).isEqualTo(7);
        assertThat(h.next()).isNull();
        assertThat(h.hasPartialMessage()).isTrue();
        h.feed(ByteBuffer.wrap(new byte[] {0, 2}));
        h.feed(ByteBuffer.wrap(new byte[] {5}));
        assertThat(h.next()).isNull();
        h.feed(ByteBuffer.wrap(new byte[] {6}));
        HandshakeFrame c = h.next();
        assertThat(c.raw()).containsExactly(11, 0, 0, 2, 5, 6);
        assertThat(h.hasPartialMessage()).isFalse();
    }

    @Test
    void writerFragmentsAndReaderReassemblesUnderEveryProtection() {
        byte[] data = Suite.bytes(new Random(1), 40_000);
        for (Suite s : Suite.values()) {
            for (CryptoProvider p : Suite.backends()) {
                for (int maxFragment : new int[] {RecordProtection.MAX_PLAINTEXT, 512}) {
                    RecordWriter w = new RecordWriter(new NullProtection(ProtocolVersion.TLS1_2));
                    RecordReader r = new RecordReader(null);
                    w.changeProtection(s.make(p, 77));
                    r.changeProtection(s.make(p, 77));
                    r.deframer().expectVersion(ProtocolVersion.TLS1_2);
                    w.maxFragmentLength(maxFragment);
                    ByteBuffer out = ByteBuffer.allocate(100_000);
                    ByteBuffer src = ByteBuffer.wrap(data);
                    int consumed = w.write(ContentType.APPLICATION_DATA, src, out);
                    assertThat(consumed).isEqualTo(data.length);
                    out.flip();
                    ByteBuffer received = ByteBuffer.allocate(data.length);
                    int records = 0;
                    while (out.hasRemaining()) {
                        ByteBuffer chunk = out.slice();
                        chunk.limit(Math.min(chunk.remaining(), 1000));
                        out.position(out.position() + r.feed(chunk));
                        for (ContentType t = r.next(); t != null; t = r.next()) {
                            assertThat(t).isEqualTo(ContentType.APPLICATION_DATA);
                            assertThat(r.plaintext().remaining()).isLessThanOrEqualTo(maxFragment);
                            received.put(r.plaintext());
                            records++;
                        }
                    }
                    assertThat(received.array()).as(s + " " + p.name()).isEqualTo(data);
                    assertThat(records).isEqualTo((data.length + maxFragment - 1) / maxFragment);
                }
            }
        }
    }

    @Test
    void writerWritesOnlyWholeRecordsThatFit() {
        RecordWriter w = new RecordWriter(new NullProtection(ProtocolVersion.TLS1_0));
        ByteBuffer out = ByteBuffer.allocate(5 + 100 + 5 + 10);
        ByteBuffer src = ByteBuffer.wrap(new byte[300]);
        w.maxFragmentLength(100);
        assertThat(w.write(ContentType.HANDSHAKE, src, out)).isEqualTo(100);
        assertThat(out.position()).isEqualTo(105);
        assertThat(Arrays.copyOf(out.array(), 5)).containsExactly(22, 3, 1, 0, 100);
    }
}
