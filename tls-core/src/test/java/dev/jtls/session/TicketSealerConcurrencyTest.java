package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One sealer serves every connection of a server from several event-loop threads at once, each
 * key's cipher reused across tickets: no ticket may be lost, corrupted or opened as another's.
 */
class TicketSealerConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 300;

    private final MutableClock clock = new MutableClock();
    private final CryptoProvider crypto = CryptoProviders.defaults();

    @Test
    void manyThreadsSealAndOpenAtOnceAndEveryTicketOpensToItsSession() throws Exception {
        TicketKeys keys = new TicketKeys(crypto, clock, Duration.ofHours(1), 1);
        TicketSealer sealer = new TicketSealer(crypto, keys, clock);
        // Tickets sealed before the run, opened by every thread while others seal new ones.
        List<Session> shared = new ArrayList<>();
        List<byte[]> sharedTickets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Session s = Sessions.session(1000 + i, clock.instant());
            shared.add(s);
            sharedTickets.add(sealer.seal(s).orElseThrow());
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    int verified = 0;
                    for (int i = 0; i < ROUNDS; i++) {
                        Session own = Sessions.session(thread * ROUNDS + i, clock.instant());
                        byte[] ticket = sealer.seal(own).orElseThrow();
                        TicketSealer.Opened opened = sealer.open(ticket);
                        assertThat(opened).as("own ticket %d/%d", thread, i).isNotNull();
                        assertThat(opened.session()).isEqualTo(own);
                        assertThat(opened.renew()).isFalse();
                        int j = (thread + i) % shared.size();
                        assertThat(sealer.open(sharedTickets.get(j)).session()).isEqualTo(shared.get(j));
                        // A forged ticket under the same key never opens, whatever another thread does.
                        byte[] forged = ticket.clone();
                        forged[forged.length - 1] ^= 1;
                        assertThat(sealer.open(forged)).isNull();
                        verified += 2;
                    }
                    return verified;
                };
                results.add(pool.submit(work));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(THREADS * ROUNDS * 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUseAcrossARotationKeepsTheRetiredKeysTicketsOpening() throws Exception {
        TicketKeys keys = new TicketKeys(crypto, clock, Duration.ofHours(1), 1);
        TicketSealer sealer = new TicketSealer(crypto, keys, clock);
        Session old = Sessions.session(1, clock.instant());
        byte[] oldTicket = sealer.seal(old).orElseThrow();
        keys.rotate();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        TicketSealer.Opened o = sealer.open(oldTicket);
                        if (o == null || !o.session().equals(old) || !o.renew()) {
                            return false;
                        }
                        Session fresh = Sessions.session(i + 2, clock.instant());
                        if (!sealer.open(sealer.seal(fresh).orElseThrow()).session().equals(fresh)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // Once the retired key is dropped its tickets no longer open, and its cipher is let go.
        keys.rotate();
        assertThat(sealer.open(oldTicket)).isNull();
        sealer.seal(Sessions.session(99, clock.instant())).orElseThrow();
        assertThat(sealer.cipherKeyCount()).isLessThanOrEqualTo(keys.acceptedKeys().size());
    }
}
