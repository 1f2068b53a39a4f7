package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProviders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RecordLayerProperties {

    /** Feeds {@code bytes} in chunks of the given sizes (cycled), collecting "type:plaintext-length" per record. */
    static List<String> readAll(RecordReader r, HandshakeReassembler h, byte[] bytes, List<Integer> chunks,
            List<String> messages) {
        List<String> out = new ArrayList<>();
        int at = 0;
        int k = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, chunks.get(k++ % chunks.size()));
            ByteBuffer chunk = ByteBuffer.wrap(bytes, at, n);
            while (chunk.hasRemaining()) {
                r.feed(chunk);
                for (ContentType t = r.next(); t != null; t = r.next()) {
                    out.add(t + ":" + r.plaintext().remaining());
                    if (t == ContentType.HANDSHAKE && h != null) {
                        h.feed(r.plaintext());
                        for (HandshakeFrame f = h.next(); f != null; f = h.next()) {
                            messages.add(f.type() + ":" + java.util.HexFormat.of().formatHex(f.raw()));
                        }
                    }
                }
            }
            at += n;
        }
        return out;
    }

    @Property(tries = 300)
    void randomBytesGiveRecordsOrAnAlertNeverAnythingElse(@ForAll @Size(max = 3000) byte[] noise,
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 700) Integer> chunks,
            @ForAll boolean protectedReader, @ForAll boolean looksLikeRecords) {
        if (looksLikeRecords && noise.length >= 5) {
            noise[0] = 22; // make more inputs get past the first header check
            noise[1] = 3;
        }
        HandshakeReassembler h = new HandshakeReassembler(2000);
        RecordReader r = new RecordReader(h);
        if (protectedReader) {
            r.changeProtection(Suite.AES_128_GCM.make(CryptoProviders.jca(), 1));
        }
        try {
            readAll(r, h, noise, chunks, new ArrayList<>());
        } catch (TlsAlertException expected) {
            assertThat(expected.description()).isNotNull();
        }
    }

    @Provide
    Arbitrary<List<byte[]>> handshakeMessages() {
        Arbitrary<byte[]> message = Arbitraries.integers().between(0, 3000).flatMap(len ->
                Arbitraries.bytes().array(byte[].class).ofSize(len).map(body -> {
                    byte[] m = new byte[4 + len];
                    m[0] = (byte) (1 + len % 20);
                    m[1] = (byte) (len >>> 16);
                    m[2] = (byte) (len >>> 8);
                    m[3] = (byte) (int) len;
                    System.arraycopy(body, 0, m, 4, len);
                    return m;
                }));
        return message.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 200)
    void anySplitOfTheStreamGivesTheSameRecordsAndMessages(@ForAll("handshakeMessages") List<byte[]> messages,
            @ForAll @IntRange(min = 1, max = 16384) int maxFragment,
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 5000) Integer> chunks,
            @ForAll boolean encrypted) {
        RecordWriter w = new RecordWriter(new NullProtection(ProtocolVersion.TLS1_2));
        HandshakeReassembler h = new HandshakeReassembler();
        RecordReader r = new RecordReader(h);
        if (encrypted) {
            w.changeProtection(Suite.CHACHA20_POLY1305.make(CryptoProviders.bouncyCastle(), 5));
            r.changeProtection(Suite.CHACHA20_POLY1305.make(CryptoProviders.jca(), 5));
        }
        w.maxFragmentLength(maxFragment);
        byte[] all = RawRecords.concat(messages.toArray(new byte[0][]));
        // Worst case: 1-byte fragments, each a 5-byte header + 1 byte + a 16-byte tag.
        ByteBuffer out = ByteBuffer.allocate(all.length * 22 + 100_000);
        assertThat(w.write(ContentType.HANDSHAKE, ByteBuffer.wrap(all), out)).isEqualTo(all.length);
        out.flip();
        byte[] wire = new byte[out.remaining()];
        out.get(wire);

        List<String> got = new ArrayList<>();
        List<String> records = readAll(r, h, wire, chunks, got);
        List<String> want = new ArrayList<>();
        for (byte[] m : messages) {
            want.add((m[0] & 0xff) + ":" + java.util.HexFormat.of().formatHex(m));
        }
        assertThat(got).isEqualTo(want);
        assertThat(records).hasSize((all.length + maxFragment - 1) / maxFragment);
        assertThat(h.hasPartialMessage()).isFalse();
    }

    @Property(tries = 500)
    void readerOnlyEverThrowsAlertsForCompositeDecoders(@ForAll @Size(max = 200) byte[] input) {
        for (java.util.function.Function<TlsReader, ?> decoder : List.<java.util.function.Function<TlsReader, ?>>of(
                SampleHello::decode, Alert::decode, rd -> rd.vector24("chain", 0, 1 << 20).opaque24("cert", 1, 1 << 16),
                rd -> ProtocolVersion.decode(rd, "v").toString() + rd.uint64("x") + rd.uint32("y"))) {
            try {
                TlsReader.readAll(input, "composite", decoder);
            } catch (TlsAlertException expected) {
                assertThat(expected.description()).isEqualTo(AlertDescription.DECODE_ERROR);
            }
        }
    }

    @Property(tries = 200)
    void sampleHelloRoundTrips(@ForAll @Size(32) byte[] random, @ForAll @Size(max = 32) byte[] sid,
            @ForAll @Size(min = 1, max = 50) List<@IntRange(max = 0xffff) Integer> suites,
            @ForAll @Size(max = 5) List<@Size(max = 300) byte[]> exts) {
        SampleHello h = new SampleHello(0x0303, random, sid, suites, exts);
        byte[] enc = SampleHello.encode(h);
        SampleHello back = TlsReader.readAll(enc, "SampleHello", SampleHello::decode);
        assertThat(SampleHello.encode(back)).isEqualTo(enc);
        assertThat(back.suites()).isEqualTo(suites);
    }
}
