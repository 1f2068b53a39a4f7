package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.BackendTimeouts;
import dev.jtls.proxy.config.HealthCheckConfig;
import dev.jtls.proxy.config.PassiveHealthConfig;
import dev.jtls.proxy.testing.ProxyConfigs;
import dev.jtls.proxy.testing.ProxyHarness;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Under a steady load of keep-alive GETs: one back end hangs (accepts, reads, never answers), one turns
 * slow, then both recover. Measures and bounds the requests lost (only those already sent to the hung
 * one: a GET that was written is not replayed), the time to eject and to readmit, and the latency while
 * it happens; prints one line with the figures (the kill case is {@code ProxyFaultsTest}'s).
 */
class FaultEventsTest {
    private static final int CLIENTS = 4;
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(300);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);

    private final ProxyHarness h = new ProxyHarness();

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private static long waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + max).isTrue();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aHungAndASlowBackEndUnderLoad() throws Exception {
        List<TestBackend> three = h.backends(3);
        var pool = ProxyConfigs.with(ProxyConfigs.with(ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, three),
                new HealthCheckConfig(HealthCheckConfig.Kind.HTTP, "/health", 200, INTERVAL, CHECK_TIMEOUT, 2, 1),
                new PassiveHealthConfig(3, Duration.ofMillis(500), false), Duration.ZERO),
                new BackendTimeouts(Duration.ofSeconds(1), RESPONSE_TIMEOUT));
        ProxyServer proxy = h.start(ProxyConfigs.simple(TestPki.get().leaf("faults", "localhost"), pool), 2);
        BackendState hung = proxy.pools().get("web").backends().get(0);
        HttpClient client = ProxyHarness.client();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger phase = new AtomicInteger();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        List<ConcurrentLinkedQueue<Long>> micros = List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(),
                new ConcurrentLinkedQueue<>());
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            load.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    long t0 = System.nanoTime();
                    int p = phase.get();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(h.uri("/f")).timeout(Duration.ofSeconds(10))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            lost.add(r.statusCode() + " in phase " + p);
                        }
                    } catch (Exception e) {
                        lost.add(e + " in phase " + p);
                    }
                    micros.get(p).add((System.nanoTime() - t0) / 1000);
                    done.incrementAndGet();
                }
            }));
        }
        waitFor(() -> done.get() >= 300, Duration.ofSeconds(20));
        micros.get(0).clear(); // the steady state, without the warm-up's handshakes and JIT
        waitFor(() -> done.get() >= 500, Duration.ofSeconds(20));

        // Hang: the back end takes requests (and health checks) and never answers.
        phase.set(1);
        three.get(0).delayMillis = 60_000;
        long toEject = waitFor(() -> !hung.eligible(), Duration.ofSeconds(5));
        // Slow: another answers 30 ms late; it stays in (the check timeout is longer).
        three.get(1).delayMillis = 30;
        int before = done.get();
        waitFor(() -> done.get() >= before + 200, Duration.ofSeconds(20));
        int lostDuringHang = lost.size();

        // Recovery: both answer at once again; the hung one is readmitted after `rise` good checks.
        phase.set(2);
        three.get(0).delayMillis = 0;
        three.get(1).delayMillis = 0;
        long toReadmit = waitFor(hung::eligible, Duration.ofSeconds(10));
        int after = done.get();
        waitFor(() -> done.get() >= after + 200, Duration.ofSeconds(20));
        running.set(false);
        CompletableFuture.allOf(load.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);

        System.out.printf("faults: hung back end ejected in %d ms (checks every %d ms, timeout %d ms), readmitted in %d ms;"
                        + " lost %d of %d requests (%s); latency p50/p99 ms: steady %s, hang+slow %s, recovered %s%n",
                toEject, INTERVAL.toMillis(), CHECK_TIMEOUT.toMillis(), toReadmit, lost.size(), done.get(), lost,
                percentiles(micros.get(0)), percentiles(micros.get(1)), percentiles(micros.get(2)));
        // Only requests already written to the hung back end are lost (504 after the response timeout):
        // at most one per client, since ejection comes before any client's timeout.
        // (A request sent just before the hang, in phase 0, counts as in flight.)
        assertThat(lost).hasSizeLessThanOrEqualTo(CLIENTS).allMatch(s -> s.startsWith("504 in phase "))
                .noneMatch(s -> s.endsWith("phase 2"));
        assertThat(lost.size()).isEqualTo(lostDuringHang);
        assertThat(toEject).as("ejected within the check timeout plus two intervals")
                .isLessThanOrEqualTo(CHECK_TIMEOUT.plus(INTERVAL.multipliedBy(2)).plusMillis(500).toMillis());
        assertThat(three.get(0).requests.get()).isPositive();
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format("%.1f/%.1f", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1000.0);
    }
}
