package dev.jtls.proxy.balance;

import java.net.InetAddress;

/**
 * A request's hash key for the hashing policies, reduced to 64 bits by a hash that is the same in every
 * process (no per-process seed; see {@link StableHash}), so that every instance with the same config
 * sends the same client to the same back end.
 */
public record PickKey(long hash) {

    /** No key: hashing policies fall back to a fair choice. */
    public static final PickKey NONE = new PickKey(0);

    /** The key of a client address (its 4 or 16 address bytes; the port is not part of it). */
    public static PickKey of(InetAddress address) {
        return fromHash(StableHash.of(address.getAddress()));
    }

    /** The key of a string (a header value, a cookie), hashed over its UTF-8 bytes. */
    public static PickKey of(String value) {
        return fromHash(StableHash.of(value));
    }

    /** True for {@link #NONE}. */
    public boolean isNone() {
        return hash == 0;
    }

    private static PickKey fromHash(long h) {
        // 0 means "no key"; the one input in 2^64 that hashes to it is moved next door.
        return new PickKey(h == 0 ? 1 : h);
    }
}
