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

class LeastConnectionsTest {

    @Property(tries = 300)
    void neverPicksOneWithMoreInFlightRelativeToWeightThanAnother(
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 6) Integer> inFlight,
            @ForAll @Size(min = 10, max = 10) List<@IntRange(min = 1, max = 4) Integer> weights) {
        List<Fixed> c = new ArrayList<>();
        for (int i = 0; i < inFlight.size(); i++) {
            c.add(new Fixed("b" + i, weights.get(i), inFlight.get(i)));
        }
        Policy p = new LeastConnections();
        for (int round = 0; round < 20; round++) {
            Candidate got = p.pick(c, PickKey.NONE);
            for (Fixed other : c) {
                // got.inFlight / got.weight ≤ other.inFlight / other.weight
                assertThat(got.inFlight() * other.weight()).isLessThanOrEqualTo(other.inFlight() * got.weight());
            }
        }
    }

    @Test
    void tiesAreBrokenByWeightedRotationNotByPosition() {
        Policy p = new LeastConnections();
        List<Fixed> idle = List.of(Fixed.of("a", 1), Fixed.of("b", 1), Fixed.of("c", 2));
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            count.merge(p.pick(idle, PickKey.NONE).name(), 1, Integer::sum);
        }
        assertThat(count).containsEntry("a", 100).containsEntry("b", 100).containsEntry("c", 200);
    }

    @Test
    void followsTheLoadAsItMoves() {
        // A pool driven by the policy itself: each pick adds one in flight, every third pick ends the oldest.
        PoolState pool = new PoolState(TestPools.pool(PolicyKind.LEAST_CONNECTIONS, java.time.Duration.ZERO, 1, 1, 2),
                new MutableClock(), null);
        java.util.ArrayDeque<BackendState> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < 3000; i++) {
            BackendState b = pool.pick(PickKey.NONE, java.util.Set.of()).orElseThrow();
            for (BackendState other : pool.backends()) {
                assertThat(b.inFlight() * other.weight()).isLessThanOrEqualTo(other.inFlight() * b.weight());
            }
            b.acquire();
            open.add(b);
            if (i % 3 == 2) {
                open.poll().release();
            }
        }
        List<BackendState> bs = pool.backends();
        assertThat(bs.get(2).inFlight()).isBetween(2 * bs.get(0).inFlight() - 2, 2 * bs.get(0).inFlight() + 2);
    }
}
