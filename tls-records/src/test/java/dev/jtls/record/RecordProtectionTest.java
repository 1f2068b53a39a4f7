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

class RecordProtectionTest {
    private static final int[] SIZES = {0, 1, 16383, 16384};

    @Test
    void everyProtectionRoundTripsEverySizeOnEveryBackendAndAcrossBackends() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<CryptoProvider> backends = Suite.backends();
        for (Suite s : Suite.values()) {
            for (CryptoProvider sealer : backends) {
                for (CryptoProvider opener : backends) {
                    RecordProtection out = s.make(sealer, 7);
                    RecordProtection in = s.make(opener, 7);
                    long seq = 0;
                    for (int size : SIZES) {
                        for (boolean direct : new boolean[] {false, true}) {
                            byte[] pt = Suite.bytes(new Random(size), size);
                            byte[] record = Suite.seal(out, seq, ContentType.APPLICATION_DATA, pt, direct);
                            assertThat(record[0]).isEqualTo((byte) 23);
                            assertThat(((record[3] & 0xff) << 8) | (record[4] & 0xff)).isEqualTo(record.length - 5);
                            assertThat(record.length - 5).isLessThanOrEqualTo(RecordProtection.MAX_CIPHERTEXT);
                            byte[] back = Suite.open(in, seq, record, !direct);
                            checked++;
                            if (!Arrays.equals(pt, back)) {
                                failures.add(s + " " + sealer.name() + "->" + opener.name() + " size " + size);
                            }
                            seq++;
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(Suite.values().length * 4 * SIZES.length * 2);
    }

    /**
     * Sealing from one buffer into another and opening into another buffer (the connection's
     * data path) give exactly the records and plaintexts of the in-place forms, and a record that
     * does not open leaves the destination's position alone.
     */
    @Test
    void betweenBuffersMatchesInPlace() {
        List<String> failures = new ArrayList<>();
        for (Suite s : Suite.values()) {
            for (CryptoProvider p : Suite.backends()) {
                RecordProtection inPlace = s.make(p, 3);
                RecordProtection between = s.make(p, 3);
                RecordProtection opener = s.make(p, 3);
                for (int size : new int[] {0, 1, 17, 1000, 16384}) {
                    long seq = size;
                    byte[] pt = Suite.bytes(new Random(size), size);
                    byte[] expected = Suite.seal(inPlace, seq, ContentType.APPLICATION_DATA, pt, false);
                    ByteBuffer src = ByteBuffer.allocate(size + 9).position(4);
                    src.put(pt).flip().position(4);
                    ByteBuffer dst = ByteBuffer.allocateDirect(between.plaintextOffset() + size + between.maxSuffixLength() + 6).position(6);
                    int n = between.seal(seq, ContentType.APPLICATION_DATA, src, size, dst);
                    byte[] got = new byte[n];
                    dst.flip().position(6);
                    dst.get(got);
                    if (s.cbc == null && !Arrays.equals(got, expected)) {
                        failures.add(s + " " + p.name() + " size " + size + ": sealed bytes differ");
                    }
                    if (src.hasRemaining() || n != got.length) {
                        failures.add(s + " " + p.name() + " size " + size + ": positions after seal");
                    }
                    // CBC's IV is random, so its records differ; all must open to the plaintext.
                    ByteBuffer record = ByteBuffer.wrap(got);
                    ByteBuffer into = ByteBuffer.allocate(opener.maxPlaintextLength(got.length - 5) + 2).position(2);
                    int length = opener.open(seq, record, into);
                    if (length != size || into.position() != 2 + size
                            || !Arrays.equals(Arrays.copyOfRange(into.array(), 2, 2 + size), pt)) {
                        failures.add(s + " " + p.name() + " size " + size + ": wrong plaintext");
                    }
                    if (s != Suite.NULL) {
                        byte[] bad = expected.clone();
                        bad[bad.length - 1] ^= 1;
                        ByteBuffer to = ByteBuffer.allocate(opener.maxPlaintextLength(bad.length - 5));
                        try {
                            s.make(p, 3).open(seq, ByteBuffer.wrap(bad), to);
                            failures.add(s + " " + p.name() + " size " + size + ": tampered record opened");
                        } catch (TlsAlertException e) {
                            if (e.description() != AlertDescription.BAD_RECORD_MAC || to.position() != 0) {
                                failures.add(s + " " + p.name() + " size " + size + ": " + e.description() + " at " + to.position());
                            }
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anyFlippedBitTruncationOrExtensionIsBadRecordMacAndNothingElse() {
        List<String> failures = new ArrayList<>();
        for (Suite s : Suite.values()) {
            if (s == Suite.NULL) {
                continue;
            }
            for (CryptoProvider p : Suite.backends()) {
                RecordProtection out = s.make(p, 11);
                RecordProtection in = s.make(p, 11);
                long seq = 100;
                for (int size : new int[] {0, 1, 15, 16, 17, 100}) {
                    byte[] record = Suite.seal(out, seq, ContentType.HANDSHAKE, Suite.bytes(new Random(size), size), false);
                    // every byte: type, version, explicit nonce/IV, ciphertext, tag/MAC, padding
                    for (int i = 0; i < record.length; i++) {
                        if (i == 3 || i == 4) {
                            continue; // the header length is the deframer's, open() uses the buffer's bounds
                        }
                        for (int bit = 0; bit < 8; bit += 7) {
                            byte[] bad = record.clone();
                            bad[i] ^= (byte) (1 << bit);
                            expectBadMac(failures, s + " " + p.name() + " size " + size + " byte " + i, in, seq, bad);
                        }
                    }
                    for (int cut = 1; cut <= Math.min(48, record.length - 5); cut++) {
                        expectBadMac(failures, s + " cut " + cut, in, seq, Arrays.copyOf(record, record.length - cut));
                    }
                    for (int extra = 1; extra <= 32; extra += 15) {
                        expectBadMac(failures, s + " extra " + extra, in, seq, Arrays.copyOf(record, record.length + extra));
                    }
                    // the right record under the wrong sequence number
                    expectBadMac(failures, s + " seq+1", in, seq + 1, record);
                    expectBadMac(failures, s + " seq-1", in, seq - 1, record);
                    assertThat(Suite.open(in, seq, record, false)).hasSize(size);
                    seq++;
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    static void expectBadMac(List<String> failures, String what, RecordProtection p, long seq, byte[] record) {
        try {
            Suite.open(p, seq, record, false);
            failures.add(what + ": opened");
        } catch (TlsAlertException e) {
            if (e.description() != AlertDescription.BAD_RECORD_MAC) {
                failures.add(what + ": " + e.description());
            }
        } catch (RuntimeException e) {
            failures.add(what + ": " + e);
        }
    }

    @Test
    void authenticPlaintextOver2To14IsRecordOverflow() {
        for (Suite s : Suite.values()) {
            if (s == Suite.NULL) {
                continue;
            }
            CryptoProvider p = Suite.backends().get(1);
            RecordProtection in = s.make(p, 3);
            // seal() refuses such a plaintext, so build the authentic record by hand
            byte[] pt = new byte[RecordProtection.MAX_PLAINTEXT + 1];
            byte[] record = s.isCbc()
                    ? RawRecords.cbc(s, p, 3, 0, 23, pt, RawRecords.minimalPadding(s, pt.length))
                    : RawRecords.aead(s, p, 3, 0, 23, pt);
            assertThatThrownBy(() -> Suite.open(in, 0, record, false))
                    .isInstanceOfSatisfying(TlsAlertException.class,
                            e -> assertThat(e.description()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
        }
        NullProtection n = new NullProtection(ProtocolVersion.TLS1_2);
        byte[] big = new byte[5 + RecordProtection.MAX_PLAINTEXT + 1];
        big[0] = 23;
        assertThatThrownBy(() -> Suite.open(n, 0, big, false)).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.description()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
    }

    @Test
    void sealRefusesPlaintextOver2To14() {
        for (Suite s : Suite.values()) {
            RecordProtection out = s.make(Suite.backends().get(0), 1);
            assertThatThrownBy(() -> Suite.seal(out, 0, ContentType.APPLICATION_DATA, new byte[16385], false))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
