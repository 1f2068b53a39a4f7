package dev.jtls.proxy.config;

import dev.jtls.proxy.balance.PolicyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the {@code pools:} section: name → pool of back ends, policy, health, timeouts, keep-alive. */
final class PoolSection {

    private static final Set<String> POOL_KEYS = Set.of("policy", "hash_key", "backends", "health", "passive",
            "slow_start", "timeouts", "keep_alive", "tls");
    private static final Set<String> BACKEND_KEYS = Set.of("address", "weight", "name");
    private static final Set<String> HEALTH_KEYS = Set.of("type", "path", "expect_status", "interval", "timeout",
            "rise", "fall");
    private static final Set<String> PASSIVE_KEYS = Set.of("consecutive_failures", "eject_for", "count_5xx");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connect", "response");
    private static final Set<String> KEEP_ALIVE_KEYS = Set.of("max_idle", "max_per_backend", "idle_timeout",
            "max_requests");
    private static final Set<String> TLS_KEYS = Set.of("trust", "server_name");
    private static final Map<String, PolicyKind> POLICIES = Arrays.stream(PolicyKind.values())
            .collect(Collectors.toMap(PolicyKind::configName, k -> k));
    private static final Map<String, HealthCheckConfig.Kind> HEALTH_KINDS =
            Map.of("none", HealthCheckConfig.Kind.NONE, "tcp", HealthCheckConfig.Kind.TCP, "http", HealthCheckConfig.Kind.HTTP);
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private final ConfigLoader.Context context;

    PoolSection(ConfigLoader.Context context) {
        this.context = context;
    }

    Map<String, PoolConfig> read(YamlMap top) {
        Map<String, PoolConfig> pools = new LinkedHashMap<>();
        if (!top.has("pools")) {
            top.problem("pools", "is required (at least one pool of back ends)");
            return pools;
        }
        Map<String, Node> named = YamlMap.namedEntries(top.get("pools"), "pools", context.problems());
        for (Map.Entry<String, Node> e : named.entrySet()) {
            String name = e.getKey();
            if (!name.matches(NAME_PATTERN)) {
                context.problems().add(e.getValue(), "pools." + name,
                        "a pool name is letters, digits, '_', '.', '-' (at most 64)");
            }
            pools.put(name, pool(name, YamlMap.of(e.getValue(), "pools." + name, context.problems(), POOL_KEYS)));
        }
        if (named.isEmpty() && top.has("pools")) {
            top.problem("pools", "must name at least one pool");
        }
        return pools;
    }

