package dev.jtls.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@code jtls bench} compares two stacks fairly on a machine whose speed drifts (other
 * programs, CPU frequency, the JIT): instead of all of one stack's run and then all of the other's,
 * the row runs in short rounds, both stacks in each, the order alternating (AB, BA, AB, …), so a
 * slow spell hits both; each round gives a ratio, and the row reports their median and their
 * spread (min–max).
 */
final class BenchRounds {
    /** A spread wider than this (max / min of the rounds' ratios) is flagged: the ratio is not to be trusted. */
    static final double WIDE_SPREAD = 1.25;

    private BenchRounds() {
    }

    /**
     * The order the stacks run in each of {@code rounds} rounds: round 0 is 0,1,…,n-1, round 1
     * the reverse, and so on, so that each stack goes first as often as the others (for two stacks).
     */
    static List<int[]> schedule(int rounds, int stacks) {
        if (rounds < 1 || stacks < 1) {
            throw new IllegalArgumentException("rounds and stacks must be positive: " + rounds + ", " + stacks);
        }
        List<int[]> orders = new ArrayList<>(rounds);
        for (int r = 0; r < rounds; r++) {
            int[] order = new int[stacks];
            for (int i = 0; i < stacks; i++) {
                order[i] = r % 2 == 0 ? i : stacks - 1 - i;
            }
            orders.add(order);
        }
        return orders;
    }

    /** The median and the range of the per-round ratios of one row. */
    record Ratio(double median, double min, double max) {
        static Ratio of(double[] perRound) {
            if (perRound.length == 0) {
                throw new IllegalArgumentException("no rounds");
            }
            double[] sorted = perRound.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Ratio(median, sorted[0], sorted[n - 1]);
        }

        /** The rounds disagree by more than {@link #WIDE_SPREAD}: the machine was not steady. */
        boolean wide() {
            return min <= 0 || max / min > WIDE_SPREAD;
        }
    }
}
