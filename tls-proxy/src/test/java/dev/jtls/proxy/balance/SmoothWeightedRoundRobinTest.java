package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {

    @Test
    void interleavesLikeNginx() {
        Policy p = new SmoothWeightedRoundRobin();
        List<Fixed> c = List.of(Fixed.of("a", 5), Fixed.of("b", 1), Fixed.of("c", 1));
        // nginx's documented sequence for weights 5,1,1, twice.
        assertThat(Fixed.sequence(p, c, PickKey.NONE, 14)).isEqualTo("aabacaa" + "aabacaa");
    }

    @Property(tries = 15)
    void sharesWithinOnePercentAndNeverMoreThanOnePickAheadOfTheShare(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 20) Integer> weights) {
        List<Fixed> c = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < weights.size(); i++) {
            c.add(Fixed.of("b" + i, weights.get(i)));
            total += weights.get(i);
        }
        Policy p = new SmoothWeightedRoundRobin();
        int picks = 100_000;
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> maxRun = new HashMap<>();
        String last = null;
        int run = 0;
        for (int n = 1; n <= picks; n++) {
            String name = p.pick(c, PickKey.NONE).name();
            count.merge(name, 1, Integer::sum);
            run = name.equals(last) ? run + 1 : 1;
            last = name;
            maxRun.merge(name, run, Math::max);
            // After any n picks, every back end has had its share n·w/W, give or take less than one pick.
            for (int i = 0; i < c.size(); i++) {
                double ideal = n * weights.get(i) / total;
                int got = count.getOrDefault("b" + i, 0);
                assertThat(Math.abs(got - ideal)).as("b%d after %d picks", i, n).isLessThan(1.0);
            }
        }
        for (int i = 0; i < c.size(); i++) {
            double share = weights.get(i) / total;
            assertThat(count.getOrDefault("b" + i, 0) / (double) picks).isCloseTo(share, org.assertj.core.data.Offset.offset(0.01));
            if (c.size() > 1) {
                // A run of k picks of one back end (share p = w/W) gains it k picks while its due grows by
                // k·p; with every prefix within one pick of its due (checked above), k < k·p + 2, so
                // k < 2 / (1 - p) = 2W / (W - w). (The tighter ⌈W / (W - w)⌉ does not hold for smooth
                // WRR: weights 1, 18, 1 give a run of 12 of the 18.)
                int bound = (int) Math.ceil(2 * total / (total - weights.get(i))) - 1;
                assertThat(maxRun.getOrDefault("b" + i, 0)).as("longest run of b%d", i).isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void followsChangingWeightsAndCandidates() {
        Policy p = new SmoothWeightedRoundRobin();
        List<Fixed> c = List.of(Fixed.of("a", 1), Fixed.of("b", 1));
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            count.merge(p.pick(c, PickKey.NONE).name(), 1, Integer::sum);
        }
        assertThat(count).containsEntry("a", 500).containsEntry("b", 500);
        List<Fixed> d = List.of(Fixed.of("b", 1), Fixed.of("c", 3));
        count.clear();
        for (int i = 0; i < 1000; i++) {
            count.merge(p.pick(d, PickKey.NONE).name(), 1, Integer::sum);
        }
        assertThat(count.get("b")).isBetween(249, 251);
        assertThat(count.get("c")).isBetween(749, 751);
    }
}
