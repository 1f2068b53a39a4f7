package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.Aead;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The SSLEngine-shaped data path of {@link TlsConnection}: {@code write(src, dst)} seals straight
 * into the caller's network buffer and {@code receive(src, dst)} opens whole records in place in
 * the caller's buffer and delivers their plaintext straight into {@code dst}. Checked against the
 * buffered path ({@code write}/{@code takeOutgoing}/{@code receive}/{@code read}) for order and
 * content, with every way of cutting the bytes, and for allocation.
 */
class DataPathTest {
    private static final Issued CA = TestCerts.ca("Data Path CA", Kind.EC_P256);
    private static final Issued LEAF = TestCerts.leaf(CA, "localhost", Kind.EC_P256, List.of("localhost"));

    /** A connected client and server, with nothing in flight. */
    static TlsConnection[] pair(CipherSuite suite) {
        TlsConfig client = TlsConfig.builder().cipherSuites(List.of(suite))
                .trust(new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC())).build();
        TlsConfig server = TlsConfig.builder().cipherSuites(List.of(suite))
                .certifiedKey(new CertifiedKey(List.of(LEAF.certificate(), CA.certificate()), LEAF.privateKey())).build();
        TlsConnection c = TlsConnection.client(client, "localhost", 443);
        TlsConnection s = TlsConnection.server(server);
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < 20 && !(c.isHandshakeComplete() && s.isHandshakeComplete() && !c.hasOutgoing() && !s.hasOutgoing()); i++) {
            move(c, s, net);
            move(s, c, net);
        }
        assertThat(c.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(s.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        return new TlsConnection[] {c, s};
    }

    private static void move(TlsConnection from, TlsConnection to, ByteBuffer net) {
        net.clear();
        from.takeOutgoing(net);
        net.flip();
        to.receive(net);
        assertThat(net.hasRemaining()).isFalse();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Property(tries = 60)
    void everyCutDeliversTheSameBytesInOrder(@ForAll @IntRange(min = 0, max = 70_000) int size,
                                             @ForAll @IntRange(min = 1, max = 20_000) int chunk,
                                             @ForAll @IntRange(min = 1, max = 40_000) int dstRoom,
                                             @ForAll boolean readOnlyNet) {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        byte[] data = random(size, size);
        ByteBuffer src = ByteBuffer.wrap(data);
        // The client seals into network buffers of any size with room for at least one record.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteBuffer net = ByteBuffer.allocate(p[0].maxRecordSize(RecordProtection.MAX_PLAINTEXT) + chunk);
        while (src.hasRemaining()) {
            net.clear();
            int taken = p[0].write(src, net);
            assertThat(taken).isPositive();
            wire.write(net.array(), 0, net.position());
        }
        // The server gets the wire cut into pieces of `chunk` bytes, into a dst of `dstRoom` bytes.
        byte[] w = wire.toByteArray();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(dstRoom);
        int at = 0;
        ByteBuffer pending = ByteBuffer.allocate(w.length);
        while (at < w.length || pending.position() > 0 || p[1].readable() > 0) {
            int n = Math.min(chunk, w.length - at);
            pending.put(w, at, n);
            at += n;
            pending.flip();
            ByteBuffer in = readOnlyNet ? pending.asReadOnlyBuffer() : pending;
            dst.clear();
            p[1].receive(in, dst);
            pending.position(in.position());
            pending.compact();
            got.write(dst.array(), 0, dst.position());
            if (n == 0 && dst.position() == 0 && p[1].readable() == 0) {
                break;
            }
        }
        assertThat(pending.position()).isZero();
        assertThat(got.toByteArray()).isEqualTo(data);
    }

    /** An idle connection lets its buffers go; every path works again afterwards, partial records included. */
    @Test
    void releasedBuffersComeBackWhenNeeded() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        byte[] data = random(40_000, 9);
        for (int round = 0; round < 3; round++) {
            p[0].releaseIdleBuffers();
            p[1].releaseIdleBuffers();
            // the buffered path, the wire cut in two mid-record
            p[0].write(ByteBuffer.wrap(data));
            ByteBuffer net = ByteBuffer.allocate(1 << 17);
            p[0].takeOutgoing(net);
            net.flip();
            ByteBuffer first = net.duplicate().limit(1000);
            p[1].receive(first);
            p[1].releaseIdleBuffers(); // holds a partial record: must keep it
            net.position(first.position());
            ByteBuffer got = ByteBuffer.allocate(data.length);
            while (net.hasRemaining() || p[1].readable() > 0) {
                p[1].receive(net);
                p[1].read(got);
            }
            assertThat(got.array()).isEqualTo(data);
            // and the engine-shaped path back the other way
            p[1].releaseIdleBuffers();
            ByteBuffer back = ByteBuffer.allocate(1 << 17);
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) {
                p[1].write(src, back);
            }
            back.flip();
            ByteBuffer dst = ByteBuffer.allocate(data.length);
            p[0].receive(back, dst);
            assertThat(dst.array()).isEqualTo(data);
        }
        p[0].releaseIdleBuffers();
        p[0].close();
        ByteBuffer net = ByteBuffer.allocate(100);
        p[0].takeOutgoing(net);
        net.flip();
        p[1].releaseIdleBuffers();
        p[1].receive(net, ByteBuffer.allocate(10));
        assertThat(p[1].isInboundDone()).isTrue();
    }

    /** Hostile bytes on the in-place path: a flipped byte anywhere, any cut, any room: an alert or the data, nothing else. */
    @Property(tries = 200)
    void damagedStreamsGiveAnAlertOrTheData(@ForAll @IntRange(min = 1, max = 20_000) int size,
                                            @ForAll @IntRange(min = 0, max = 40_000) int flipAt,
                                            @ForAll @IntRange(min = 1, max = 255) int flip,
                                            @ForAll @IntRange(min = 1, max = 20_000) int chunk,
                                            @ForAll @IntRange(min = 0, max = 20_000) int dstRoom) {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
        byte[] data = random(size, flipAt);
        ByteBuffer net = ByteBuffer.allocate(2 * size + 1000);
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            p[0].write(src, net);
        }
        net.flip();
        boolean damaged = flipAt < net.limit();
        if (damaged) {
            net.put(flipAt, (byte) (net.get(flipAt) ^ flip));
        }
        ByteBuffer got = ByteBuffer.allocate(size);
        ByteBuffer dst = ByteBuffer.allocate(dstRoom);
        try {
            while (net.hasRemaining() || p[1].readable() > 0) {
                ByteBuffer piece = net.duplicate();
                piece.limit(Math.min(net.limit(), net.position() + chunk));
                dst.clear();
                int consumed = p[1].receive(piece, dst);
                net.position(piece.position());
                dst.flip();
                got.put(dst);
                p[1].read(got);
                if (consumed == 0 && dst.position() == 0 && piece.hasRemaining() && p[1].readable() == 0) {
                    throw new AssertionError("no progress");
                }
            }
            // Without an alert the bytes delivered are the data's own; a damaged length field
            // leaves the receiver waiting for a longer record, so not all of it came.
            assertThat(Arrays.copyOf(got.array(), got.position())).isEqualTo(Arrays.copyOf(data, got.position()));
            assertThat(got.position()).as(damaged ? "a damaged stream delivered everything" : "an intact stream fell short")
                    .isEqualTo(damaged ? Math.min(got.position(), size - 1) : size);
        } catch (TlsAlertException e) {
            assertThat(damaged).as("an intact stream was refused: " + e.getMessage()).isTrue();
            assertThat(e.description()).isIn(AlertDescription.BAD_RECORD_MAC, AlertDescription.RECORD_OVERFLOW,
                    AlertDescription.UNEXPECTED_MESSAGE, AlertDescription.PROTOCOL_VERSION, AlertDescription.DECODE_ERROR);
        }
    }

    @Test
    void bufferedPlaintextGoesFirst() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
        byte[] first = random(3000, 1);
        byte[] second = random(3000, 2);
        ByteBuffer net = ByteBuffer.allocate(1 << 15);
        p[0].write(ByteBuffer.wrap(first), net);
        p[0].write(ByteBuffer.wrap(second), net);
        net.flip();
        // No room in dst: both records are buffered for read().
        p[1].receive(net, ByteBuffer.allocate(0));
        assertThat(p[1].readable()).isEqualTo(6000);
        byte[] third = random(100, 3);
        net.clear();
        p[0].write(ByteBuffer.wrap(third), net);
        net.flip();
        ByteBuffer dst = ByteBuffer.allocate(10_000);
        p[1].receive(net, dst);
        byte[] expected = new byte[6100];
        System.arraycopy(first, 0, expected, 0, 3000);
        System.arraycopy(second, 0, expected, 3000, 3000);
        System.arraycopy(third, 0, expected, 6000, 100);
        assertThat(Arrays.copyOf(dst.array(), dst.position())).isEqualTo(expected);
        assertThat(p[1].readable()).isZero();
    }

    @Test
    void writeIntoTooSmallABufferTakesNothing() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
        ByteBuffer src = ByteBuffer.wrap(random(1000, 4));
        ByteBuffer dst = ByteBuffer.allocate(p[0].maxRecordSize(1000) - 1);
        assertThat(p[0].write(src, dst)).isZero();
        assertThat(dst.position()).isZero();
        assertThat(src.position()).isZero();
        dst = ByteBuffer.allocate(p[0].maxRecordSize(1000));
        assertThat(p[0].write(src, dst)).isEqualTo(1000);
        assertThat(dst.hasRemaining()).isFalse();
    }

    @Test
    void recordsAlreadyWaitingGoFirst() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        // A record sealed through the buffered path is still waiting when write(src, dst) comes.
        ByteBuffer net = ByteBuffer.allocate(1 << 15);
        p[0].write(ByteBuffer.wrap(random(10, 5)));
        int queued = p[0].maxRecordSize(10);
        ByteBuffer small = ByteBuffer.allocate(queued + 5);
        assertThat(p[0].write(ByteBuffer.wrap(random(10, 6)), small)).isZero();
        assertThat(small.position()).isEqualTo(queued);
        assertThat(p[0].write(ByteBuffer.wrap(random(10, 6)), net)).isEqualTo(10);
        small.flip();
        net.flip();
        ByteBuffer dst = ByteBuffer.allocate(100);
        p[1].receive(small, dst);
        p[1].receive(net, dst);
        assertThat(dst.position()).isEqualTo(20);
    }

    @Test
    void aTamperedRecordInPlaceIsBadRecordMac() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        ByteBuffer net = ByteBuffer.allocate(1 << 15);
        p[0].write(ByteBuffer.wrap(random(500, 7)), net);
        net.flip();
        net.put(100, (byte) (net.get(100) ^ 1));
        ByteBuffer dst = ByteBuffer.allocate(1000);
        assertThatThrownBy(() -> p[1].receive(net, dst))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.BAD_RECORD_MAC));
        assertThat(dst.position()).isZero();
        assertThat(p[1].status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThat(p[1].hasOutgoing()).isTrue(); // the fatal alert for the peer
    }

    @Test
    void aRecordHeaderOverTheLimitIsRecordOverflow() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        int length = RecordProtection.MAX_CIPHERTEXT + 1;
        ByteBuffer net = ByteBuffer.allocate(5 + length);
        net.put(new byte[] {23, 3, 3, (byte) (length >>> 8), (byte) length}).position(0);
        assertThatThrownBy(() -> p[1].receive(net, ByteBuffer.allocate(100)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
    }

    /**
     * The data path adds no allocation of its own: 16 KiB records through write(src, dst) and
     * receive(src, dst) allocate no more than the same number of seals and opens of the bare
     * AEAD primitive (the JDK's Cipher.init allocates per record; that is not ours).
     */
    @Test
    void allocatesNothingBeyondThePrimitive() {
        TlsConnection[] p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        ByteBuffer src = ByteBuffer.wrap(random(RecordProtection.MAX_PLAINTEXT, 8));
        ByteBuffer net = ByteBuffer.allocate(RecordProtection.MAX_PLAINTEXT + 100);
        ByteBuffer dst = ByteBuffer.allocate(RecordProtection.MAX_PLAINTEXT);
        int records = 2000;
        Runnable connection = () -> {
            for (int i = 0; i < records; i++) {
                src.clear();
                net.clear();
                p[0].write(src, net);
                net.flip();
                dst.clear();
                p[1].receive(net, dst);
                if (dst.position() != src.capacity()) {
                    throw new AssertionError(dst.position());
                }
            }
        };
        Aead sealer = CryptoProviders.defaults().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        Aead opener = CryptoProviders.defaults().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        byte[] nonce = new byte[12];
        byte[] aad = new byte[13];
        ByteBuffer buf = ByteBuffer.allocate(RecordProtection.MAX_PLAINTEXT + 16);
        long[] counter = {0};
        Runnable primitive = () -> {
            for (int i = 0; i < records; i++) {
                long n = ++counter[0];
                for (int b = 0; b < 8; b++) {
                    nonce[4 + b] = (byte) (n >>> (56 - 8 * b));
                }
                buf.clear().limit(RecordProtection.MAX_PLAINTEXT);
                sealer.seal(nonce, aad, buf);
                if (!opener.open(nonce, aad, buf)) {
                    throw new AssertionError("open failed");
                }
            }
        };
        long ours = allocated(connection);
        long bare = allocated(primitive);
        // Slack of 16 bytes per record for measurement noise; a single buffer view or array per
        // record on our side would already exceed it (a ByteBuffer is 48+ bytes).
        assertThat(ours).as("bytes allocated for %d records through the connection vs %d bare seals+opens (%d)",
                records, records, bare).isLessThanOrEqualTo(bare + 16L * records);
    }

    private static long allocated(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 5; i++) {
            r.run(); // warm up: the JIT's escape analysis decides what a steady state allocates
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long before = mx.getThreadAllocatedBytes(id);
            r.run();
            best = Math.min(best, mx.getThreadAllocatedBytes(id) - before);
        }
        return best;
    }
}
