package dev.jtls.proxy.testing;

import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.AccessLogConfig;
import dev.jtls.proxy.config.AdminConfig;
import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.BackendTimeouts;
import dev.jtls.proxy.config.CertificateConfig;
import dev.jtls.proxy.config.Cidr;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.KeepAliveConfig;
import dev.jtls.proxy.config.LimitsConfig;
import dev.jtls.proxy.config.ListenerConfig;
import dev.jtls.proxy.config.ListenerTimeouts;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.config.ProxyConfig;
import dev.jtls.proxy.config.RouteConfig;
import dev.jtls.proxy.config.TlsListenerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Proxy configurations for the tests, built as records (the loader has its own tests), with safe defaults. */
public final class ProxyConfigs {
    private ProxyConfigs() {
    }

    public static PoolConfig pool(String name, PolicyKind policy, List<TestBackend> backends, int... weights) {
        List<BackendConfig> list = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            list.add(new BackendConfig(backends.get(i).name, "127.0.0.1", backends.get(i).port(),
                    weights.length > i ? weights[i] : 1));
        }
        return new PoolConfig(name, policy, "client_ip", list,
                new HealthCheckConfig(HealthCheckConfig.Kind.NONE, null, 200, Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3),
                new PassiveHealthConfig(3, Duration.ofSeconds(10), false), Duration.ZERO,
                new BackendTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new KeepAliveConfig(32, 256, Duration.ofSeconds(30), 0), null);
    }

    public static ListenerTimeouts timeouts() {
        return new ListenerTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public static TlsListenerConfig tls(TestPki.Leaf... leaves) {
        List<CertificateConfig> certs = new ArrayList<>();
        for (TestPki.Leaf l : leaves) {
            certs.add(new CertificateConfig(l.certFile(), l.keyFile(), List.of()));
        }
        return new TlsListenerConfig(certs, List.of("http/1.1"), TlsListenerConfig.ClientAuthMode.NONE, null,
                List.of(), false, false);
    }

    public static ListenerConfig http(TlsListenerConfig tls, List<RouteConfig> routes, List<Cidr> trusted,
                                      ListenerTimeouts timeouts, int maxConnections) {
        return new ListenerConfig("https", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                ListenerConfig.Mode.HTTP, tls, routes, null, Map.of(), List.of(), trusted, timeouts, maxConnections);
    }

    public static LimitsConfig limits() {
        return new LimitsConfig(16 << 10, 8 << 10, 1 << 20, Duration.ofSeconds(5));
    }

    public static ProxyConfig config(ListenerConfig listener, PoolConfig... pools) {
        Map<String, PoolConfig> m = new LinkedHashMap<>();
        for (PoolConfig p : pools) {
            m.put(p.name(), p);
        }
        return new ProxyConfig(List.of(listener), m, limits(), new AdminConfig(null, null),
                new AccessLogConfig(AccessLogConfig.Target.OFF, null), null);
    }

    /** One listener on 127.0.0.1:0 routing everything to {@code pool}. */
    public static ProxyConfig simple(TestPki.Leaf leaf, PoolConfig pool) {
        return config(http(tls(leaf), List.of(new RouteConfig(null, null, pool.name())), List.of(), timeouts(), 0), pool);
    }

    public static PoolConfig with(PoolConfig p, KeepAliveConfig keepAlive) {
        return new PoolConfig(p.name(), p.policy(), p.hashKey(), p.backends(), p.health(), p.passive(), p.slowStart(),
                p.timeouts(), keepAlive, p.tls());
    }

    public static PoolConfig with(PoolConfig p, BackendTimeouts timeouts) {
        return new PoolConfig(p.name(), p.policy(), p.hashKey(), p.backends(), p.health(), p.passive(), p.slowStart(),
                timeouts, p.keepAlive(), p.tls());
    }

    public static PoolConfig with(PoolConfig p, HealthCheckConfig health, PassiveHealthConfig passive, Duration slowStart) {
        return new PoolConfig(p.name(), p.policy(), p.hashKey(), p.backends(), health, passive, slowStart,
                p.timeouts(), p.keepAlive(), p.tls());
    }
}
