package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StableHashTest {

    /** FNV-1a 64 alone, to check the constants against the published test vectors. */
    private static long fnv1a(String s) {
        long h = StableHash.FNV_OFFSET_BASIS;
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            h ^= b & 0xff;
            h *= StableHash.FNV_PRIME;
        }
        return h;
    }

    @Test
    void fnvConstantsMatchThePublishedVectors() {
        // From the FNV reference test suite (Fowler/Noll/Vo, "FNV-1a 64-bit" column).
        assertThat(fnv1a("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(fnv1a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(fnv1a("foobar")).isEqualTo(0x85944171f73967e8L);
        assertThat(StableHash.of("foobar")).isEqualTo(StableHash.mix(0x85944171f73967e8L));
    }

    @Test
    void mixIsMurmur3Fmix64() {
        assertThat(StableHash.mix(0)).isZero();
        // fmix64 is a bijection: distinct inputs give distinct outputs, and one bit flips about half.
        long a = StableHash.mix(1);
        long b = StableHash.mix(2);
        assertThat(a).isNotEqualTo(b);
        assertThat(Long.bitCount(a ^ b)).isBetween(16, 48);
    }

    @Test
    void pickKeysOfAddressesAndStrings() throws Exception {
        PickKey v4 = PickKey.of(InetAddress.getByName("192.0.2.7"));
        assertThat(v4).isEqualTo(new PickKey(StableHash.of(new byte[] {(byte) 192, 0, 2, 7})));
        assertThat(v4.isNone()).isFalse();
        assertThat(PickKey.of(InetAddress.getByName("2001:db8::1"))).isNotEqualTo(v4);
        assertThat(PickKey.of("session-42")).isEqualTo(PickKey.of("session-42"));
        assertThat(PickKey.of("session-42").hash()).isEqualTo(StableHash.of("session-42".getBytes(StandardCharsets.UTF_8)));
        assertThat(PickKey.NONE.isNone()).isTrue();
    }
}
