package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerSessionCacheTest {
    private final MutableClock clock = new MutableClock();

    private Session session(int n) {
        return Sessions.session(n, clock.instant());
    }

    @Test
    void putThenGet() {
        ServerSessionCache cache = new ServerSessionCache(clock, 10, Duration.ofHours(1));
        Session s = session(1);
        assertThat(cache.put(s)).isTrue();
        assertThat(cache.get(Sessions.id(1))).isEqualTo(s);
        assertThat(cache.get(Sessions.id(2))).isNull();
        assertThat(cache.get(new byte[0])).isNull();
        assertThat(cache.get(new byte[33])).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evictsLeastRecentlyUsedFirst() {
        ServerSessionCache cache = new ServerSessionCache(clock, 3, Duration.ofHours(1));
        cache.put(session(1));
        cache.put(session(2));
        cache.put(session(3));
        // Using 1 makes 2 the least recently used.
        assertThat(cache.get(Sessions.id(1))).isNotNull();
        cache.put(session(4));
        assertThat(cache.get(Sessions.id(2))).isNull();
        assertThat(cache.get(Sessions.id(1))).isNotNull();
        assertThat(cache.get(Sessions.id(3))).isNotNull();
        assertThat(cache.get(Sessions.id(4))).isNotNull();
        // Now 1 is the least recently used (get order 1, 3, 4).
        cache.put(session(5));
        assertThat(cache.get(Sessions.id(1))).isNull();
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void replacingAnIdKeepsOneEntry() {
        ServerSessionCache cache = new ServerSessionCache(clock, 3, Duration.ofHours(1));
        cache.put(session(1));
        Session newer = Sessions.base(1, clock.instant()).masterSecret(Sessions.secret(99)).build();
        cache.put(newer);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(Sessions.id(1))).isEqualTo(newer);
    }

    @Test
    void expiredSessionsAreNotReturnedAndAreEvicted() {
        ServerSessionCache cache = new ServerSessionCache(clock, 10, Duration.ofMinutes(5));
        cache.put(session(1));
        clock.advance(Duration.ofMinutes(3));
        cache.put(session(2));
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(cache.get(Sessions.id(1))).isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get(Sessions.id(1))).isNull();
        assertThat(cache.get(Sessions.id(2))).isNotNull();
        assertThat(cache.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(3));
        assertThat(cache.size()).isZero();
    }

    @Test
    void putSweepsExpiredEntries() {
        ServerSessionCache cache = new ServerSessionCache(clock, 100, Duration.ofMinutes(4));
        for (int i = 0; i < 50; i++) {
            cache.put(session(i));
        }
        clock.advance(Duration.ofMinutes(5));
        cache.put(session(1000));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void sessionsOwnLifetimeAppliesToo() {
        ServerSessionCache cache = new ServerSessionCache(clock, 10, Duration.ofHours(24));
        cache.put(Sessions.base(1, clock.instant()).lifetime(Duration.ofSeconds(30)).build());
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get(Sessions.id(1))).isNull();
    }

    @Test
    void shorterLifetimeAppliesToHeldSessions() {
        ServerSessionCache cache = new ServerSessionCache(clock, 10, Duration.ofHours(1));
        cache.put(session(1));
        clock.advance(Duration.ofMinutes(10));
        assertThat(cache.get(Sessions.id(1))).isNotNull();
        cache.setLifetime(Duration.ofMinutes(5));
        assertThat(cache.lifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cache.get(Sessions.id(1))).isNull();
    }

    @Test
    void zeroMeansNoLimitAsInJsse() {
        ServerSessionCache cache = new ServerSessionCache(clock, 0, Duration.ZERO);
        for (int i = 0; i < 500; i++) {
            cache.put(session(i));
        }
        clock.advance(Duration.ofHours(9));
        assertThat(cache.size()).isEqualTo(500);
        clock.advance(Duration.ofHours(1)); // the sessions' own 10 h lifetime
        assertThat(cache.size()).isZero();
    }

    @Test
    void shrinkingEvictsLeastRecentlyUsed() {
        ServerSessionCache cache = new ServerSessionCache(clock, 10, Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            cache.put(session(i));
        }
        cache.get(Sessions.id(0));
        cache.setMaxEntries(2);
        assertThat(cache.maxEntries()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(Sessions.id(0))).isNotNull();
        assertThat(cache.get(Sessions.id(9))).isNotNull();
    }

    @Test
    void removeInvalidates() {
        ServerSessionCache cache = new ServerSessionCache(clock);
        cache.put(session(1));
        cache.remove(Sessions.id(1));
        assertThat(cache.get(Sessions.id(1))).isNull();
        cache.remove(Sessions.id(2)); // absent: no effect
        cache.put(session(3));
        cache.clear();
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesSessionsThatMustNotBeResumed() {
        ServerSessionCache cache = new ServerSessionCache(clock);
        // RFC 7627 §5.3: a session without extended master secret is never resumed.
        assertThat(cache.put(Sessions.base(1, clock.instant()).extendedMasterSecret(false).build())).isFalse();
        assertThat(cache.get(Sessions.id(1))).isNull();
        assertThat(cache.put(Sessions.base(2, clock.instant()).id(new byte[0]).build())).isFalse();
        assertThat(cache.put(Sessions.session(3, clock.instant().minus(Duration.ofDays(2))))).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void manyThreadsKeepTheBoundAndNeverThrow() throws Exception {
        int bound = 64;
        ServerSessionCache cache = new ServerSessionCache(clock, bound, Duration.ofMinutes(10));
        Instant start = clock.instant();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            sessions.add(Sessions.session(i, start));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int self = t;
            results.add(pool.submit(() -> {
                go.await();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                int wrong = 0;
                for (int i = 0; i < 20_000; i++) {
                    int n = rnd.nextInt(sessions.size());
                    switch (rnd.nextInt(5)) {
                        case 0:
                        case 1:
                            cache.put(sessions.get(n));
                            break;
                        case 2:
                            cache.remove(Sessions.id(n));
                            break;
                        case 3:
                            if (self == 0 && i % 1000 == 0) {
                                cache.setMaxEntries(bound / 2 + rnd.nextInt(bound / 2 + 1));
                            }
                            wrong += cache.size() > bound ? 1 : 0;
                            break;
                        default:
                            Session s = cache.get(Sessions.id(n));
                            if (s != null && !s.equals(sessions.get(n))) {
                                wrong++;
                            }
                            break;
                    }
                }
                return wrong;
            }));
        }
        go.countDown();
        int wrong = 0;
        for (Future<Integer> f : results) {
            wrong += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(wrong).isZero();
        assertThat(cache.size()).isLessThanOrEqualTo(bound);
    }
}
