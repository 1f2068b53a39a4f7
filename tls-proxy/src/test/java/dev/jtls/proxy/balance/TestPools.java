package dev.jtls.proxy.balance;

import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.config.PoolConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Pool configurations for the balancing tests. */
final class TestPools {

    private TestPools() {}

    /** Back ends b0..b(n-1) on 127.0.0.1:9000+i with the given weights. */
    static List<BackendConfig> backends(int... weights) {
        List<BackendConfig> list = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            list.add(new BackendConfig("b" + i, "127.0.0.1", 9000 + i, weights[i]));
        }
        return list;
    }

    static PoolConfig pool(PolicyKind policy, Duration slowStart, int... weights) {
        return new PoolConfig("web", policy, "client_ip", backends(weights),
                new HealthCheckConfig(HealthCheckConfig.Kind.TCP, null, 200, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3),
                new PassiveHealthConfig(5, Duration.ofSeconds(30), false),
                slowStart, null, null, null);
    }
}
