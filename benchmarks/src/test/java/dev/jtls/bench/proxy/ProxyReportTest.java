package dev.jtls.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyReportTest {
    @Test
    void ratiosAreToTheBetterOfTheTwoAndTargetsAreJudged() {
        String md = ProxyReport.render(List.of(
                "meta\tcommand\tbash benchmarks/proxy/run.sh",
                "meta\tload_start\t1.00 1.00 1.00",
                "cmd\twrk -t 2 ...",
                "row\tjtls\tka_small_rps\t9000",
                "row\thaproxy\tka_small_rps\t10000",
                "row\tnginx\tka_small_rps\t12000",
                "row\tjtls\tka_small_p99_ms\t2",
                "row\thaproxy\tka_small_p99_ms\t1",
                "row\tnginx\tka_small_p99_ms\t4",
                "row\tjtls\tidle_heap_mb\t40.5"), "old notes");
        // 9000 / max(10000, 12000) = 0.75 < 0.8; p99 2 / min(1, 4) = 2 > 1.25.
        assertThat(md).contains("| keep-alive requests/s, small body | 9,000 | 10,000 | 12,000 | 0.75× | ≥ 0.80× | **missed** by 6% |");
        assertThat(md).contains("| keep-alive p99 latency ms, small body | 2 | 1 | 4 | 2.00× | ≤ 1.25× | **missed** by 60% |");
        assertThat(md).contains("| heap MB after full GC, with the idle connections | 40.50 | — | — | — | ≤ 64 | met |");
        assertThat(md).contains("| full handshakes/s, ECDSA P-256 | — | — | — | — | ≥ 0.50× | n/a |");
        assertThat(md).contains("- load start: 1.00 1.00 1.00", "wrk -t 2 ...");
        assertThat(md).endsWith(ProxyReport.NOTES_MARKER + "\n\nold notes\n");
    }
}
