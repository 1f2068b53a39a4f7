package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.BackendState.Status;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.config.PoolConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the pool tells its listener: each status change once, in order per back end, with the reason of
 * that change, also when many event loops pick and report at once while ejections run out.
 */
class PoolStateReportsTest {

    /** One line told to the listener. */
    private record Told(Status from, Status to, String reason) {
        @Override public String toString() { return from + "→" + to + ": " + reason; }
    }

    /** The reasons the pool gives, and the changes each may explain. */
    private enum Cause {
        EJECTION_ENDED("ejection ended"),
        EJECTED("\\d+ consecutive failures \\(last: .*\\); ejected for \\d+m?s"),
        CHECKS_FAILED("\\d+ health checks failed \\(last: .*\\)"),
        CHECKS_PASSED("\\d+ health checks passed \\(.*\\)"),
        DRAINED("drained by admin"),
        UNDRAINED("drain ended by admin");

        private final Pattern text;

        Cause(String regex) { this.text = Pattern.compile(regex); }

        static Cause of(String reason) {
            for (Cause c : values()) {
                if (c.text.matcher(reason).matches()) {
                    return c;
                }
            }
            throw new AssertionError("unknown reason: " + reason);
        }

        /** DOWN hides every other cause, EJECTED hides DRAINING (see {@link Status}). */
        boolean explains(Status from, Status to) {
            switch (this) {
                case EJECTION_ENDED: return from == Status.EJECTED && (to == Status.UP || to == Status.DRAINING);
                case EJECTED: return to == Status.EJECTED && (from == Status.UP || from == Status.DRAINING);
                case CHECKS_FAILED: return to == Status.DOWN;
                case CHECKS_PASSED: return from == Status.DOWN;
                case DRAINED: return from == Status.UP && to == Status.DRAINING;
                case UNDRAINED: return from == Status.DRAINING && to == Status.UP;
                default: throw new AssertionError(this);
            }
        }
    }

    private final MutableClock clock = new MutableClock();
    private final Map<String, List<Told>> told = new ConcurrentHashMap<>();
    private final PoolState.StateListener listener = (pool, backend, from, to, reason) ->
            told.computeIfAbsent(backend, b -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Told(from, to, reason));

    /** Ejections of a few milliseconds, so that they run out all the time under the stress below. */
    private PoolState pool(int backends, int failuresToEject) {
        int[] weights = new int[backends];
        Arrays.fill(weights, 1);
        return new PoolState(new PoolConfig("web", PolicyKind.LEAST_CONNECTIONS, null, TestPools.backends(weights),
                new HealthCheckConfig(HealthCheckConfig.Kind.TCP, null, 200, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), 2, 2),
                new PassiveHealthConfig(failuresToEject, Duration.ofMillis(2), false), Duration.ofMillis(5), null, null, null),
                clock, listener);
    }

    private List<Told> toldFor(String backend) {
        return told.getOrDefault(backend, List.of());
    }

    @Test
    void anEjectionThatRanOutIsToldBeforeTheNextOne() {
        PoolState p = pool(2, 1);
        BackendState b0 = p.backends().get(0);
        p.reportFailure(b0, "refused");
        clock.advance(Duration.ofMillis(2)); // ends unseen: nothing picks or checks meanwhile
        p.reportFailure(b0, "reset"); // ends it and ejects again, in one call
        assertThat(toldFor("b0")).extracting(Told::toString).containsExactly(
                "UP→EJECTED: 1 consecutive failures (last: refused); ejected for 2ms",
                "EJECTED→UP: ejection ended",
                "UP→EJECTED: 1 consecutive failures (last: reset); ejected for 4ms");
    }

    @Test
    void aCheckThatEndsADownSpellDuringAnEjectionSaysSo() {
        PoolState p = pool(1, 2);
        BackendState b0 = p.backends().get(0);
        p.reportCheck(b0, false, "refused");
        p.reportCheck(b0, false, "refused");
        p.reportFailure(b0, "refused"); // ejected while DOWN: still DOWN
        p.reportFailure(b0, "refused");
        p.reportCheck(b0, true, "connected");
        p.reportCheck(b0, true, "connected");
        clock.advance(Duration.ofMillis(2));
        p.refresh();
        assertThat(toldFor("b0")).extracting(Told::toString).containsExactly(
                "UP→DOWN: 2 health checks failed (last: refused)",
                "DOWN→EJECTED: 2 health checks passed (connected)",
                "EJECTED→UP: ejection ended");
    }

    @Test
    void concurrentPicksAndReportsTellEachChangeOnceInOrderWithItsOwnReason() throws InterruptedException {
        PoolState p = pool(3, 2);
        List<BackendState> all = p.backends();
        Concurrently.run(4, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 30_000; i++) {
                BackendState b = all.get(random.nextInt(all.size()));
                int op = random.nextInt(100);
                if (op < 10) {
                    clock.advance(Duration.ofMillis(1)); // ejections run out mid-flight
                } else if (op < 40) {
                    p.pick(PickKey.NONE, Set.of()).ifPresent(picked -> {
                        picked.acquire();
                        picked.release();
                    });
                } else if (op < 65) {
                    p.reportFailure(b, "refused");
                } else if (op < 77) {
                    p.reportSuccess(b);
                } else if (op < 97) {
                    p.reportCheck(b, random.nextInt(4) > 0, "check " + i);
                } else if (op < 98) {
                    p.drain(b.name());
                } else {
                    p.undrain(b.name());
                }
            }
        });
        clock.advance(Duration.ofMinutes(1)); // every ejection has run out
        p.refresh();

        int changes = 0;
        for (BackendState b : all) {
            List<Told> lines = List.copyOf(toldFor(b.name()));
            Status previous = Status.UP;
            for (int i = 0; i < lines.size(); i++) {
                Told t = lines.get(i);
                String where = b.name() + " line " + i + " of " + lines.size() + ": "
                        + lines.subList(Math.max(0, i - 3), Math.min(lines.size(), i + 2));
                assertThat(t.from()).as("from is the previous to, " + where).isEqualTo(previous);
                assertThat(t.to()).as("a change, " + where).isNotEqualTo(t.from());
                assertThat(Cause.of(t.reason()).explains(t.from(), t.to())).as("the reason fits, " + where).isTrue();
                previous = t.to();
            }
            assertThat(previous).as(b.name() + ": the last line told is its status").isEqualTo(b.status());
            changes += lines.size();
        }
        // The run did exercise the races: many changes, ejections running out among them.
        assertThat(changes).isGreaterThan(1000);
        assertThat(told.values().stream().flatMap(List::stream).filter(t -> t.reason().equals("ejection ended")))
                .hasSizeGreaterThan(100);
    }
}
