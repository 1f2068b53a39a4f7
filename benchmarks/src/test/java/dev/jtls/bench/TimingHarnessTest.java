package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The timing harness works end to end on a few hundred samples: every class measured, the
 * statistics computed, the report complete. Timing itself is not asserted (that needs a quiet
 * machine and 200,000 samples per class).
 */
class TimingHarnessTest {
    @Test
    void aShortRunMeasuresEveryClassAndWritesACompleteReport() throws Exception {
        List<TimingHarness.Experiment> experiments = TimingHarness.run(150, 30, 3);
        assertThat(experiments).hasSize(3);
        assertThat(experiments.get(0).names()).hasSize(RsaKeyExchangeTiming.Ciphertext.values().length);
        for (TimingHarness.Experiment e : experiments) {
            for (double[] s : e.samples()) {
                assertThat(s).hasSize(150);
                assertThat(java.util.Arrays.stream(s).min().orElse(0)).isPositive();
            }
        }
        String md = TimingReport.render(experiments, "the command", Instant.parse("2026-12-07T00:00:00Z"), 1.5, 2.5);
        assertThat(md).contains("Command: `the command`", "load average 1.50 before and 2.50 after",
                "## RSA key exchange", "## CBC record receive, MAC-then-encrypt", "## CBC record receive, encrypt-then-MAC",
                "Samples per class: 150", "Friedman: χ²");
        for (String name : experiments.get(0).names()) {
            if (!name.equals("valid")) {
                assertThat(md).contains("| " + name + " |");
            }
        }
        // One row per class but the baseline, in each of the three tables.
        long rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| class")).count();
        assertThat(rows).isEqualTo((11 - 1) + 2 * (11 - 1));
        Path out = Files.createTempDirectory("timing").resolve("RESULTS-timing.md");
        TimingReport.write(out, md);
        assertThat(Files.readString(out)).isEqualTo(md);
    }

    @Test
    void statisticsOnKnownData() {
        // Holm: sorted p 0.01, 0.02, 0.04 times 3, 2, 1 -> 0.03, 0.04, 0.04 (monotone).
        assertThat(TimingStats.holm(new double[] {0.04, 0.01, 0.02})).containsExactly(0.04, 0.03, 0.04);
        // A class slower by a constant in every round: Wilcoxon p tiny, Friedman significant, CI around the shift.
        SplittableRandom r = new SplittableRandom(1);
        double[][] s = new double[3][400];
        for (int i = 0; i < 400; i++) {
            double base = 1000 + r.nextInt(100);
            s[0][i] = base;
            s[1][i] = base + r.nextInt(3) - 1;
            s[2][i] = base + 50;
        }
        List<TimingStats.Pair> pairs = TimingStats.againstBaseline(new String[] {"a", "b", "c"}, s, 1);
        assertThat(pairs.get(1).pHolm()).isLessThan(1e-6);
        assertThat(pairs.get(1).medianDiff()).isEqualTo(50.0);
        assertThat(pairs.get(1).ciLow()).isLessThanOrEqualTo(50.0);
        assertThat(pairs.get(1).ciHigh()).isGreaterThanOrEqualTo(50.0);
        assertThat(pairs.get(0).pHolm()).isGreaterThan(0.01);
        assertThat(TimingStats.friedman(s).p()).isLessThan(1e-6);
    }
}