    private PoolConfig pool(String name, YamlMap m) {
        PolicyKind policy = m.value("policy", Defaults.POLICY, s -> choice(s, POLICIES));
        String hashKey = m.value("hash_key", Defaults.HASH_KEY, PoolSection::hashKey);
        if (m.has("hash_key") && policy != PolicyKind.IP_HASH) {
            m.problem("hash_key", "applies to policy ip_hash only (this pool's policy is " + policy.configName() + ")");
        }
        List<BackendConfig> backends = backends(m);
        HealthCheckConfig health = health(m.map("health", HEALTH_KEYS));
        YamlMap passive = m.map("passive", PASSIVE_KEYS);
        PassiveHealthConfig passiveConfig = new PassiveHealthConfig(
                passive.integer("consecutive_failures", Defaults.PASSIVE_FAILURES, 0, 1000),
                passive.duration("eject_for", Defaults.PASSIVE_EJECT_FOR, Duration.ofSeconds(1), Duration.ofHours(1)),
                passive.bool("count_5xx", Defaults.PASSIVE_COUNT_5XX));
        Duration slowStart = m.duration("slow_start", Defaults.SLOW_START, Duration.ZERO, Duration.ofHours(1));
        YamlMap t = m.map("timeouts", TIMEOUT_KEYS);
        BackendTimeouts timeouts = new BackendTimeouts(
                t.duration("connect", Defaults.CONNECT_TIMEOUT, Duration.ofMillis(10), Duration.ofMinutes(1)),
                t.duration("response", Defaults.RESPONSE_TIMEOUT, Duration.ofMillis(10), Duration.ofHours(1)));
        YamlMap k = m.map("keep_alive", KEEP_ALIVE_KEYS);
        KeepAliveConfig keepAlive = new KeepAliveConfig(
                k.integer("max_idle", Defaults.KEEP_ALIVE_MAX_IDLE, 0, 100_000),
                k.integer("max_per_backend", Defaults.KEEP_ALIVE_MAX_PER_BACKEND, 1, 100_000),
                k.duration("idle_timeout", Defaults.KEEP_ALIVE_IDLE_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                k.integer("max_requests", Defaults.KEEP_ALIVE_MAX_REQUESTS, 0, Integer.MAX_VALUE));
        if (keepAlive.maxIdle() > keepAlive.maxPerBackend()) {
            k.problem("max_idle", "must be ≤ max_per_backend (" + keepAlive.maxPerBackend() + "), got " + keepAlive.maxIdle());
        }
        BackendTlsConfig tls = null;
        if (m.has("tls")) {
            YamlMap tm = m.map("tls", TLS_KEYS);
            String serverName = tm.value("server_name", null, Values::hostPattern);
            if (serverName != null && serverName.startsWith("*.")) {
                tm.problem("server_name", "must be one host name, not a pattern");
            }
            tls = new BackendTlsConfig(context.file(tm, "trust", false, "CERTIFICATE"), serverName);
        }
        return new PoolConfig(name, policy, hashKey, backends, health, passiveConfig, slowStart, timeouts, keepAlive, tls);
    }

    private List<BackendConfig> backends(YamlMap m) {
        List<BackendConfig> out = new ArrayList<>();
        if (!m.has("backends")) {
            m.problem("backends", "is required (at least one back end)");
            return out;
        }
        List<Node> items = m.list("backends");
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = m.child("backends") + "[" + i + "]";
            Values.HostPort address;
            int weight = Defaults.WEIGHT;
            String name = null;
            Node at = item;
            if (item instanceof ScalarNode) {
                // The short form: "- 127.0.0.1:8081".
                address = YamlMap.parse(item, path, context.problems(), null, s -> Values.hostPort(s, 1));
            } else {
                YamlMap b = YamlMap.of(item, path, context.problems(), BACKEND_KEYS);
                address = b.has("address") ? b.value("address", null, s -> Values.hostPort(s, 1)) : null;
                if (!b.has("address")) {
                    b.required("address");
                }
                weight = b.integer("weight", Defaults.WEIGHT, 1, 1000);
                name = b.value("name", null, PoolSection::backendName);
                at = b.has("name") ? b.get("name") : item;
            }
            if (address == null) {
                continue;
            }
            if (name == null) {
                name = address.host().indexOf(':') >= 0 ? "[" + address.host() + "]:" + address.port()
                        : address.host() + ":" + address.port();
            }
            Integer first = names.putIfAbsent(name, YamlMap.line(at));
            if (first != null) {
                context.problems().add(at, path, "duplicate back end '" + name + "' (first at line " + first + ")");
                continue;
            }
            out.add(new BackendConfig(name, address.host(), address.port(), weight));
        }
        if (items.isEmpty()) {
            m.problem("backends", "must list at least one back end");
        }
        return out;
    }

    private HealthCheckConfig health(YamlMap h) {
        HealthCheckConfig.Kind kind = h.value("type", Defaults.HEALTH_KIND, s -> choice(s, HEALTH_KINDS));
        String path = h.value("path", Defaults.HEALTH_PATH, PoolSection::requestPath);
        if (h.has("path") && kind != HealthCheckConfig.Kind.HTTP) {
            h.problem("path", "applies to type http only");
        }
        int expect = h.integer("expect_status", Defaults.HEALTH_EXPECT_STATUS, 100, 599);
        Duration interval = h.duration("interval", Defaults.HEALTH_INTERVAL, Duration.ofMillis(100), Duration.ofHours(1));
        Duration timeout = h.duration("timeout", Defaults.HEALTH_TIMEOUT, Duration.ofMillis(10), Duration.ofMinutes(5));
        if (timeout.compareTo(interval) > 0) {
            h.problem("timeout", "must be ≤ interval (" + Values.format(interval) + "), got " + Values.format(timeout));
        }
        int rise = h.integer("rise", Defaults.HEALTH_RISE, 1, 100);
        int fall = h.integer("fall", Defaults.HEALTH_FALL, 1, 100);
        return new HealthCheckConfig(kind, path, expect, interval, timeout, rise, fall);
    }

    static <T> T choice(String s, Map<String, T> choices) {
        T t = choices.get(s);
        if (t == null) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", new java.util.TreeSet<>(choices.keySet()))
                    + ", got '" + s + "'" + Values.didYouMean(s, choices.keySet()));
        }
        return t;
    }

    private static String hashKey(String s) {
        if (s.equals("client_ip")) {
            return s;
        }
        if (s.startsWith("header:") && Values.isToken(s.substring("header:".length()))) {
            return s;
        }
        throw new IllegalArgumentException("must be client_ip or header:<Name>, got '" + s + "'");
    }

    private static String backendName(String s) {
        if (!s.matches("[A-Za-z0-9][A-Za-z0-9_.:\\[\\]-]{0,63}")) {
            throw new IllegalArgumentException("a back-end name is letters, digits, '_', '.', ':', '-' (at most 64), got '" + s + "'");
        }
        return s;
    }

    /** An origin-form request target (RFC 9112 §3.2.1): starts with '/', no spaces or control bytes. */
    static String requestPath(String s) {
        if (!s.startsWith("/") || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("must be a path starting with '/' (no spaces), got '" + s + "'");
        }
        return s;
    }
}
