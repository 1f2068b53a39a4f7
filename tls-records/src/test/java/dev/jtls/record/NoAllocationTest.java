package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The record layer's own code allocates nothing per record (sealing and opening happen in place in
 * the caller's buffers, so bulk data costs no garbage-collector work). The
 * primitives are replaced by allocation-free fakes so that only our code is measured.
 */
class NoAllocationTest {
    /** XOR "cipher" with a checksum "tag": enough to round-trip, allocates nothing. */
    static final class FakeAead implements Aead {
        private final AeadAlgorithm algorithm;

        FakeAead(AeadAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public AeadAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public int seal(byte[] nonce, byte[] aad, ByteBuffer buf) {
            int end = buf.limit();
            buf.limit(end + 16);
            for (int i = end; i < end + 16; i++) {
                buf.put(i, (byte) (nonce[i % 12] ^ aad[i % 13]));
            }
            return buf.remaining();
        }

        @Override
        public boolean open(byte[] nonce, byte[] aad, ByteBuffer buf) {
            int end = buf.limit() - 16;
            if (end < buf.position()) {
                return false;
            }
            int diff = 0;
            for (int i = end; i < end + 16; i++) {
                diff |= buf.get(i) ^ (byte) (nonce[i % 12] ^ aad[i % 13]);
            }
            buf.limit(end);
            return diff == 0;
        }
    }

    static final class FakeCbc implements CbcCipher {
        @Override
        public CbcAlgorithm algorithm() {
            return CbcAlgorithm.AES_128_CBC;
        }

        @Override
        public void encrypt(byte[] iv, ByteBuffer buf) {
        }

        @Override
        public void decrypt(byte[] iv, ByteBuffer buf) {
        }
    }

    static final class FakeHmac implements Hmac {
        private int sum;

        @Override
        public HashAlgorithm algorithm() {
            return HashAlgorithm.SHA256;
        }

        @Override
        public void update(byte[] input, int offset, int length) {
            for (int i = 0; i < length; i++) {
                sum = sum * 31 + input[offset + i];
            }
        }

        @Override
        public void update(ByteBuffer input) {
            while (input.hasRemaining()) {
                sum = sum * 31 + input.get();
            }
        }

        @Override
        public void doFinal(byte[] out, int offset) {
            for (int i = 0; i < 32; i++) {
                out[offset + i] = (byte) (sum >>> (i % 4 * 8));
            }
            sum = 0;
        }

        @Override
        public void reset() {
            sum = 0;
        }
    }

    /** A SecureRandom whose nextBytes allocates nothing (the JDK's default may). */
    static final class FakeRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        }
    }

    private static long allocated(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        r.run(); // warm up
        long before = mx.getThreadAllocatedBytes(id);
        r.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }

    private static void loop(RecordProtection out, RecordProtection in, ByteBuffer buf, int records) {
        for (long seq = 0; seq < records; seq++) {
            buf.clear();
            buf.limit(out.plaintextOffset() + 1000);
            out.seal(seq, ContentType.APPLICATION_DATA, buf);
            in.open(seq, buf);
        }
    }

    @Test
    void sealAndOpenAllocateNothingPerRecord() {
        RecordProtection[][] pairs = {
            {AeadProtection.aesGcm(new FakeAead(AeadAlgorithm.AES_128_GCM), new byte[4]),
                AeadProtection.aesGcm(new FakeAead(AeadAlgorithm.AES_128_GCM), new byte[4])},
            {AeadProtection.chacha20Poly1305(new FakeAead(AeadAlgorithm.CHACHA20_POLY1305), new byte[12]),
                AeadProtection.chacha20Poly1305(new FakeAead(AeadAlgorithm.CHACHA20_POLY1305), new byte[12])},
            {new CbcProtection(new FakeCbc(), new FakeHmac(), false, new FakeRandom()),
                new CbcProtection(new FakeCbc(), new FakeHmac(), false, new FakeRandom())},
            {new CbcProtection(new FakeCbc(), new FakeHmac(), true, new FakeRandom()),
                new CbcProtection(new FakeCbc(), new FakeHmac(), true, new FakeRandom())},
        };
        for (RecordProtection[] p : pairs) {
            ByteBuffer heap = ByteBuffer.allocate(2000);
            ByteBuffer direct = ByteBuffer.allocateDirect(2000);
            // a little slack for the measurement itself; 10k records at even 1 byte each would exceed it
            assertThat(allocated(() -> loop(p[0], p[1], heap, 10_000))).as(p[0].getClass().getSimpleName()).isLessThan(1024);
            assertThat(allocated(() -> loop(p[0], p[1], direct, 10_000))).isLessThan(1024);
        }
    }
}
