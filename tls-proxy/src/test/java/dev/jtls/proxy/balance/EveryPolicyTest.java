package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every policy does the same: skip what is not eligible, give nothing when nothing is. */
class EveryPolicyTest {

    private final MutableClock clock = new MutableClock();

    private PoolState pool(PolicyKind kind, int... weights) {
        return new PoolState(TestPools.pool(kind, Duration.ofSeconds(10), weights), clock, null);
    }

    @ParameterizedTest
    @EnumSource(PolicyKind.class)
    void skipsDownEjectedAndDrainingAndGivesNothingWhenAllAreOut(PolicyKind kind) {
        PoolState p = pool(kind, 1, 1, 1, 1);
        List<BackendState> b = p.backends();
        for (int i = 0; i < 3; i++) {
            p.reportCheck(b.get(0), false, "refused");
        }
        for (int i = 0; i < 5; i++) {
            p.reportFailure(b.get(1), "refused");
        }
        p.drain(b.get(2).name());
        assertThat(b).extracting(BackendState::status).containsExactly(BackendState.Status.DOWN,
                BackendState.Status.EJECTED, BackendState.Status.DRAINING, BackendState.Status.UP);
        for (int i = 0; i < 200; i++) {
            PickKey key = i % 2 == 0 ? PickKey.NONE : PickKey.of("client-" + i);
            assertThat(p.pick(key, Set.of())).containsSame(b.get(3));
        }
        assertThat(p.pick(PickKey.of("x"), Set.of(b.get(3)))).isEmpty();
        for (int i = 0; i < 3; i++) {
            p.reportCheck(b.get(3), false, "refused");
        }
        assertThat(p.pick(PickKey.NONE, Set.of())).isEmpty();
        assertThat(p.pick(PickKey.of("client"), Set.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PolicyKind.class, names = {"WEIGHTED_ROUND_ROBIN", "LEAST_CONNECTIONS", "IP_HASH", "POWER_OF_TWO"})
    void aBackEndInSlowStartGetsItsRampedShare(PolicyKind kind) {
        PoolState p = pool(kind, 10, 10);
        BackendState returning = p.backends().get(1);
        for (int i = 0; i < 3; i++) {
            p.reportCheck(returning, false, "refused");
        }
        assertThat(returning.status()).isEqualTo(BackendState.Status.DOWN);
        p.reportCheck(returning, true, "ok");
        p.reportCheck(returning, true, "ok");
        assertThat(returning.status()).isEqualTo(BackendState.Status.UP);
        double[] factors = {0.1, 0.5, 1.0};
        long[] at = {0, 5_000, 10_000};
        long elapsed = 0;
        for (int f = 0; f < factors.length; f++) {
            clock.advance(Duration.ofMillis(at[f] - elapsed));
            elapsed = at[f];
            assertThat(returning.weight()).isCloseTo(10 * factors[f], Offset.offset(1e-9));
            Map<String, Integer> count = new HashMap<>();
            int picks = 20_000;
            for (int i = 0; i < picks; i++) {
                // Nothing stays in flight: least-connections and P2C see equal loads and decide by weight.
                count.merge(p.pick(PickKey.of("client-" + i), Set.of()).orElseThrow().name(), 1, Integer::sum);
            }
            // A share proportional to weight; except P2C, which with two back ends always compares both,
            // so the heavier one wins every idle duel until the weights are equal.
            double expected = kind != PolicyKind.POWER_OF_TWO ? factors[f] / (1 + factors[f])
                    : factors[f] < 1 ? 0 : 0.5;
            assertThat(count.getOrDefault("b1", 0) / (double) picks).as("%s at factor %s", kind, factors[f])
                    .isCloseTo(expected, Offset.offset(0.02));
        }
    }

    @Property(tries = 100)
    void neverPicksAnIneligibleBackEnd(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 7) Integer> ops,
            @ForAll("kinds") PolicyKind kind) {
        PoolState p = pool(kind, 1, 2, 3);
        for (int i = 0; i < ops.size(); i++) {
            BackendState b = p.backends().get(i % 3);
            switch (ops.get(i)) {
                case 0 -> p.reportCheck(b, false, "refused");
                case 1 -> p.reportCheck(b, true, "ok");
                case 2 -> p.reportFailure(b, "refused");
                case 3 -> p.reportSuccess(b);
                case 4 -> p.drain(b.name());
                case 5 -> p.undrain(b.name());
                case 6 -> clock.advance(Duration.ofSeconds(7));
                default -> b.acquire();
            }
            var picked = p.pick(PickKey.of("k" + i), Set.of());
            if (picked.isPresent()) {
                assertThat(picked.get().eligible()).isTrue();
            } else {
                assertThat(p.backends()).noneMatch(BackendState::eligible);
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<PolicyKind> kinds() {
        return net.jqwik.api.Arbitraries.of(PolicyKind.class);
    }
}
