package dev.jtls.proxy.config;

import java.util.List;
import java.util.Map;

/**
 * The whole proxy configuration, loaded from one YAML file and validated once
 * ({@code ConfigLoader.load(Path)}); immutable, swapped atomically on reload.
 *
 * @param pools by name, in file order
 * @param admin the admin listener (metrics, runtime API); never null (defaults: 127.0.0.1, off unless a port is set)
 * @param workers event-loop threads for the connections (top-level {@code workers:}); 0: Netty's default (twice the cores)
 */
public record ProxyConfig(
        List<ListenerConfig> listeners,
        Map<String, PoolConfig> pools,
        LimitsConfig limits,
        AdminConfig admin,
        AccessLogConfig accessLog,
        TicketConfig tickets,
        int workers) {

    /** Without a {@code workers:} setting: Netty's default thread count. */
    public ProxyConfig(List<ListenerConfig> listeners, Map<String, PoolConfig> pools, LimitsConfig limits,
            AdminConfig admin, AccessLogConfig accessLog, TicketConfig tickets) {
        this(listeners, pools, limits, admin, accessLog, tickets, 0);
    }
}
