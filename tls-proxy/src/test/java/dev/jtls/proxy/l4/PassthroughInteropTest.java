package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SNI passthrough with real peers: curl (TLS 1.3 and 1.2 ClientHellos as OpenSSL builds them) through
 * the passthrough listener to {@code openssl s_server -www}; the TLS session is end to end, the proxy
 * only read the name. Fails (never skips) when openssl or curl is missing.
 */
class PassthroughInteropTest {
    private static final String NAME = "relay.test";
    private static TestNet net;
    private static Path caPem;
    private static Process sServer;
    private static int proxyPort;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(Paths.get("target", "passthrough-interop"));
        TestPki pki = TestPki.get();
        caPem = pki.caPem;
        TestPki.Leaf leaf = pki.leaf("passthrough", NAME);
        int backendPort = TestPools.deadPort();
        sServer = start(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + backendPort,
                "-cert", leaf.certFile().toString(), "-key", leaf.keyFile().toString(), "-www", "-quiet"));
        awaitListening(backendPort);
        net = new TestNet();
        PoolState pool = TestPools.pool("a", backendPort);
        SniRouter router = new SniRouter(Map.of(NAME, "a"), null);
        proxyPort = TestNet.port(net.server(ch -> ch.pipeline().addLast(
                new SniPassthrough(router, Map.of("a", pool)::get, RelaySettings.DEFAULT, Duration.ofSeconds(5)))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sServer != null) {
            sServer.destroy();
            if (!sServer.waitFor(5, TimeUnit.SECONDS)) {
                sServer.destroyForcibly();
            }
        }
        if (net != null) {
            net.close();
        }
    }

    private static Process start(List<String> command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Paths.get("target", "passthrough-interop", command.get(0) + ".log").toFile()).start();
        } catch (IOException e) {
            fail(command.get(0) + " is needed for this test and could not be started (" + e.getMessage()
                    + "); install it (Debian: apt-get install " + command.get(0) + ")");
            throw e;
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                assertThat(s.isConnected()).isTrue();
                return;
            } catch (IOException notYet) {
                assertThat(sServer.isAlive()).as("openssl s_server is running").isTrue();
                Thread.sleep(50);
            }
        }
        fail("openssl s_server did not listen on " + port + " within 10 s");
    }

    /** Runs curl against the proxy for {@code host}; exit code and output. */
    private static Object[] curl(String host, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", caPem.toString(), "--max-time", "10",
                "--resolve", host + ":" + proxyPort + ":127.0.0.1"));
        cmd.addAll(List.of(extra));
        cmd.add("https://" + host + ":" + proxyPort + "/");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("curl is needed for this test and could not be started (" + e.getMessage() + "); apt-get install curl");
            throw e;
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
            }
        }
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("curl did not finish");
        }
        return new Object[] {p.exitValue(), out.toString()};
    }

    @Test
    void curlReachesTheBackEndThroughTheUntouchedTlsStream() throws Exception {
        Object[] tls13 = curl(NAME);
        assertThat(tls13[0]).as(String.valueOf(tls13[1])).isEqualTo(0);
        // s_server -www answers with its own view of the session: it, not the proxy, terminated TLS.
        assertThat((String) tls13[1]).contains("s_server").contains("TLSv1.3");
        Object[] tls12 = curl(NAME, "--tlsv1.2", "--tls-max", "1.2");
        assertThat(tls12[0]).as(String.valueOf(tls12[1])).isEqualTo(0);
        assertThat((String) tls12[1]).contains("TLSv1.2");
    }

    @Test
    void anUnknownNameGetsUnrecognizedName() throws Exception {
        Object[] r = curl("other.test");
        assertThat(r[0]).isEqualTo(35); // CURLE_SSL_CONNECT_ERROR
        assertThat(((String) r[1]).toLowerCase()).contains("unrecognized name");
    }
}
