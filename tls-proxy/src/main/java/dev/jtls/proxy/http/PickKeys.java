package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.PickKey;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;

/** A request's hash key for the hashing policies: the client address (default) or a configured header. */
public final class PickKeys {
    private PickKeys() {
    }

    /** @param hashKey the pool's {@code hash_key}: null or {@code client_ip}, or {@code header:<Name>} */
    public static PickKey of(String hashKey, InetAddress client, HttpHeaders headers) {
        if (hashKey != null && hashKey.regionMatches(true, 0, "header:", 0, 7)) {
            String value = headers.get(hashKey.substring(7).trim());
            return value == null ? PickKey.NONE : PickKey.of(value);
        }
        return client == null ? PickKey.NONE : PickKey.of(client);
    }
}
