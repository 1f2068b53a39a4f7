package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jtls.proxy.config.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real L4 tier in front: HAProxy in TCP mode with {@code send-proxy-v2} toward a listener whose gate
 * trusts 127.0.0.1; the listener sees the client's own address and port, not HAProxy's. Fails (never
 * skips) when haproxy is missing.
 */
class ProxyProtocolHaproxyTest {

    @Test
    void theClientAddressIsTheOneHaproxySaw() throws Exception {
        ConcurrentLinkedQueue<TestNet.Recorder> recorders = new ConcurrentLinkedQueue<>();
        try (TestNet net = new TestNet()) {
            int gatePort = TestNet.port(net.recording(recorders, () -> new ProxyProtocolGate(
                    List.of(new Cidr(InetAddress.getLoopbackAddress(), 32)), Duration.ofSeconds(2))));
            int haproxyPort = TestPools.deadPort();
            Path dir = Paths.get("target", "haproxy-interop");
            Files.createDirectories(dir);
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, String.join("\n",
                    "defaults",
                    "  mode tcp",
                    "  timeout connect 2s",
                    "  timeout client 10s",
                    "  timeout server 10s",
                    "frontend l4",
                    "  bind 127.0.0.1:" + haproxyPort,
                    "  default_backend proxies",
                    "backend proxies",
                    "  server jtls 127.0.0.1:" + gatePort + " send-proxy-v2",
                    ""));
            Process haproxy;
            try {
                haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            } catch (IOException e) {
                fail("haproxy is needed for this test and could not be started (" + e.getMessage()
                        + "); apt-get install haproxy");
                return;
            }
            try {
                InetSocketAddress client = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (client == null && System.nanoTime() < deadline) {
                    try (Socket s = TestNet.connect(haproxyPort)) {
                        client = (InetSocketAddress) s.getLocalSocketAddress();
                        s.getOutputStream().write("hello via haproxy".getBytes(StandardCharsets.US_ASCII));
                        s.shutdownOutput();
                        TestNet.closedByPeer(s);
                    } catch (IOException notListeningYet) {
                        assertThat(haproxy.isAlive()).as("haproxy is running (see target/haproxy-interop/haproxy.log)").isTrue();
                        Thread.sleep(50);
                    }
                }
                assertThat(client).as("haproxy accepted a connection").isNotNull();
                while (recorders.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                TestNet.Recorder r = recorders.peek().awaitClose();
                assertThat(new String(r.received(), StandardCharsets.US_ASCII)).isEqualTo("hello via haproxy");
                assertThat(r.clientAddress).isEqualTo(client);
            } finally {
                haproxy.destroy();
                if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly();
                }
            }
        }
    }
}
