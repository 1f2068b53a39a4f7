package dev.jtls.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The statistics of a timing run whose samples are paired by round (every class measured once per
 * round, in random order): the Friedman test over all classes (from within-round ranks), pairwise
 * Wilcoxon signed-rank tests of each class against the baseline with Holm's correction, and
 * bootstrap 95% confidence intervals of the median paired difference.
 */
final class TimingStats {
    private static final int BOOTSTRAP_RESAMPLES = 1000;

    /** One class compared with the baseline: median difference (ns) with its 95% CI, raw and Holm-adjusted p. */
    record Pair(String name, double medianDiff, double ciLow, double ciHigh, double p, double pHolm) {
        double ciWidth() {
            return ciHigh - ciLow;
        }
    }

    /** The Friedman statistic over all classes, its degrees of freedom and p-value. */
    record Friedman(double statistic, int degreesOfFreedom, double p) {
    }

    private TimingStats() {
    }

    /** The median by selection (linear time), not a sort: the bootstrap takes a thousand of them. */
    static double median(double[] values) {
        return new Percentile(50).evaluate(values);
    }

    /** Friedman's test: samples[class][round], ranked within each round (ties averaged). */
    static Friedman friedman(double[][] samples) {
        int k = samples.length;
        int n = samples[0].length;
        double[] rankSums = new double[k];
        NaturalRanking ranking = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
        double[] block = new double[k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                block[c] = samples[c][r];
            }
            double[] ranks = ranking.rank(block);
            for (int c = 0; c < k; c++) {
                rankSums[c] += ranks[c];
            }
        }
        double sumSquares = 0;
        for (double rs : rankSums) {
            sumSquares += rs * rs;
        }
        double q = 12.0 / (n * k * (k + 1.0)) * sumSquares - 3.0 * n * (k + 1.0);
        int df = k - 1;
        double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(q);
        return new Friedman(q, df, p);
    }

    /** Each class after the first against the first (the baseline), Holm-corrected over all of them. */
    static List<Pair> againstBaseline(String[] names, double[][] samples, long seed) {
        int m = names.length - 1;
        double[] p = new double[m];
        double[][] diffs = new double[m][];
        WilcoxonSignedRankTest wilcoxon = new WilcoxonSignedRankTest();
        for (int i = 0; i < m; i++) {
            double[] x = samples[i + 1];
            double[] base = samples[0];
            diffs[i] = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                diffs[i][r] = x[r] - base[r];
            }
            // The normal approximation: exact p-values are only computed for n <= 30.
            p[i] = wilcoxon.wilcoxonSignedRankTest(x, base, false);
        }
        double[] holm = holm(p);
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double[] ci = bootstrapMedianCi(diffs[i], random);
            out.add(new Pair(names[i + 1], median(diffs[i]), ci[0], ci[1], p[i], holm[i]));
        }
        return out;
    }

    /** Holm's step-down adjustment: the i-th smallest p times (m - i), kept monotone, capped at 1. */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** The percentile bootstrap 95% interval of the median. */
    static double[] bootstrapMedianCi(double[] values, SplittableRandom random) {
        double[] medians = new double[BOOTSTRAP_RESAMPLES];
        double[] resample = new double[values.length];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            for (int i = 0; i < values.length; i++) {
                resample[i] = values[random.nextInt(values.length)];
            }
            medians[b] = median(resample);
        }
        Arrays.sort(medians);
        return new double[] {medians[(int) (0.025 * BOOTSTRAP_RESAMPLES)], medians[(int) (0.975 * BOOTSTRAP_RESAMPLES) - 1]};
    }
}
