package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultsTest {
    private static String run(String benchmark, String backend, String size, String unit, String raw, String alloc) {
        return run(benchmark, backend, "\"algorithm\":\"AES_128_GCM\"", size, unit, raw, alloc);
    }

    private static String run(String benchmark, String backend, String param, String size, String unit, String raw,
                              String alloc) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.jtls.bench." + benchmark + "\",\"mode\":\"thrpt\","
                + "\"threads\":1,\"forks\":1,\"jvm\":\"/jdk/bin/java\",\"jvmArgs\":[],\"jdkVersion\":\"17.0.15\","
                + "\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15+6\",\"warmupIterations\":3,"
                + "\"warmupTime\":\"1 s\",\"measurementIterations\":5,\"measurementTime\":\"1 s\","
                + "\"params\":{\"backend\":\"" + backend + "\"," + param
                + (size == null ? "" : ",\"size\":\"" + size + "\"") + "},"
                + "\"primaryMetric\":{\"score\":0,\"scoreError\":\"NaN\",\"scoreUnit\":\"" + unit + "\",\"rawData\":" + raw + "},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + alloc + ",\"scoreUnit\":\"B/op\"}}}";
    }

    private static final String JSON = "["
            + run("AeadBench.sealOpen", "bc", "16384", "ops/s", "[[100, 300, 200], [250, 150]]", "0.02") + ","
            + run("AeadBench.sealOpen", "jca", "16384", "ops/ms", "[[0.4, 0.5, 0.6, 0.5]]", "48") + ","
            + run("KeyShareBench.agree", "bc", null, "us/op", "[[1000, 2000, 4000]]", "1200") + "]";

    private final String md = Results.render(JSON, "bash benchmarks/run.sh Aead", Instant.parse("2026-11-23T21:00:00Z"));

    @Test
    void medianMinMaxOverAllForksAndIterations() {
        // bc: 100 150 200 250 300 -> median 200; jca: 400 500 500 600 ops/s -> median 500.
        assertThat(md).contains("| sealOpen | algorithm=AES_128_GCM, size=16384 | 200 (100–300) | 3.28 | 0.0200 | 500 (400–600) | 8.19 | 48.0 | 0.40× |");
    }

    @Test
    void timePerOpIsTurnedIntoOpsPerSecond() {
        // 1000, 2000, 4000 us/op -> 1000, 500, 250 ops/s; no size parameter, so no MB/s column.
        assertThat(md).contains("| Benchmark | Params | bc ops/s | bc B/op |");
        assertThat(md).contains("| agree | algorithm=AES_128_GCM | 500 (250–1,000) | 1,200 |");
    }

    @Test
    void describesTheRun() {
        assertThat(md).contains("Command: `bash benchmarks/run.sh Aead`");
        assertThat(md).contains("OpenJDK 64-Bit Server VM 17.0.15+6 (JDK 17.0.15, /jdk/bin/java)");
        assertThat(md).contains("warmup 3 × 1 s, measurement 5 × 1 s");
        assertThat(md).contains("## AeadBench").contains("## KeyShareBench");
    }

    @Test
    void noRecordSectionWithoutRecordBenchmarks() {
        assertThat(md).doesNotContain("Record layer vs raw AEAD");
    }

    @Test
    void comparesTheRecordLayerWithThePrimitiveOfTheSameRun() {
        String json = JSON.substring(0, JSON.length() - 1) + ","
                + run("RecordBench.sealOpen", "bc", "\"protection\":\"AES_128_GCM\"", "16384", "ops/s", "[[180]]", "0") + ","
                + run("RecordBench.sealOpen", "jca", "\"protection\":\"AES_128_GCM\"", "16384", "ops/s", "[[450]]", "0") + ","
                + run("RecordBench.sealOpen", "jca", "\"protection\":\"AES_128_CBC_SHA\"", "16384", "ops/s", "[[90]]", "0")
                + "]";
        String out = Results.render(json, "", Instant.parse("2026-11-23T21:00:00Z"));
        assertThat(out).contains("## Record layer vs raw AEAD primitive (same run)");
        // bc: 180 vs bc primitive 200 (0.90) and jca primitive 500 (0.36); jca: 450 vs 500 (0.90).
        assertThat(out).contains("| sealOpen | AES_128_GCM | bc | 180 | 200 | 0.90× | 500 | 0.36× |");
        assertThat(out).contains("| sealOpen | AES_128_GCM | jca | 450 | 500 | 0.90× | 500 | 0.90× |");
        // CBC has no AEAD primitive to compare with.
        assertThat(out).doesNotContain("| sealOpen | AES_128_CBC_SHA | jca |");
        assertThat(out).contains("| sealOpen | protection=AES_128_CBC_SHA, size=16384 | – | – | – | 90.0 (90.0–90.0) | 1.47 | 0 | – |");
    }

    private static String impl(String benchmark, String impl, String param, String unit, String raw, String alloc) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.jtls.bench." + benchmark + "\",\"mode\":\"thrpt\","
                + "\"threads\":1,\"forks\":1,\"jvm\":\"/jdk/bin/java\",\"jvmArgs\":[],\"jdkVersion\":\"17.0.15\","
                + "\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15+6\",\"warmupIterations\":3,"
                + "\"warmupTime\":\"1 s\",\"measurementIterations\":5,\"measurementTime\":\"1 s\","
                + "\"params\":{" + (impl == null ? "" : "\"impl\":\"" + impl + "\",") + param + "},"
                + "\"primaryMetric\":{\"score\":0,\"scoreError\":\"NaN\",\"scoreUnit\":\"" + unit + "\",\"rawData\":" + raw + "},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + alloc + ",\"scoreUnit\":\"B/op\"}}}";
    }

    @Test
    void implementationsSideBySideWithRatiosFloorsAndTargets() {
        String row = "\"row\":\"ECDHE_RSA_P256\"";
        String json = "["
                + impl("HandshakeBench.full", "jtls", row, "ops/s", "[[600, 500, 700]]", "5000") + ","
                + impl("HandshakeBench.full", "sunjsse", row, "ops/s", "[[300]]", "9000") + ","
                + impl("HandshakeBench.full", "bcjsse", row, "ops/s", "[[400]]", "9000") + ","
                + impl("HandshakeBench.full", "bcjsse_jca", row, "ops/s", "[[200]]", "9000") + ","
                + impl("FloorBench.publicKeyOps", null, row, "ops/s", "[[1000]]", "100") + ","
                + impl("BulkBench.transfer", "jtls", "\"suite\":\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\",\"size\":\"16384\"",
                        "ops/s", "[[100000]]", "0.01") + ","
                + impl("BulkBench.transfer", "sunjsse", "\"suite\":\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\",\"size\":\"16384\"",
                        "ops/s", "[[100000]]", "40") + "]";
        String out = Results.render(json, "", Instant.parse("2026-11-23T21:00:00Z"));
        // jtls 600 against 300, 400 and 200: 2.00×, 1.50×, 3.00×; best peer 400.
        assertThat(out).contains("| full | row=ECDHE_RSA_P256 | 600 (500–700) | 5,000 | 300 (300–300) | 9,000 | 400 (400–400)"
                + " | 9,000 | 200 (200–200) | 9,000 | 2.00× | 1.50× | 3.00× | 1.50× |");
        // 1000 µs floor, jtls 1667 µs: 667 µs over the floor, 60% of it public-key work.
        assertThat(out).contains("| ECDHE_RSA_P256 | 1,000 | 1,670 | 667 | 60% | 3,330 | 2,500 | 5,000 |");
        assertThat(out).contains("| full handshake ECDHE_RSA_P256 vs best of SunJSSE/BCJSSE (bcjsse) | ≥ 1.50× | 1.50× | yes |");
        // 100,000 ops/s × 16 KiB = 1,640 MB/s; same speed as SunJSSE misses the 1.1× bar.
        assertThat(out).contains("| 100,000 (100,000–100,000) | 1,640 | 0.0100 |");
        assertThat(out).contains("| bulk TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 vs SunJSSE | ≥ 1.10× | 1.00× | **no** |");
        assertThat(out).contains("| bulk TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: jtls allocation on the data path | 0 B/op | 0.0100 B/op | yes |");
    }

    @Test
    void cbcTargetIsLikeForLikeAndEncryptThenMacIsReportedBeside() {
        String cbc = "\"suite\":\"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\",\"size\":\"16384\"";
        String json = "["
                + impl("CbcBulkBench.transfer", "jtls", cbc, "ops/s", "[[30000]]", "0") + ","
                + impl("CbcBulkBench.transfer", "jtls_mte", cbc, "ops/s", "[[36000]]", "0.5") + ","
                + impl("CbcBulkBench.transfer", "sunjsse", cbc, "ops/s", "[[40000]]", "80") + "]";
        String out = Results.render(json, "", Instant.parse("2026-11-23T21:00:00Z"));
        // jtls_mte 36,000 against SunJSSE 40,000: 0.90×, short of 1.0×.
        assertThat(out).contains("| bulk TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, both MAC-then-encrypt (jtls_mte), vs SunJSSE"
                + " | ≥ 1.00× | 0.90× | **no** |");
        // jtls (encrypt-then-MAC) 30,000 against 40,000: reported, not judged.
        assertThat(out).contains("| bulk TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: jtls encrypt-then-MAC (its default) vs SunJSSE"
                + " MAC-then-encrypt | – | 0.75× | (not like for like) |");
        assertThat(out).contains("| bulk TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: jtls_mte allocation on the data path | 0 B/op | 0.500 B/op | yes |");
        // Columns: jtls, then jtls_mte, then SunJSSE.
        assertThat(out).contains("| jtls ops/s | jtls MB/s | jtls B/op | jtls_mte ops/s |");
        assertThat(out.indexOf("jtls_mte ops/s")).isLessThan(out.indexOf("sunjsse ops/s"));
    }

    @Test
    void engineTargetsComeFromTheJsseRowsOfTheSameRun() {
        String rsa = "\"row\":\"RSA\"";
        String gcm = "\"suite\":\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\",\"size\":\"16384\"";
        String json = "["
                + impl("HandshakeBench.full", "jtls_jsse", rsa, "ops/s", "[[1000]]", "200000") + ","
                + impl("HandshakeBench.full", "sunjsse", rsa, "ops/s", "[[900]]", "170000") + ","
                + impl("HandshakeBench.full", "bcjsse", rsa, "ops/s", "[[500]]", "400000") + ","
                + impl("ResumptionBench.sessionId", "jtls_jsse", "\"x\":\"y\"", "ops/s", "[[30000]]", "60000") + ","
                + impl("ResumptionBench.sessionId", "sunjsse", "\"x\":\"y\"", "ops/s", "[[20000]]", "72000") + ","
                + impl("BulkBench.transfer", "jtls_jsse", gcm, "ops/s", "[[110000]]", "2000") + ","
                + impl("BulkBench.transfer", "sunjsse", gcm, "ops/s", "[[100000]]", "2600") + "]";
        String out = Results.render(json, "", Instant.parse("2026-11-23T21:00:00Z"));
        assertThat(out).contains("## Targets through jtls's SSLEngine (jtls_jsse) in this run");
        // 1,000 against the best peer's 900: 1.11×, over the engine's 1.1× bar for RSA key exchange.
        assertThat(out).contains("| full handshake RSA vs best of SunJSSE/BCJSSE | ≥ 1.10× | 1.11× | yes |");
        // 30,000 against 20,000: 1.50×, exactly the bar.
        assertThat(out).contains("| resumed handshake (session id) vs SunJSSE | ≥ 1.50× | 1.50× | yes |");
        assertThat(out).contains("| allocation per resumption (session id) ≤ SunJSSE's | ≤ 1.00× | 60,000 vs 72,000 B/op (0.83×) | yes |");
        assertThat(out).contains("| bulk TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 vs SunJSSE | ≥ 1.10× | 1.10× | yes |");
        // No ticket rows in this run: no ticket target line.
        assertThat(out).doesNotContain("resumed handshake (ticket)");
    }

    @Test
    void keepsTextAboveTheMarker() {
        String existing = "# Results\n\nOur conclusions.\n\n" + Results.MARKER + "\nold tables\n";
        String merged = Results.merge(existing, "new tables\n");
        assertThat(merged).isEqualTo("# Results\n\nOur conclusions.\n\n" + Results.MARKER + "\n\nnew tables\n");
        assertThat(Results.merge(null, "new tables\n")).contains(Results.MARKER).endsWith("\n\nnew tables\n");
    }

    @Test
    void numbersHaveAtMostThreeSignificantFigures() {
        assertThat(Results.number(1_234_567)).isEqualTo("1,230,000");
        assertThat(Results.number(999.6)).isEqualTo("1,000");
        assertThat(Results.number(123.4)).isEqualTo("123");
        assertThat(Results.number(12.34)).isEqualTo("12.3");
        assertThat(Results.number(1.234)).isEqualTo("1.23");
        assertThat(Results.number(0.01234)).isEqualTo("0.0123");
        assertThat(Results.number(0)).isEqualTo("0");
    }
}
