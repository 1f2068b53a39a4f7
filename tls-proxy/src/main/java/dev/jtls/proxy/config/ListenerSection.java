package dev.jtls.proxy.config;

import dev.jtls.suite.CipherSuite;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

/** Reads the {@code listeners:} list: bind, mode, TLS, routes or pool, PROXY protocol, timeouts. */
final class ListenerSection {

    private static final Set<String> LISTENER_KEYS = Set.of("name", "bind", "mode", "tls", "routes", "pool",
            "sni_pools", "proxy_protocol", "trusted_hops", "timeouts", "max_connections");
    private static final Set<String> TLS_KEYS = Set.of("certificates", "alpn", "client_auth", "client_ca", "suites",
            "strict_sni", "strict_alpn");
    private static final Set<String> CERT_KEYS = Set.of("cert", "key", "names");
    private static final Set<String> ROUTE_KEYS = Set.of("host", "path", "pool");
    private static final Set<String> TIMEOUT_KEYS = Set.of("handshake", "request_header", "idle");
    private static final Map<String, ListenerConfig.Mode> MODES = Map.of("http", ListenerConfig.Mode.HTTP,
            "tcp", ListenerConfig.Mode.TCP, "passthrough", ListenerConfig.Mode.PASSTHROUGH);
    private static final Map<String, TlsListenerConfig.ClientAuthMode> CLIENT_AUTH = Map.of(
            "none", TlsListenerConfig.ClientAuthMode.NONE, "want", TlsListenerConfig.ClientAuthMode.WANT,
            "need", TlsListenerConfig.ClientAuthMode.NEED);
    private static final Set<String> SUITES =
            Arrays.stream(CipherSuite.values()).map(CipherSuite::standardName).collect(Collectors.toSet());

    private final ConfigLoader.Context context;
    private final Map<String, PoolConfig> pools;

    ListenerSection(ConfigLoader.Context context, Map<String, PoolConfig> pools) {
        this.context = context;
        this.pools = pools;
    }

