package dev.jtls.proxy.balance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Prints, one per line, the back end an ip_hash pool picks for each of {@code COUNT} client addresses:
 * run in a fresh JVM by {@link CrossInstanceHashTest} to show the choice depends on nothing per process.
 */
public final class PickPrinter {

    static final int COUNT = 2000;

    private PickPrinter() {}

    static PoolState pool() {
        return new PoolState(TestPools.pool(PolicyKind.IP_HASH, Duration.ZERO, 1, 2, 3, 1, 1), Clock.systemUTC(), null);
    }

    static String picks(PoolState pool) throws UnknownHostException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            InetAddress client = InetAddress.getByAddress(new byte[] {(byte) 198, 51, (byte) (i >>> 8), (byte) i});
            out.append(pool.pick(PickKey.of(client), Set.of()).orElseThrow().name()).append('\n');
        }
        return out.toString();
    }

    public static void main(String[] args) throws UnknownHostException {
        System.out.print(picks(pool()));
    }
}
