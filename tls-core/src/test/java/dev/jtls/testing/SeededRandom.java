package dev.jtls.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A "SecureRandom" that is not random at all: the byte stream SHA-256(seed || counter) for
 * counter = 0, 1, 2, …, so that a handshake made with it is the same bytes every time. For
 * recorded transcripts only. The stream does not depend on how callers cut their requests (two
 * reads of 16 bytes give what one read of 32 does), so a backend that changes its chunking does
 * not change the wire.
 */
public final class SeededRandom {
    private SeededRandom() {
    }

    /** A deterministic SecureRandom for {@code seed}. */
    public static SecureRandom of(String seed) {
        return new SecureRandom(new Stream(seed.getBytes(StandardCharsets.UTF_8)), null) {
            private static final long serialVersionUID = 1L;

            @Override
            public String getAlgorithm() {
                return "SeededRandom";
            }
        };
    }

    private static final class Stream extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private final byte[] block = new byte[32];
        private long counter;
        private int used = block.length;

        Stream(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // Deliberately ignored: a caller's extra seed must not make the stream differ between runs.
        }

        @Override
        protected synchronized void engineNextBytes(byte[] out) {
            for (int i = 0; i < out.length; i++) {
                if (used == block.length) {
                    refill();
                }
                out[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int length) {
            byte[] b = new byte[length];
            engineNextBytes(b);
            return b;
        }

        private void refill() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(seed);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    sha.update((byte) (counter >>> shift));
                }
                counter++;
                System.arraycopy(sha.digest(), 0, block, 0, block.length);
                used = 0;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
