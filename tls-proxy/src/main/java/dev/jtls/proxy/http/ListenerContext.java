package dev.jtls.proxy.http;

import dev.jtls.proxy.config.ListenerConfig;
import dev.jtls.proxy.config.LimitsConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every connection of one HTTP listener shares: its configuration and routes, the pools, the
 * connector to the back ends, where events go, and whether the proxy is draining.
 */
public record ListenerContext(
        ListenerConfig config,
        LimitsConfig limits,
        Router router,
        ForwardedHeaders forwarded,
        Map<String, PoolRuntime> pools,
        BackendConnector connector,
        ProxyEvents events,
        AtomicBoolean draining) {

    public static ListenerContext of(ListenerConfig config, LimitsConfig limits, Map<String, PoolRuntime> pools,
                                     BackendConnector connector, ProxyEvents events, AtomicBoolean draining) {
        return new ListenerContext(config, limits, new Router(config.routes()), new ForwardedHeaders(config.trustedHops()),
                Map.copyOf(pools), connector, events, draining);
    }

    public String name() {
        return config.name();
    }
}
