package dev.jtls.proxy.config;

import dev.jtls.proxy.balance.PolicyKind;
import java.time.Duration;
import java.util.List;

/**
 * A pool of back ends.
 *
 * @param hashKey for ip_hash: {@code client_ip} (default) or {@code header:<Name>}
 * @param slowStart a back end that comes back has its weight ramped over this window; ZERO: off
 * @param tls null: plain TCP to the back ends; else re-encrypt with jtls's SSLEngine
 */
public record PoolConfig(
        String name,
        PolicyKind policy,
        String hashKey,
        List<BackendConfig> backends,
        HealthCheckConfig health,
        PassiveHealthConfig passive,
        Duration slowStart,
        BackendTimeouts timeouts,
        KeepAliveConfig keepAlive,
        BackendTlsConfig tls) {}
