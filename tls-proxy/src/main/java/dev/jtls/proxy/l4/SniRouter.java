package dev.jtls.proxy.l4;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Passthrough routing by server name: an exact name first, then the longest {@code *.suffix} entry
 * whose suffix ends the name after a dot ({@code *.example.com} takes {@code a.example.com} and
 * {@code a.b.example.com}, not {@code example.com}), else the default pool. Names compare without
 * regard to ASCII case (RFC 6066 §3: host names are DNS names; RFC 4343: DNS names are case-insensitive).
 * Immutable.
 */
public final class SniRouter {
    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> suffixes = new HashMap<>();
    private final String defaultPool;

    /**
     * @param sniPools name (exact, or {@code *.suffix}) → pool
     * @param defaultPool for no server_name or no match; null: none
     */
    public SniRouter(Map<String, String> sniPools, String defaultPool) {
        if (sniPools != null) {
            sniPools.forEach((name, pool) -> {
                String n = lower(name);
                if (n.startsWith("*.")) {
                    suffixes.put(n.substring(2), pool);
                } else {
                    exact.put(n, pool);
                }
            });
        }
        this.defaultPool = defaultPool;
    }

    /** The pool for {@code hostName} (null: no server_name sent); null when nothing matches and there is no default. */
    public String route(String hostName) {
        if (hostName == null || hostName.isEmpty()) {
            return defaultPool;
        }
        String n = lower(hostName);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1); // the absolute form names the same host
        }
        String pool = exact.get(n);
        if (pool != null) {
            return pool;
        }
        // Longest suffix first: strip one label at a time.
        for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', dot + 1)) {
            pool = suffixes.get(n.substring(dot + 1));
            if (pool != null) {
                return pool;
            }
        }
        return defaultPool;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
