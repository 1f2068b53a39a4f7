package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PowerOfTwoChoicesTest {

    private static final int PICKS = 100_000;

    private static Map<String, Integer> run(List<Fixed> c) {
        Policy p = new PowerOfTwoChoices();
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            count.merge(p.pick(c, PickKey.NONE).name(), 1, Integer::sum);
        }
        return count;
    }

    @Test
    void uniformWhenLoadsAndWeightsAreEqual() {
        List<Fixed> c = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.add(new Fixed("b" + i, 1, 3));
        }
        Map<String, Integer> count = run(c);
        for (int i = 0; i < 5; i++) {
            // 20% each; the binomial σ over 100k picks is 0.13%, so 1% is over 7σ.
            assertThat(count.get("b" + i) / (double) PICKS).isCloseTo(0.2, Offset.offset(0.01));
        }
    }

    @Test
    void moreLoadMeansFewerPicksExactlyAsTwoChoicesPredict() {
        // Distinct loads: the k-th least loaded of n wins exactly when it is drawn with a more loaded one,
        // probability 2(n-1-k) / (n(n-1)); the most loaded never wins.
        int n = 5;
        List<Fixed> c = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            c.add(new Fixed("b" + k, 1, k * 2));
        }
        Map<String, Integer> count = run(c);
        for (int k = 0; k < n; k++) {
            double expected = 2.0 * (n - 1 - k) / (n * (n - 1.0));
            assertThat(count.getOrDefault("b" + k, 0) / (double) PICKS).as("b%d", k)
                    .isCloseTo(expected, Offset.offset(0.01));
        }
        assertThat(count).doesNotContainKey("b4");
    }

    @Test
    void weightCountsAgainstLoad() {
        // heavy has twice the load and three times the weight: (6+1)/3 < (3+1)/1, so it wins every duel.
        List<Fixed> c = List.of(new Fixed("light", 1, 3), new Fixed("heavy", 3, 6));
        assertThat(run(c)).containsOnlyKeys("heavy");
    }

    @Test
    void aSingleCandidateIsPicked() {
        List<Fixed> c = List.of(new Fixed("only", 1, 100));
        assertThat(run(c)).containsEntry("only", PICKS);
    }
}
