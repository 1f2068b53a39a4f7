package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProxyCommandTest {

    @Test
    @Timeout(120)
    void theDemoBalancesResumesAndRidesOutAKilledBackEnd() {
        Captured r = Captured.run("proxy", "demo");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsSubsequence(
                "1. 300 requests over 4 keep-alive client connections", "alpha", "beta", "gamma",
                "client TLS handshakes at the proxy: 4 full, 0 resumed; failed requests: 0",
                "2. 8 new client connections", "client TLS handshakes at the proxy: 0 full, 8 resumed; failed requests: 0",
                "3. beta is killed", "taken out of rotation", "no new request goes to it", "beta      0 requests", "failed requests: 0",
                "4. beta restarts on the same port", "readmitted after", "slow start", "failed requests: 0",
                "done in");
        assertThat(r.out()).doesNotContain("a failure:");
    }

    @Test
    void aConfigurationErrorNamesTheLineAndExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("lb.yaml");
        Files.writeString(bad, "listeners: []\npools:\n  web:\n    backends:\n      - address: 127.0.0.1:8081\n        weight: 0\n");
        Captured r = Captured.run("proxy", "--config", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lb.yaml:6: pools.web.backends[0].weight");
    }

    @Test
    void withoutAConfigurationItSaysWhatIsNeeded() {
        Captured r = Captured.run("proxy");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--config FILE is required");
    }
}
