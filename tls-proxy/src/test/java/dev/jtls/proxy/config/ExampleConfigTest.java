package dev.jtls.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.PolicyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** examples/lb.yaml loads as-is and says what its comments say. */
class ExampleConfigTest {

    static final Path EXAMPLE = Path.of("..", "examples", "lb.yaml");

    @Test
    void theExampleLoads() throws Exception {
        assertThat(EXAMPLE).as("run from the tls-proxy module directory").exists();
        ProxyConfig c = ConfigLoader.load(EXAMPLE);

        assertThat(c.listeners()).hasSize(1);
        ListenerConfig l = c.listeners().get(0);
        assertThat(l.name()).isEqualTo("https");
        assertThat(l.bind().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(l.bind().getPort()).isEqualTo(8443);
        assertThat(l.mode()).isEqualTo(ListenerConfig.Mode.HTTP);
        assertThat(l.routes()).containsExactly(new RouteConfig(null, "/", "web"));
        assertThat(l.tls().certificates()).hasSize(1);
        CertificateConfig cert = l.tls().certificates().get(0);
        assertThat(cert.cert()).isRegularFile().isAbsolute();
        assertThat(Files.readString(cert.key())).contains("BEGIN PRIVATE KEY");
        assertThat(cert.names()).containsExactly("localhost");
        assertThat(l.tls().alpn()).containsExactly("http/1.1");
        assertThat(l.tls().strictSni()).isTrue();
        assertThat(l.tls().strictAlpn()).isTrue();
        assertThat(l.timeouts()).isEqualTo(new ListenerTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        assertThat(l.maxConnections()).isEqualTo(10_000);
        assertThat(l.proxyProtocol()).isEmpty();

        PoolConfig web = c.pools().get("web");
        assertThat(c.pools()).containsOnlyKeys("web");
        assertThat(web.policy()).isEqualTo(PolicyKind.WEIGHTED_ROUND_ROBIN);
        assertThat(web.backends()).containsExactly(
                new BackendConfig("127.0.0.1:8081", "127.0.0.1", 8081, 2),
                new BackendConfig("127.0.0.1:8082", "127.0.0.1", 8082, 1),
                new BackendConfig("127.0.0.1:8083", "127.0.0.1", 8083, 1));
        assertThat(web.health()).isEqualTo(new HealthCheckConfig(HealthCheckConfig.Kind.TCP, "/", 200,
                Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3));
        assertThat(web.passive()).isEqualTo(new PassiveHealthConfig(5, Duration.ofSeconds(30), false));
        assertThat(web.slowStart()).isEqualTo(Duration.ofSeconds(10));
        assertThat(web.timeouts()).isEqualTo(new BackendTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30)));
        assertThat(web.keepAlive()).isEqualTo(new KeepAliveConfig(32, 256, Duration.ofSeconds(30), 0));
        assertThat(web.tls()).isNull();

        assertThat(c.limits()).isEqualTo(new LimitsConfig(16 * 1024, 8 * 1024, 10L << 20, Duration.ofSeconds(30)));
        assertThat(c.admin().bind().getPort()).isEqualTo(9901);
        assertThat(c.admin().bind().getAddress().isLoopbackAddress()).isTrue();
        assertThat(c.admin().token()).isNull();
        assertThat(c.accessLog().target()).isEqualTo(AccessLogConfig.Target.STDOUT);
        assertThat(c.tickets()).isEqualTo(new TicketConfig(null, null, Duration.ofHours(12)));
    }

    @Test
    void theDemoCertificateIsLabelledAndCoversLocalhost() throws Exception {
        Path certs = EXAMPLE.getParent().resolve("certs");
        assertThat(Files.readString(certs.resolve("README.md"))).startsWith("# DEMO ONLY");
        var cf = java.security.cert.CertificateFactory.getInstance("X.509");
        try (var in = Files.newInputStream(certs.resolve("demo-localhost.cert.pem"))) {
            var x = (java.security.cert.X509Certificate) cf.generateCertificate(in);
            assertThat(x.getSubjectX500Principal().getName()).contains("demo only");
            assertThat(x.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList())
                    .contains("localhost", "127.0.0.1");
            assertThat(x.getPublicKey().getAlgorithm()).isEqualTo("EC");
            x.checkValidity();
        }
    }
}
