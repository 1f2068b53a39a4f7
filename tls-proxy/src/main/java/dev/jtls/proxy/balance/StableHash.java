package dev.jtls.proxy.balance;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash that is the same in every process, on every JVM and every run: FNV-1a 64 (offset basis
 * {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3}) over the bytes, then MurmurHash3's
 * {@code fmix64} finalizer so that every input bit reaches every output bit. No seed, no
 * {@link Object#hashCode()} (whose String form is stable but only 32 bits, and whose other forms are
 * per process). Not a cryptographic hash: keys pick back ends, they protect nothing.
 */
public final class StableHash {

    static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {}

    public static long of(byte[] bytes) {
        long h = FNV_OFFSET_BASIS;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    public static long of(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    /** MurmurHash3's 64-bit finalizer ({@code fmix64}): a bijection with full avalanche. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
