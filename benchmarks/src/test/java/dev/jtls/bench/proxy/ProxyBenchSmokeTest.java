package dev.jtls.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code benchmarks/proxy/run.sh --smoke} (one tiny round, jtls proxy only, a Java back end) with
 * this test's class path for {@code jtls proxy} and the helpers, and checks the report it writes: every
 * row present, jtls's figures real (requests served, handshakes made, idle connections held), the
 * heap target judged. Needs bash, {@code openssl} and {@code wrk} on the PATH: without them it fails.
 */
class ProxyBenchSmokeTest {
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|.*$", Pattern.MULTILINE);

    @Test
    void theSmokeRoundWritesEveryRow() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        Path report = module.resolve("target/RESULTS-proxy-smoke-test.md");
        Files.deleteIfExists(report);
        Path log = module.resolve("target/proxy-smoke.log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("benchmarks/proxy/run.sh").toString(), "--smoke")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        String cp = System.getProperty("java.class.path");
        pb.environment().put("SKIP_BUILD", "1");
        pb.environment().put("JTLS_CP", cp);
        pb.environment().put("BENCH_CP", cp);
        pb.environment().put("RESULTS_MD", report.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        boolean ended = p.waitFor(110, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("run.sh --smoke ended within 110 s; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("run.sh --smoke exit status; output:%n%s", output).isZero();

        String md = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(md).contains("# jtls proxy against HAProxy and nginx", "| Row | jtls proxy | HAProxy | nginx | ratio | target | met |",
                "- load start: ", "- load end: ", "- jdk: ", "## Commands", "dev.jtls.cli.Main proxy --config",
                "wrk -t ", "openssl s_time", ProxyReport.NOTES_MARKER);
        for (ProxyReport.Metric m : ProxyReport.METRICS) {
            assertThat(md).as("row %s", m.label()).contains("| " + m.label() + " |");
        }
        for (String positive : List.of("keep-alive requests/s, small body", "keep-alive requests/s, 64 KiB body",
                "full handshakes/s, ECDSA P-256", "full handshakes/s, RSA-2048", "resumed handshakes/s, session id (no tickets)",
                "resumed handshakes/s, session ticket", "heap MB after full GC, with the idle connections")) {
            assertThat(jtls(md, positive)).as("jtls's %s", positive).isPositive();
        }
        assertThat(jtls(md, "idle TLS connections held")).isEqualTo(100);
        assertThat(jtls(md, "keep-alive errors (socket errors + non-2xx, both bodies)")).isZero();
        assertThat(md).containsPattern("\\| heap MB after full GC, with the idle connections \\|.*\\| (met|\\*\\*missed\\*\\* by \\d+%) \\|");
        // No HAProxy or nginx in the smoke round: their columns and the ratios are empty, not made up.
        assertThat(md).contains("| keep-alive requests/s, small body | ").containsPattern("small body \\| [\\d,.]+ \\| — \\| — \\| — \\|");
        assertThat(new File(root.toFile(), "benchmarks/RESULTS-proxy-smoke.md")).doesNotExist();
    }

    private static double jtls(String md, String label) {
        Matcher m = ROW.matcher(md);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                return Double.parseDouble(m.group(2).trim().replace(",", ""));
            }
        }
        throw new AssertionError("no row '" + label + "' in the report");
    }
}
