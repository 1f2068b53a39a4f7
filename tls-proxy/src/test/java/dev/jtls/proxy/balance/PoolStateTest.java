package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.proxy.balance.BackendState.Status;
import dev.jtls.proxy.config.BackendConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolStateTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final PoolState.StateListener listener = new PoolState.StateListener() {
        @Override
        public void changed(String pool, String backend, Status from, Status to, String reason) {
            events.add(pool + " " + backend + " " + from + "→" + to + ": " + reason);
        }

        @Override
        public void added(String pool, String backend) {
            events.add(pool + " " + backend + " added");
        }

        @Override
        public void removed(String pool, String backend) {
            events.add(pool + " " + backend + " removed");
        }
    };

    private PoolState pool(PolicyKind kind, int... weights) {
        return new PoolState(TestPools.pool(kind, Duration.ofSeconds(10), weights), clock, listener);
    }

    private static BackendState pickOne(PoolState p) {
        return p.pick(PickKey.NONE, Set.of()).orElseThrow();
    }

    @Test
    void backendsInConfigurationOrderWithAddresses() {
        PoolState p = pool(PolicyKind.ROUND_ROBIN, 1, 2, 3);
        assertThat(p.name()).isEqualTo("web");
        assertThat(p.backends()).extracting(BackendState::name).containsExactly("b0", "b1", "b2");
        assertThat(p.backends()).extracting(BackendState::configuredWeight).containsExactly(1, 2, 3);
        assertThat(p.backends().get(1).address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(p.backends().get(1).address().isUnresolved()).isFalse();
        assertThat(p.backend("b2")).containsSame(p.backends().get(2));
        assertThat(p.backend("zz")).isEmpty();
    }

    @Test
    void aHostNameStaysUnresolvedAndANamelessBackendIsCalledHostPort() {
        PoolState p = new PoolState(new dev.jtls.proxy.config.PoolConfig("api", PolicyKind.ROUND_ROBIN, null,
                List.of(new BackendConfig(null, "backend.example", 80, 1), new BackendConfig("", "::1", 81, 1)),
                null, null, null, null, null, null), clock, null);
        assertThat(p.backends()).extracting(BackendState::name).containsExactly("backend.example:80", "[::1]:81");
        assertThat(p.backends().get(0).address().isUnresolved()).isTrue();
        assertThat(p.backends().get(1).address().isUnresolved()).isFalse();
    }

    @Test
    void passiveFailuresEjectWithGrowingBackOffAndEjectionEndsBySlowStart() {
        PoolState p = pool(PolicyKind.ROUND_ROBIN, 10, 10);
        BackendState b0 = p.backends().get(0);
        for (int i = 0; i < 4; i++) {
            p.reportFailure(b0, "connection refused");
        }
        assertThat(b0.status()).isEqualTo(Status.UP);
        p.reportSuccess(b0); // resets the count
        for (int i = 0; i < 4; i++) {
            p.reportFailure(b0, "connection refused");
        }
        assertThat(b0.status()).isEqualTo(Status.UP);
        p.reportFailure(b0, "connection refused");
        assertThat(b0.status()).isEqualTo(Status.EJECTED);
        assertThat(b0.ejectedUntilMillis()).hasValue(clock.millis() + 30_000);
        assertThat(events).containsExactly(
                "web b0 UP→EJECTED: 5 consecutive failures (last: connection refused); ejected for 30s");
        for (int i = 0; i < 100; i++) {
            assertThat(pickOne(p)).isNotSameAs(b0);
        }
        p.reportFailure(b0, "late failure"); // of a request that began before the ejection: ignored
        clock.advance(Duration.ofSeconds(30));
        assertThat(b0.status()).isEqualTo(Status.UP);
        assertThat(b0.weight()).isEqualTo(1.0); // slow start begins where the ejection ends
        pickOne(p);
        assertThat(events).hasSize(2).last().isEqualTo("web b0 EJECTED→UP: ejection ended");
        clock.advance(Duration.ofSeconds(5));
        assertThat(b0.weight()).isEqualTo(5.0);

        // Failing again before any success: the second ejection lasts twice as long.
        for (int i = 0; i < 5; i++) {
            p.reportFailure(b0, "timeout");
        }
        assertThat(b0.ejectedUntilMillis()).hasValue(clock.millis() + 60_000);
        assertThat(events.get(2)).endsWith("ejected for 60s");
        clock.advance(Duration.ofSeconds(60));
        p.reportSuccess(b0); // readmitted and succeeding: the back-off starts over
        for (int i = 0; i < 5; i++) {
            p.reportFailure(b0, "timeout");
        }
        assertThat(b0.ejectedUntilMillis()).hasValue(clock.millis() + 30_000);
    }

    @Test
    void ejectionBackOffIsCapped() {
        PoolState p = pool(PolicyKind.ROUND_ROBIN, 1);
        BackendState b0 = p.backends().get(0);
        for (int round = 1; round <= 15; round++) {
            for (int i = 0; i < 5; i++) {
                p.reportFailure(b0, "refused");
            }
            long expected = 30_000L * Math.min(round, PoolState.MAX_EJECTION_MULTIPLIER);
            assertThat(b0.ejectedUntilMillis()).hasValue(clock.millis() + expected);
            clock.advance(Duration.ofMillis(expected));
        }
    }

    @Test
    void passiveHealthOffWhenNoFailureCountIsConfigured() {
        PoolState p = new PoolState(new dev.jtls.proxy.config.PoolConfig("web", PolicyKind.ROUND_ROBIN, null,
                TestPools.backends(1), null,
                new dev.jtls.proxy.config.PassiveHealthConfig(0, Duration.ofSeconds(30), false),
                Duration.ZERO, null, null, null), clock, listener);
        for (int i = 0; i < 100; i++) {
            p.reportFailure(p.backends().get(0), "refused");
        }
        assertThat(p.backends().get(0).status()).isEqualTo(Status.UP);
        assertThat(events).isEmpty();
    }

    @Test
    void activeChecksGoDownAfterFallAndUpAfterRise() {
        PoolState p = pool(PolicyKind.ROUND_ROBIN, 10, 10);
        BackendState b1 = p.backends().get(1);
        p.reportCheck(b1, false, "connection refused");
        p.reportCheck(b1, false, "connection refused");
        p.reportCheck(b1, true, "connected"); // a pass in between resets the fall count
        p.reportCheck(b1, false, "connection refused");
        p.reportCheck(b1, false, "connection refused");
        assertThat(b1.status()).isEqualTo(Status.UP);
        p.reportCheck(b1, false, "HTTP 500");
        assertThat(b1.status()).isEqualTo(Status.DOWN);
        assertThat(events).containsExactly("web b1 UP→DOWN: 3 health checks failed (last: HTTP 500)");
        p.reportCheck(b1, false, "HTTP 500");
        p.reportCheck(b1, true, "HTTP 200");
        assertThat(b1.status()).isEqualTo(Status.DOWN);
        p.reportCheck(b1, true, "HTTP 200");
        assertThat(b1.status()).isEqualTo(Status.UP);
        assertThat(events).hasSize(2).last().isEqualTo("web b1 DOWN→UP: 2 health checks passed (HTTP 200)");
        assertThat(b1.weight()).isEqualTo(1.0); // slow start
        clock.advance(Duration.ofSeconds(10));
        assertThat(b1.weight()).isEqualTo(10.0);
    }

    @Test
    void allDownGivesEmptyAndExcludeSkips() {
        PoolState p = pool(PolicyKind.LEAST_CONNECTIONS, 1, 1, 1);
        BackendState b0 = p.backends().get(0);
        BackendState b1 = p.backends().get(1);
        BackendState b2 = p.backends().get(2);
        for (int i = 0; i < 20; i++) {
            assertThat(p.pick(PickKey.NONE, Set.of(b0, b1))).containsSame(b2);
        }
        assertThat(p.pick(PickKey.NONE, Set.of(b0, b1, b2))).isEmpty();
        for (int i = 0; i < 3; i++) {
            p.reportCheck(b0, false, "refused");
        }
        for (int i = 0; i < 5; i++) {
            p.reportFailure(b1, "refused");
        }
        p.drain("b2");
        assertThat(p.pick(PickKey.NONE, Set.of())).isEmpty();
        assertThat(p.pick(PickKey.of("x"), null)).isEmpty();
        p.undrain("b2");
        assertThat(p.pick(PickKey.NONE, Set.of())).containsSame(b2);
    }

    @Test
    void drainStopsNewPicksAndLetsInFlightFinish() {
        PoolState p = pool(PolicyKind.ROUND_ROBIN, 1, 1);
        BackendState b0 = p.backends().get(0);
        b0.acquire();
        p.drain("b0");
        assertThat(b0.status()).isEqualTo(Status.DRAINING);
        assertThat(events).containsExactly("web b0 UP→DRAINING: drained by admin");
        for (int i = 0; i < 50; i++) {
            assertThat(pickOne(p).name()).isEqualTo("b1");
        }
        assertThat(b0.inFlight()).isEqualTo(1);
        b0.release();
        assertThat(b0.inFlight()).isZero();
        p.drain("b0"); // already draining: no second line
        assertThat(events).hasSize(1);
    }

    @Test
    void adminSetWeightAddRemove() {
        PoolState p = pool(PolicyKind.WEIGHTED_ROUND_ROBIN, 1, 1);
        p.setWeight("b0", 3);
        assertThat(p.backends().get(0).configuredWeight()).isEqualTo(3);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.merge(pickOne(p).name(), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("b0", 300).containsEntry("b1", 100);
        assertThatThrownBy(() -> p.setWeight("b0", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setWeight("nope", 2)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> p.drain("nope")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> p.remove("nope")).isInstanceOf(NoSuchElementException.class);

        p.add(new BackendConfig("b2", "127.0.0.1", 9100, 1));
        assertThatThrownBy(() -> p.add(new BackendConfig("b2", "127.0.0.1", 9101, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThat(p.backends()).extracting(BackendState::name).containsExactly("b0", "b1", "b2");
        assertThat(p.backends().get(2).weight()).isEqualTo(0.1); // joins through slow start
        BackendState b1 = p.backends().get(1);
        p.remove("b1");
        assertThat(p.backends()).extracting(BackendState::name).containsExactly("b0", "b2");
        for (int i = 0; i < 50; i++) {
            assertThat(pickOne(p)).isNotSameAs(b1);
        }
        assertThat(events).containsExactly("web b2 added", "web b1 removed");
    }

    @Test
    void duplicateBackendNamesAreRefused() {
        assertThatThrownBy(() -> new PoolState(new dev.jtls.proxy.config.PoolConfig("web", PolicyKind.ROUND_ROBIN,
                null, List.of(new BackendConfig(null, "10.0.0.1", 80, 1), new BackendConfig(null, "10.0.0.1", 80, 2)),
                null, null, null, null, null, null), clock, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.1:80");
    }

    @Test
    void concurrentPicksAndFailuresReportEachChangeOnce() throws InterruptedException {
        PoolState p = pool(PolicyKind.LEAST_CONNECTIONS, 1, 2, 3, 4);
        BackendState b3 = p.backends().get(3);
        int threads = 4;
        Map<String, AtomicInteger> picks = new ConcurrentHashMap<>();
        Concurrently.run(threads, () -> {
            for (int i = 0; i < 20_000; i++) {
                BackendState b = pickOne(p);
                b.acquire();
                picks.computeIfAbsent(b.name(), n -> new AtomicInteger()).incrementAndGet();
                if (b == b3) {
                    p.reportFailure(b, "refused");
                }
                b.release();
            }
        });
        assertThat(b3.status()).isEqualTo(Status.EJECTED);
        assertThat(events).containsExactly(
                "web b3 UP→EJECTED: 5 consecutive failures (last: refused); ejected for 30s");
        assertThat(picks.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(threads * 20_000);
        assertThat(p.backends()).allSatisfy(b -> assertThat(b.inFlight()).isZero());
    }

    @Test
    void aReloadKeepsTheStateOfBackEndsThatStay() {
        PoolState before = pool(PolicyKind.ROUND_ROBIN, 1, 1, 1);
        BackendState b0 = before.backends().get(0);
        BackendState b1 = before.backends().get(1);
        b0.acquire();
        for (int i = 0; i < 3; i++) {
            before.reportCheck(b1, false, "refused");
        }
        before.drain("b0");
        events.clear();
        // b0 stays with a new weight, b1 stays (DOWN), b2 leaves, b3 joins; b1's address is unchanged.
        List<BackendConfig> next = List.of(new BackendConfig("b0", "127.0.0.1", 9000, 5),
                new BackendConfig("b1", "127.0.0.1", 9001, 1), new BackendConfig("b3", "127.0.0.1", 9003, 2));
        dev.jtls.proxy.config.PoolConfig old = before.config();
        PoolState after = PoolState.reloaded(before, new dev.jtls.proxy.config.PoolConfig(old.name(), PolicyKind.LEAST_CONNECTIONS,
                old.hashKey(), next, old.health(), old.passive(), Duration.ofSeconds(20), old.timeouts(), old.keepAlive(),
                old.tls()), listener);
        assertThat(after.backends()).extracting(BackendState::name).containsExactly("b0", "b1", "b3");
        assertThat(after.backends().get(0)).isSameAs(b0);
        assertThat(b0.configuredWeight()).isEqualTo(5);
        assertThat(b0.inFlight()).isEqualTo(1);
        assertThat(b0.status()).isEqualTo(Status.DRAINING);
        assertThat(after.backends().get(1)).isSameAs(b1);
        assertThat(b1.status()).isEqualTo(Status.DOWN);
        BackendState b3 = after.backends().get(2);
        assertThat(b3.weight()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9)); // new: 10% of 2 at first
        clock.advance(Duration.ofSeconds(20)); // the new window, not the old 10s
        assertThat(b3.weight()).isEqualTo(2.0);
        assertThat(events).containsExactly("web b2 removed", "web b3 added");
        for (int i = 0; i < 20; i++) {
            assertThat(after.pick(PickKey.NONE, Set.of())).containsSame(b3);
        }
        // The same name at another address is another back end.
        PoolState moved = PoolState.reloaded(after, new dev.jtls.proxy.config.PoolConfig(old.name(), PolicyKind.ROUND_ROBIN,
                null, List.of(new BackendConfig("b0", "127.0.0.2", 9000, 1)), null, null, null, null, null, null), listener);
        assertThat(moved.backends().get(0)).isNotSameAs(b0);
        assertThat(moved.backends().get(0).status()).isEqualTo(Status.UP);
    }
}
