package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
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
        // One row per class but the baseline in each of the three tables, then one per same-time class
        // but the first: RSA's six padding flaws, MAC-then-encrypt's seven bad records, encrypt-then-MAC's three bad MACs.
        long rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| class")).count();
        assertThat(rows).isEqualTo((11 - 1) + 2 * (11 - 1) + 6 + 6 + 3);
        assertThat(md).contains("Must take the same time: a valid ciphertext and every padding flaw");
        Path out = Files.createTempDirectory("timing").resolve("RESULTS-timing.md");
        TimingReport.write(out, md);
        assertThat(Files.readString(out)).isEqualTo(md);
    }

    @Test
    void onlyTheChosenExperimentsRun() throws Exception {
        List<TimingHarness.Experiment> experiments = TimingHarness.run(40, 10, 3,
                EnumSet.of(TimingHarness.Which.CBC_ETM, TimingHarness.Which.CBC_MTE));
        assertThat(experiments).extracting(TimingHarness.Experiment::title)
                .satisfiesExactly(t -> assertThat(t).contains("MAC-then-encrypt"), t -> assertThat(t).contains("encrypt-then-MAC"));
        assertThat(TimingHarness.Which.of("rsa")).isEqualTo(TimingHarness.Which.RSA);
        assertThatThrownBy(() -> TimingHarness.Which.of("cbc")).hasMessageContaining("unknown experiment 'cbc'");
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

    @Test
    void manyPairsAndZeroDifferencesDoNotMakeADifference() {
        // 200,000 pairs (Commons Math 3.6.1 overflows past 46,340) with mostly zero differences (timer
        // granularity; it counts them as negative) and symmetric noise otherwise: no difference.
        SplittableRandom r = new SplittableRandom(5);
        double[] d = new double[200_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(10) < 8 ? 0 : (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(3));
        }
        assertThat(TimingStats.wilcoxon(d)).isGreaterThan(1e-3);
        assertThat(TimingStats.signTest(d)).isGreaterThan(1e-3);
        // A shift of one timer tick in 55% of the non-zero pairs against 45% is found at this size.
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(10) < 8 ? 0 : (r.nextInt(100) < 55 ? 10 : -10);
        }
        assertThat(TimingStats.wilcoxon(d)).isLessThan(1e-5);
        assertThat(TimingStats.signTest(d)).isLessThan(1e-5);
        // Known value: differences 1..10, all positive: W+ = 55, mean 27.5, variance 96.25,
        // z = (27.5 - 0.5) / sqrt(96.25) = 2.752, two-sided p = 0.00592.
        double[] small = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(TimingStats.wilcoxon(small)).isCloseTo(0.00592, org.assertj.core.data.Offset.offset(0.0001));
        // Sign test: 10 of 10 positive, p = 2 / 2^10.
        assertThat(TimingStats.signTest(small)).isCloseTo(2.0 / 1024, org.assertj.core.data.Offset.offset(1e-9));
    }
}