    List<ListenerConfig> read(YamlMap top) {
        List<ListenerConfig> out = new ArrayList<>();
        if (!top.has("listeners")) {
            top.problem("listeners", "is required (at least one listener)");
            return out;
        }
        List<Node> items = top.list("listeners");
        if (items.isEmpty()) {
            top.problem("listeners", "must list at least one listener");
        }
        Map<String, Integer> names = new HashMap<>();
        Map<InetSocketAddress, Integer> binds = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap m = YamlMap.of(items.get(i), "listeners[" + i + "]", context.problems(), LISTENER_KEYS);
            ListenerConfig l = listener(m);
            if (l == null) {
                continue;
            }
            if (m.has("name")) {
                Integer first = names.putIfAbsent(l.name(), YamlMap.line(m.node()));
                if (first != null) {
                    m.problem("name", "duplicate listener name '" + l.name() + "' (first at line " + first + ")");
                }
            } else {
                // Unnamed: called by its bind address; a second one there (port 0 in tests) gets -2, -3...
                String name = l.name();
                for (int n = 2; names.containsKey(name); n++) {
                    name = l.name() + "-" + n;
                }
                names.put(name, YamlMap.line(m.node()));
                l = new ListenerConfig(name, l.bind(), l.mode(), l.tls(), l.routes(), l.pool(), l.sniPools(),
                        l.proxyProtocol(), l.trustedHops(), l.timeouts(), l.maxConnections());
            }
            Integer firstBind = l.bind().getPort() == 0 ? null : binds.putIfAbsent(l.bind(), YamlMap.line(m.node()));
            if (firstBind != null) {
                m.problem("bind", "another listener binds " + m.string("bind", "") + " (line " + firstBind + ")");
            }
            out.add(l);
        }
        return out;
    }

    private ListenerConfig listener(YamlMap m) {
        String bindText = m.required("bind");
        InetSocketAddress bind = m.value("bind", null, s -> Values.hostPort(s, 0).bindAddress());
        String name = m.value("name", bindText, ListenerSection::listenerName);
        ListenerConfig.Mode mode = m.has("mode") ? m.value("mode", null, s -> PoolSection.choice(s, MODES))
                : ListenerConfig.Mode.HTTP;
        if (mode == null) {
            return null; // an unknown mode, reported: what it would need cannot be checked
        }

        TlsListenerConfig tls = null;
        if (mode == ListenerConfig.Mode.PASSTHROUGH) {
            if (m.has("tls")) {
                m.problem("tls", "passthrough does not terminate TLS (remove tls:, or use mode tcp)");
            }
        } else if (!m.has("tls")) {
            m.problem("tls", "is required in " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " mode (the certificates to serve)");
        } else {
            tls = tls(m.map("tls", TLS_KEYS), mode);
        }

        List<RouteConfig> routes = routes(m, mode);
        String pool = null;
        if (m.has("pool")) {
            if (mode == ListenerConfig.Mode.HTTP) {
                m.problem("pool", "http mode routes by routes: (a catch-all is routes: [{pool: "
                        + m.string("pool", "") + "}])");
            } else {
                pool = poolRef(m, "pool");
            }
        } else if (mode == ListenerConfig.Mode.TCP) {
            m.problem("pool", "is required in tcp mode (the pool to pipe connections to)");
        }

        Map<String, String> sniPools = new LinkedHashMap<>();
        if (m.has("sni_pools")) {
            if (mode != ListenerConfig.Mode.PASSTHROUGH) {
                m.problem("sni_pools", "applies to passthrough mode only");
            }
            Map<String, Node> named = YamlMap.namedEntries(m.get("sni_pools"), m.child("sni_pools"), context.problems());
            for (Map.Entry<String, Node> e : named.entrySet()) {
                String path = m.child("sni_pools") + "." + e.getKey();
                String host = YamlMap.parse(e.getValue(), path, context.problems(), null,
                        s -> Values.hostPattern(e.getKey()));
                String target = YamlMap.parse(e.getValue(), path, context.problems(), null, s -> s);
                if (host != null && target != null && checkPool(e.getValue(), path, target)) {
                    sniPools.put(host, target);
                }
            }
        }
        if (mode == ListenerConfig.Mode.PASSTHROUGH && !m.has("sni_pools") && !m.has("pool")) {
            context.problems().add(m.node(), m.path(), "passthrough mode needs sni_pools: or pool: (where to send each name)");
        }

        List<Cidr> proxyProtocol = m.values("proxy_protocol", Values::cidr);
        List<Cidr> trustedHops = m.values("trusted_hops", Values::cidr);
        YamlMap t = m.map("timeouts", TIMEOUT_KEYS);
        ListenerTimeouts timeouts = new ListenerTimeouts(
                t.duration("handshake", Defaults.HANDSHAKE_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)),
                t.duration("request_header", Defaults.REQUEST_HEADER_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10)),
                t.duration("idle", Defaults.IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)));
        int maxConnections = m.integer("max_connections", Defaults.MAX_CONNECTIONS_PER_LISTENER, 1, 1_000_000);
        if (bind == null) {
            return null;
        }
        return new ListenerConfig(name, bind, mode, tls, routes, pool, java.util.Collections.unmodifiableMap(sniPools),
                List.copyOf(proxyProtocol), List.copyOf(trustedHops), timeouts, maxConnections);
    }

    private List<RouteConfig> routes(YamlMap m, ListenerConfig.Mode mode) {
        List<RouteConfig> routes = new ArrayList<>();
        if (mode != ListenerConfig.Mode.HTTP) {
            if (m.has("routes")) {
                m.problem("routes", "applies to http mode only");
            }
            return routes;
        }
        List<Node> items = m.list("routes");
        if (items.isEmpty()) {
            m.problem("routes", "http mode needs at least one route (e.g. routes: [{pool: web}])");
        }
        for (int i = 0; i < items.size(); i++) {
            YamlMap r = YamlMap.of(items.get(i), m.child("routes") + "[" + i + "]", context.problems(), ROUTE_KEYS);
            String host = r.value("host", null, s -> s.equals("*") ? null : Values.hostPattern(s));
            String path = r.value("path", "/", PoolSection::requestPath);
            String pool = r.has("pool") ? poolRef(r, "pool") : r.required("pool");
            routes.add(new RouteConfig(host, path, pool));
        }
        return List.copyOf(routes);
    }

    private TlsListenerConfig tls(YamlMap m, ListenerConfig.Mode mode) {
        List<CertificateConfig> certs = new ArrayList<>();
        List<Node> items = m.list("certificates");
        if (items.isEmpty()) {
            m.problem("certificates", "is required (at least one cert: and key:)");
        }
        for (int i = 0; i < items.size(); i++) {
            YamlMap c = YamlMap.of(items.get(i), m.child("certificates") + "[" + i + "]", context.problems(), CERT_KEYS);
            certs.add(new CertificateConfig(
                    context.file(c, "cert", true, "CERTIFICATE"),
                    context.file(c, "key", true, "PRIVATE KEY"),
                    List.copyOf(c.values("names", Values::hostPattern))));
        }
        List<String> alpn = m.has("alpn") ? m.values("alpn", ListenerSection::alpnId)
                : mode == ListenerConfig.Mode.HTTP ? Defaults.HTTP_ALPN : List.of();
        TlsListenerConfig.ClientAuthMode clientAuth =
                m.value("client_auth", TlsListenerConfig.ClientAuthMode.NONE, s -> PoolSection.choice(s, CLIENT_AUTH));
        java.nio.file.Path clientCa = null;
        if (clientAuth == TlsListenerConfig.ClientAuthMode.NONE) {
            if (m.has("client_ca")) {
                m.problem("client_ca", "needs client_auth: want or need");
            }
        } else {
            clientCa = context.file(m, "client_ca", true, "CERTIFICATE");
        }
        List<String> suites = m.values("suites", s -> {
            if (!SUITES.contains(s)) {
                throw new IllegalArgumentException("jtls has no cipher suite '" + s + "'" + Values.didYouMean(s, SUITES));
            }
            return s;
        });
        return new TlsListenerConfig(List.copyOf(certs), List.copyOf(alpn), clientAuth, clientCa, List.copyOf(suites),
                m.bool("strict_sni", Defaults.STRICT_SNI), m.bool("strict_alpn", Defaults.STRICT_ALPN));
    }

    /** A pool name that must be defined under pools:. */
    private String poolRef(YamlMap m, String key) {
        String name = m.string(key, null);
        return name != null && checkPool(m.get(key), m.child(key), name) ? name : null;
    }

    private boolean checkPool(Node at, String path, String name) {
        if (pools.containsKey(name)) {
            return true;
        }
        context.problems().add(at, path, "no pool '" + name + "' under pools: (" + String.join(", ", pools.keySet())
                + ")" + Values.didYouMean(name, pools.keySet()));
        return false;
    }

    private static String listenerName(String s) {
        if (!s.matches("[A-Za-z0-9][A-Za-z0-9_.:\\[\\]-]{0,63}")) {
            throw new IllegalArgumentException("a listener name is letters, digits, '_', '.', ':', '-' (at most 64), got '" + s + "'");
        }
        return s;
    }

    /** RFC 7301 §3.1: a protocol name is 1–255 bytes; we take printable ASCII (http/1.1, h2, ...). */
    private static String alpnId(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > 255 || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("must be an ALPN protocol name such as http/1.1, got '" + s + "'");
        }
        return s;
    }
}
