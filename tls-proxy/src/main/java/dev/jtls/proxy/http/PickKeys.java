package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.PickKey;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * A request's hash key for the hashing policies: the client address (default) or a configured header
 * ({@code hash_key: header:X-User}). FNV-1a 64 with a final avalanche (SplitMix64's), so the key is
 * the same in every process and on every instance (no per-process seed).
 */
public final class PickKeys {
    private PickKeys() {
    }

    public static PickKey of(String hashKey, InetAddress client, HttpHeaders headers) {
        if (hashKey != null && hashKey.regionMatches(true, 0, "header:", 0, 7)) {
            String value = headers.get(hashKey.substring(7).trim());
            return value == null ? PickKey.NONE : new PickKey(hash(value.getBytes(StandardCharsets.UTF_8)));
        }
        return client == null ? PickKey.NONE : new PickKey(hash(client.getAddress()));
    }

    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }
}
