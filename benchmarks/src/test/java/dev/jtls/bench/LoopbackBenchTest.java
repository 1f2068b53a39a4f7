package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.bench.LoopbackTable.Kind;
import dev.jtls.bench.LoopbackTable.Result;
import dev.jtls.bench.LoopbackTable.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs a tiny {@link LoopbackBench} (one round per row: five handshakes or 1 MiB GETs for the
 * in-process clients, {@code s_time -time 1}) over real TCP on 127.0.0.1, with real
 * {@code openssl} processes and server JVMs: every row's own checks (suite, group, resumption,
 * the servers' counts, byte counts) must pass, and checks that should fail do. Needs
 * {@code openssl} on the PATH ({@code ./test} installs it): without it this test fails, saying so.
 */
class LoopbackBenchTest {
    private static final int IN_PROCESS = 5;
    private static final long MIB = 1L << 20;

    @Test
    void everyRowMeasuresWhatItClaims() throws Exception {
        LoopbackBench.Options o = LoopbackBench.Options.parse("--seconds", "1", "--reps", "1", "--warmup", "0",
                "--bulk-mib", "1", "--max-connections", Integer.toString(IN_PROCESS));
        List<Result> results = LoopbackBench.measure(o);

        String jtls = "jtls (TlsSocket, this JVM)";
        String sun = "SunJSSE (SSLSocket, this JVM)";
        String sTime = "openssl s_time";
        String jtlsServer = "jtls server (own JVM)";
        String sunServer = "SunJSSE server (own JVM)";
        String sServer = "openssl s_server";
        assertThat(results).extracting(r -> r.client() + " | " + r.server() + " | " + r.kind()).containsExactlyInAnyOrder(
                pair(jtls, jtlsServer, Kind.FULL), pair(jtls, jtlsServer, Kind.RESUMED), pair(jtls, jtlsServer, Kind.BULK),
                pair(sTime, jtlsServer, Kind.FULL), pair(sTime, jtlsServer, Kind.RESUMED), pair(sTime, jtlsServer, Kind.BULK),
                pair(sun, sunServer, Kind.FULL), pair(sun, sunServer, Kind.RESUMED), pair(sun, sunServer, Kind.BULK),
                pair(jtls, sServer, Kind.FULL), pair(jtls, sServer, Kind.RESUMED), pair(jtls, sServer, Kind.BULK),
                pair(sTime, sServer, Kind.FULL), pair(sTime, sServer, Kind.RESUMED), pair(sTime, sServer, Kind.BULK));
        for (Result r : results) {
            assertThat(r.samples()).as(r.toString()).hasSize(1);
            Sample s = r.samples().get(0);
            assertThat(s.wall()).as(r.toString()).isPositive();
            assertThat(s.clientCpu()).as(r.toString()).isNotNegative();
            assertThat(s.serverCpu()).as(r.toString()).isNotNegative();
            // s_time ran for its second (many handshakes, or whole 1 MiB replies); an in-process
            // client stops after five connections, or sooner when its second is over (a busy machine).
            long most = r.client().equals(sTime) ? Long.MAX_VALUE : IN_PROCESS;
            if (r.kind() == Kind.BULK) {
                assertThat(s.units() % MIB).as(r.toString()).isZero();
                assertThat(s.units() / MIB).as(r.toString()).isBetween(1L, most);
            } else {
                assertThat(s.units()).as(r.toString()).isBetween(1L, most);
            }
        }
        String md = LoopbackBench.report(o, results);
        assertThat(md).contains("## Handshakes", "## Bulk", "OpenSSL 3",
                "| " + jtls + " | " + sServer + " | resumed (session id) | ",
                "| " + sTime + " | " + jtlsServer + " | full | ");
        assertThat(md.indexOf("| " + jtls + " | " + jtlsServer)).isLessThan(md.indexOf("| " + sun + " | " + sunServer));
    }

    private static String pair(String client, String server, Kind kind) {
        return client + " | " + server + " | " + kind;
    }

    @Test
    void aResumingClientRefusesAFullHandshakeAndAFullOneRefusesTheSameSession() throws Exception {
        try (LoopbackFiles files = new LoopbackFiles();
             LoopbackPeers.Server server = LoopbackPeers.sServer("openssl", files)) {
            LoopbackClient resuming = LoopbackClient.of("jtls", server.port, true);
            resuming.prime();
            resuming.handshake(); // resumes
            resuming.primed = new byte[32]; // a session s_server never made
            assertThatThrownBy(resuming::handshake).hasMessageContaining("to be resumed, got");

            LoopbackClient full = LoopbackClient.of("jtls", server.port, false);
            full.handshake();
            byte[] id = full.last;
            assertThat(id).isNotEmpty();
            assertThatThrownBy(() -> full.checkSession(false, id)).hasMessageContaining("expected a full handshake");
            assertThatThrownBy(() -> full.checkSession(true, new byte[32])).hasMessageContaining("expected a full handshake");

            // s_server -WWW answers a missing file with its usual header and an error text: the
            // payload count is what tells (1 MiB was asked for in the rows, this is far less).
            assertThat(full.get("/bulk/none", () -> { })).isBetween(1L, 1000L);
        }
    }

    @Test
    void aMissingOpensslFailsSayingWhatToInstall() {
        assertThatThrownBy(() -> LoopbackPeers.requireProgram("/nonexistent-jtls-test-dir/openssl"))
                .hasMessage("/nonexistent-jtls-test-dir/openssl not found: install openssl (sudo apt-get install openssl, "
                        + "or run ./test at the repository's root)");
        assertThatThrownBy(() -> LoopbackPeers.requireProgram("no-such-openssl-jtls")).hasMessageContaining("not found on the PATH");
    }

    @Test
    void serverCountsAreParsedAndAMissingCountIsRefused() {
        assertThat(LoopbackPeers.Stats.parse("full=3 resumed=4 wrong=0 failed=1 bytes=99"))
                .isEqualTo(new LoopbackPeers.Stats(3, 4, 0, 1, 99));
        assertThatThrownBy(() -> LoopbackPeers.Stats.parse("full=3 resumed=4"))
                .hasMessageContaining("without wrong");
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> LoopbackBench.Options.parse("--reps", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LoopbackBench.Options.parse("--nope")).hasMessageContaining("unknown option --nope");
        assertThat(LoopbackBench.Options.parse("--bulk-mib", "2").bulkBytes()).isEqualTo(2 * MIB);
    }
}
