package dev.jtls.proxy.l4;

import dev.jtls.proxy.config.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Whether an address lies in an address block. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d},
 * what a dual-stack socket reports for an IPv4 peer) is compared as the IPv4 address it carries, so
 * {@code 10.0.0.0/8} matches it; otherwise an IPv4 block never matches an IPv6 address and vice versa.
 */
public final class CidrMatcher {
    private CidrMatcher() {
    }

    public static boolean contains(Cidr cidr, InetAddress address) {
        byte[] net = unmapped(cidr.network()).getAddress();
        byte[] addr = unmapped(address).getAddress();
        if (net.length != addr.length) {
            return false;
        }
        int prefix = cidr.prefixLength();
        if (prefix < 0 || prefix > net.length * 8) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (net[i] != addr[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[whole] & mask) == (addr[whole] & mask);
    }

    /** True if any block holds {@code address}; false for an empty list. */
    public static boolean anyContains(List<Cidr> cidrs, InetAddress address) {
        if (cidrs == null || address == null) {
            return false;
        }
        for (Cidr c : cidrs) {
            if (contains(c, address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ::ffff:a.b.c.d} as {@code a.b.c.d}; any other address unchanged. */
    static InetAddress unmapped(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16 && isMapped(b)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 4 bytes are always a valid IPv4 address
            }
        }
        return a;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
