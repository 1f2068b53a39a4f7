package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.PoolConfig;
import javax.net.ssl.SSLContext;

/**
 * A pool as the HTTP path uses it: its configuration, its balancing state, and the jtls client context
 * when requests are re-encrypted toward its back ends (null: plain TCP). One client context per pool,
 * so connections to its back ends resume their TLS sessions.
 */
public record PoolRuntime(PoolConfig config, PoolState state, SSLContext backendTls) {
    public String name() {
        return config.name();
    }
}
