package dev.jtls.proxy.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One listening socket.
 *
 * @param mode {@code http} (terminate TLS, HTTP/1.1 L7 routing), {@code tcp} (terminate TLS, pipe bytes
 *     to {@code pool}) or {@code passthrough} (no termination: route by the ClientHello's SNI)
 * @param tls the certificates and TLS settings; null only in passthrough mode
 * @param routes http mode: first match wins
 * @param pool tcp mode: the pool; http mode: unused (routes decide); passthrough: the default pool or null
 * @param sniPools passthrough mode: SNI host name (exact, or {@code *.suffix}) → pool
 * @param proxyProtocol PROXY protocol v2 accepted from these sources only; empty: refused from everyone
 * @param trustedHops sources whose X-Forwarded-For/Forwarded are kept and appended to (others' are replaced)
 */
public record ListenerConfig(
        String name,
        InetSocketAddress bind,
        Mode mode,
        TlsListenerConfig tls,
        List<RouteConfig> routes,
        String pool,
        Map<String, String> sniPools,
        List<Cidr> proxyProtocol,
        List<Cidr> trustedHops,
        ListenerTimeouts timeouts,
        int maxConnections) {

    public enum Mode { HTTP, TCP, PASSTHROUGH }
}
