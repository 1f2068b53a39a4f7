package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lucky 13 (AlFardan and Paterson, 2013): opening a MAC-then-encrypt record must cost the same
 * number of hash compressions whatever its padding length, valid or not. A counting wrapper around
 * the real HMAC models a Merkle–Damgård hash (block size B, 0x80 then a 64- or 128-bit length at
 * the end, FIPS 180-4 §5.1) and counts the inner-hash compressions of every message and of the
 * dummy input fed after it; it also records the calls and the bytes, which must be the same too,
 * and the dummy, which must never be less than a block (a digest skips its multi-block path then).
 */
class CbcConstantWorkTest {
    static final class CountingHmac implements Hmac {
        final Hmac real;
        final int block;
        final int lengthField;
        long pending;
        long compressions;
        long fed;
        long fedDirect;
        long shortestDummy = Long.MAX_VALUE;
        final StringBuilder calls = new StringBuilder();

        CountingHmac(Hmac real) {
            this.real = real;
            this.block = real.algorithm().blockLength();
            this.lengthField = block == 128 ? 16 : 8;
        }

        @Override
        public HashAlgorithm algorithm() {
            return real.algorithm();
        }

        @Override
        public void update(byte[] input, int offset, int length) {
            pending += length;
            fed += length;
            calls.append('u');
            real.update(input, offset, length);
        }

        @Override
        public void update(ByteBuffer input) {
            pending += input.remaining();
            fed += input.remaining();
            if (input.isDirect()) {
                fedDirect += input.remaining();
            }
            calls.append(input.isDirect() ? 'd' : 'u');
            real.update(input);
        }

        @Override
        public void doFinal(byte[] out, int offset) {
            compressions += (pending + 1 + lengthField + block - 1) / block;
            pending = 0;
            calls.append('f');
            real.doFinal(out, offset);
        }

        @Override
        public void reset() {
            compressions += pending / block;
            shortestDummy = Math.min(shortestDummy, pending);
            pending = 0;
            calls.append('r');
            real.reset();
        }
    }

    @Test
    void compressionsCallsAndBytesDoNotDependOnThePaddingLength() {
        CryptoProvider p = CryptoProviders.jca();
        for (Suite s : new Suite[] {Suite.AES_128_CBC_SHA, Suite.AES_128_CBC_SHA256, Suite.AES_256_CBC_SHA384}) {
            Random r = new Random(4);
            byte[] key = Suite.bytes(r, s.cbc.keyLength());
            byte[] macKey = Suite.bytes(r, s.mac.outputLength());
            for (int dataLength : new int[] {64, 128, 320, 1024}) {
                if (dataLength < s.mac.outputLength() + 1) {
                    continue;
                }
                // A record in a direct buffer is hashed through a copy: the dummy must be too.
                openEveryPadding(s, p, key, macKey, dataLength, false);
                openEveryPadding(s, p, key, macKey, dataLength, true);
            }
        }
    }

    /** Opens records of every padding length, valid and not, and checks the HMAC saw the same work. */
    private static void openEveryPadding(Suite s, CryptoProvider p, byte[] key, byte[] macKey, int dataLength,
                                         boolean direct) {
        int macLength = s.mac.outputLength();
        Set<String> counts = new HashSet<>();
        int opened = 0;
        for (int padLength = 0; padLength <= Math.min(255, dataLength - macLength - 1); padLength++) {
            int ptLength = dataLength - macLength - padLength - 1;
            byte[] pad = new byte[padLength + 1];
            Arrays.fill(pad, (byte) padLength);
            for (boolean corrupt : new boolean[] {false, true}) {
                if (corrupt) {
                    pad[0] ^= 1; // bad padding (or, for padLength 0, a different padding_length)
                }
                byte[] record = RawRecords.cbc(s, p, 4, 0, 23, new byte[ptLength], pad);
                CountingHmac hmac = new CountingHmac(p.newHmac(s.mac, macKey));
                CbcProtection in = new CbcProtection(p.newCbc(s.cbc, key), hmac, false, new SecureRandom());
                try {
                    Suite.open(in, 0, record, direct);
                    opened++;
                } catch (TlsAlertException e) {
                    assertThat(e.description()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
                }
                assertThat(hmac.pending).isZero();
                assertThat(hmac.shortestDummy).as(s + " padding " + padLength).isGreaterThanOrEqualTo(hmac.block);
                counts.add(hmac.compressions + " compressions, " + hmac.fed + " bytes (" + hmac.fedDirect
                        + " from direct buffers), calls " + hmac.calls);
            }
        }
        String what = s + " data " + dataLength + (direct ? " direct" : " heap");
        assertThat(counts).as(what).hasSize(1);
        assertThat(opened).as(what).isEqualTo(Math.min(256, dataLength - macLength));
    }
}
