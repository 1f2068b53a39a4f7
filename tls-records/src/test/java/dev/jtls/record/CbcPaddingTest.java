package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5246 §6.2.3.2: any padding length up to 255 whose bytes all equal padding_length is valid;
 * anything else must be rejected with bad_record_mac (RFC 5246 §7.2.2), the same alert as a bad
 * MAC, for MAC-then-encrypt and for encrypt-then-MAC (RFC 7366 §3).
 */
class CbcPaddingTest {
    private static final Suite[] CBC = {
        Suite.AES_128_CBC_SHA, Suite.AES_128_CBC_SHA_ETM, Suite.AES_128_CBC_SHA256,
        Suite.AES_128_CBC_SHA256_ETM, Suite.AES_256_CBC_SHA384, Suite.AES_256_CBC_SHA384_ETM,
    };

    @Test
    void everyValidPaddingLengthOpensAndEveryWrongPaddingByteIsBadRecordMac() {
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        for (Suite s : CBC) {
            for (CryptoProvider p : Suite.backends()) {
                RecordProtection in = s.make(p, 21);
                long seq = 0;
                for (int ptLength : new int[] {0, 1, 3}) {
                    byte[] pt = new byte[ptLength];
                    Arrays.fill(pt, (byte) 0x41);
                    int covered = ptLength + (s.etm ? 0 : s.mac.outputLength());
                    for (int padLength = 0; padLength <= 255; padLength++) {
                        if ((covered + padLength + 1) % 16 != 0) {
                            continue;
                        }
                        byte[] pad = new byte[padLength + 1];
                        Arrays.fill(pad, (byte) padLength);
                        byte[] good = RawRecords.cbc(s, p, 21, seq, 23, pt, pad);
                        try {
                            byte[] back = Suite.open(in, seq, good, false);
                            if (!Arrays.equals(back, pt)) {
                                failures.add(s + " " + p.name() + " pad " + padLength + ": wrong plaintext");
                            }
                        } catch (RuntimeException e) {
                            failures.add(s + " " + p.name() + " pad " + padLength + ": " + e);
                        }
                        // Each padding byte, including padding_length itself, set to every other value.
                        for (int i = 0; i <= padLength; i += (padLength < 16 ? 1 : padLength / 4)) {
                            for (int v = 0; v < 256; v++) {
                                if (v == padLength) {
                                    continue;
                                }
                                byte[] badPad = pad.clone();
                                badPad[i] = (byte) v;
                                byte[] bad = RawRecords.cbc(s, p, 21, seq, 23, pt, badPad);
                                if (s.etm && i == padLength && v == 0) {
                                    // Encrypt-then-MAC: padding_length 0 is a valid padding of one
                                    // byte, and the MAC covers the ciphertext, so the old padding
                                    // bytes are simply plaintext now.
                                    byte[] longer = Arrays.copyOf(pt, ptLength + padLength);
                                    Arrays.fill(longer, ptLength, longer.length, (byte) padLength);
                                    if (!Arrays.equals(Suite.open(in, seq, bad, false), longer)) {
                                        failures.add(s + " pad " + padLength + " as padding_length 0: wrong plaintext");
                                    }
                                    continue;
                                }
                                RecordProtectionTest.expectBadMac(failures,
                                        s + " " + p.name() + " pad " + padLength + " byte " + i + "=" + v, in, seq, bad);
                                rejected++;
                            }
                        }
                        seq++;
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(rejected).isGreaterThan(10_000);
    }

    @Test
    void paddingThatWouldEatTheMacIsBadRecordMac() {
        // A padding_length larger than the data minus the MAC (MAC-then-encrypt): one block of
        // 0xff bytes after a MAC-sized prefix.
        List<String> failures = new ArrayList<>();
        for (Suite s : new Suite[] {Suite.AES_128_CBC_SHA, Suite.AES_256_CBC_SHA384}) {
            for (CryptoProvider p : Suite.backends()) {
                RecordProtection in = s.make(p, 5);
                int macLength = s.mac.outputLength();
                int dataLength = ((macLength + 1 + 15) / 16) * 16;
                byte[] filler = new byte[dataLength - macLength];
                Arrays.fill(filler, (byte) (dataLength - 1));
                // "plaintext" empty and padding claiming the whole data: build via raw CBC with MAC over 0 bytes
                byte[] rec = RawRecords.cbc(s, p, 5, 0, 23, new byte[0], filler);
                RecordProtectionTest.expectBadMac(failures, s + " " + p.name(), in, 0, rec);
            }
        }
        assertThat(failures).isEmpty();
    }
}
