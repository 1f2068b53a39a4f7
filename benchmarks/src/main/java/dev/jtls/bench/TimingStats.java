package dev.jtls.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The statistics of a timing run whose samples are paired by round (every class measured once per
 * round, in random order): the Friedman test over classes (from within-round ranks), pairwise
 * Wilcoxon signed-rank and sign tests of each class against a baseline with Holm's correction, and
 * bootstrap 95% confidence intervals of the median paired difference.
 *
 * <p>The Wilcoxon test is computed here rather than with Commons Math 3.6.1's
 * {@code WilcoxonSignedRankTest}, which forms N(N+1) in {@code int} arithmetic (it overflows above
 * 46,340 pairs, so every p-value of a 200,000-sample run comes out as 0) and counts a zero difference
 * as a negative one (so timer granularity alone looks like a difference).
 */
final class TimingStats {
    private static final int BOOTSTRAP_RESAMPLES = 1000;

    /**
     * One class compared with a baseline: the median paired difference (ns) with its 95% CI, and the
     * Wilcoxon signed-rank and sign tests' p-values, raw and Holm-adjusted over the family.
     */
    record Pair(String name, double medianDiff, double ciLow, double ciHigh, double pWilcoxon, double pSign,
                double holmWilcoxon, double holmSign) {
        double ciWidth() {
            return ciHigh - ciLow;
        }

        /** The smaller of the two adjusted p-values: the class is distinguishable when it is below the threshold. */
        double pHolm() {
            return Math.min(holmWilcoxon, holmSign);
        }
    }

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

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
        return friedman(samples, all(samples.length));
    }

    /** Friedman's test over the given classes only. */
    static Friedman friedman(double[][] all, int[] classes) {
        double[][] samples = new double[classes.length][];
        for (int i = 0; i < classes.length; i++) {
            samples[i] = all[classes[i]];
        }
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
        return againstFirst(names, samples, all(names.length), seed);
    }

    /** Each of {@code classes} after the first against the first of them, Holm-corrected over the family. */
    static List<Pair> againstFirst(String[] names, double[][] samples, int[] classes, long seed) {
        int m = classes.length - 1;
        double[] pw = new double[m];
        double[] ps = new double[m];
        double[][] diffs = new double[m][];
        double[] base = samples[classes[0]];
        for (int i = 0; i < m; i++) {
            double[] x = samples[classes[i + 1]];
            diffs[i] = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                diffs[i][r] = x[r] - base[r];
            }
            pw[i] = wilcoxon(diffs[i]);
            ps[i] = signTest(diffs[i]);
        }
        double[] holmW = holm(pw);
        double[] holmS = holm(ps);
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double[] ci = bootstrapMedianCi(diffs[i], random);
            out.add(new Pair(names[classes[i + 1]], median(diffs[i]), ci[0], ci[1], pw[i], ps[i], holmW[i], holmS[i]));
        }
        return out;
    }

    /**
     * The two-sided Wilcoxon signed-rank test of paired differences: zero differences dropped
     * (Wilcoxon's own rule), ties given their average rank with the variance corrected for them,
     * the normal approximation with a continuity correction, all in {@code double}.
     */
    static double wilcoxon(double[] differences) {
        int n = 0;
        for (double d : differences) {
            if (d != 0) {
                n++;
            }
        }
        if (n == 0) {
            return 1;
        }
        double[] magnitudes = new double[n];
        boolean[] positive = new boolean[n];
        int j = 0;
        for (double d : differences) {
            if (d != 0) {
                magnitudes[j] = Math.abs(d);
                positive[j++] = d > 0;
            }
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(magnitudes);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i]) {
                wPlus += ranks[i];
            }
        }
        double[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && sorted[end] == sorted[start]) {
                end++;
            }
            double t = end - start;
            ties += t * t * t - t;
            start = end;
        }
        double nn = n;
        double mean = nn * (nn + 1) / 4;
        double variance = nn * (nn + 1) * (2 * nn + 1) / 24 - ties / 48;
        if (variance <= 0) {
            return 1;
        }
        double z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * NORMAL.cumulativeProbability(-z));
    }

    /** The two-sided sign test: among the non-zero differences, as many positive as negative? */
    static double signTest(double[] differences) {
        int positive = 0;
        int negative = 0;
        for (double d : differences) {
            if (d > 0) {
                positive++;
            } else if (d < 0) {
                negative++;
            }
        }
        int n = positive + negative;
        if (n == 0) {
            return 1;
        }
        return Math.min(1, 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(positive, negative)));
    }

    static int[] all(int k) {
        int[] classes = new int[k];
        for (int i = 0; i < k; i++) {
            classes[i] = i;
        }
        return classes;
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
