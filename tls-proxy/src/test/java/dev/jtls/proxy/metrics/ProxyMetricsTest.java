package dev.jtls.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.l4.RelayEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    /** The value of the one sample line {@code name{labels}} in a scrape; fails if absent. */
    static double sample(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + scrape);
    }

    @Test
    void handshakesByResultAndAlertAndTheResumptionRatio() {
        ProxyMetrics m = new ProxyMetrics();
        ListenerMetrics l = m.listener("https");
        assertThat(m.listener("https")).isSameAs(l);
        l.handshakeFull();
        l.handshakeResumed();
        l.handshakeResumed();
        l.handshakeResumed();
        l.handshakeFailed("handshake_failure");
        l.handshakeFailed("Bad Certificate\r\n");
        String s = m.scrape();
        assertThat(sample(s, "jtls_proxy_tls_handshakes_total", "listener=\"https\"", "result=\"full\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_tls_handshakes_total", "result=\"resumed\"")).isEqualTo(3);
        assertThat(sample(s, "jtls_proxy_tls_handshakes_total", "result=\"failed\"", "alert=\"handshake_failure\"")).isEqualTo(1);
        // A label is normalised: no way to inject odd characters into the exposition.
        assertThat(sample(s, "jtls_proxy_tls_handshakes_total", "alert=\"bad_certificate__\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_tls_resumption_ratio", "listener=\"https\"")).isEqualTo(0.75);
        assertThat(l.resumptionRatio()).isEqualTo(0.75);
    }

    @Test
    void openConnectionsByListener() {
        ProxyMetrics m = new ProxyMetrics();
        ListenerMetrics a = m.listener("a");
        ListenerMetrics b = m.listener("b");
        a.connectionOpened();
        a.connectionOpened();
        a.connectionOpened();
        a.connectionClosed();
        b.connectionOpened();
        String s = m.scrape();
        assertThat(sample(s, "jtls_proxy_connections_open", "listener=\"a\"")).isEqualTo(2);
        assertThat(sample(s, "jtls_proxy_connections_open", "listener=\"b\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_connections_total", "listener=\"a\"")).isEqualTo(3);
    }

    @Test
    void requestsByPoolBackendStatusAndLatencyHistograms() {
        ProxyMetrics m = new ProxyMetrics();
        m.request("web", "w1", 200, TimeUnit.MILLISECONDS.toNanos(3), TimeUnit.MILLISECONDS.toNanos(2));
        m.request("web", "w1", 200, TimeUnit.MILLISECONDS.toNanos(30), TimeUnit.MILLISECONDS.toNanos(20));
        m.request("web", "w2", 502, TimeUnit.MILLISECONDS.toNanos(7), TimeUnit.MILLISECONDS.toNanos(6));
        m.request("web", null, 503, TimeUnit.MILLISECONDS.toNanos(1), -1);
        String s = m.scrape();
        assertThat(sample(s, "jtls_proxy_requests_total", "backend=\"w1\"", "code=\"200\"", "status_class=\"2xx\"")).isEqualTo(2);
        assertThat(sample(s, "jtls_proxy_requests_total", "backend=\"w2\"", "code=\"502\"", "status_class=\"5xx\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_requests_total", "backend=\"none\"", "code=\"503\"")).isEqualTo(1);
        // Histogram buckets are cumulative: 3 ms is in le=0.005, 30 ms only from le=0.05.
        assertThat(sample(s, "jtls_proxy_request_duration_seconds_bucket", "backend=\"w1\"", "le=\"0.005\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_request_duration_seconds_bucket", "backend=\"w1\"", "le=\"0.05\"")).isEqualTo(2);
        assertThat(sample(s, "jtls_proxy_request_duration_seconds_count", "backend=\"w1\"")).isEqualTo(2);
        assertThat(sample(s, "jtls_proxy_backend_duration_seconds_sum", "backend=\"w1\"")).isCloseTo(0.022, org.assertj.core.data.Offset.offset(1e-9));
        // No back-end time for a request no back end saw.
        assertThat(sample(s, "jtls_proxy_backend_duration_seconds_count", "backend=\"none\"")).isZero();
        assertThat(s).contains("# TYPE jtls_proxy_request_duration_seconds histogram");
    }

    @Test
    void backendStatusInFlightAndWeightFollowThePoolsAtScrapeTime() {
        ProxyMetrics m = new ProxyMetrics();
        PoolState pool = new PoolState(new PoolConfig("web", PolicyKind.ROUND_ROBIN, null,
                List.of(new BackendConfig("w1", "127.0.0.1", 9001, 3), new BackendConfig("w2", "127.0.0.1", 9002, 1)),
                null, null, Duration.ZERO, null, null, null), Clock.systemUTC(), m.stateListener());
        m.bindPools(() -> Map.of("web", pool));
        BackendState w1 = pool.backend("w1").orElseThrow();
        w1.acquire();
        w1.acquire();
        pool.drain("w2");
        String s = m.scrape();
        assertThat(sample(s, "jtls_proxy_backend_status", "backend=\"w1\"", "status=\"UP\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_backend_status", "backend=\"w1\"", "status=\"DOWN\"")).isEqualTo(0);
        assertThat(sample(s, "jtls_proxy_backend_status", "backend=\"w2\"", "status=\"DRAINING\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_backend_status", "backend=\"w2\"", "status=\"UP\"")).isEqualTo(0);
        assertThat(sample(s, "jtls_proxy_backend_inflight", "backend=\"w1\"")).isEqualTo(2);
        assertThat(sample(s, "jtls_proxy_backend_weight_effective", "backend=\"w1\"")).isEqualTo(3);
        assertThat(sample(s, "jtls_proxy_backend_state_changes_total", "backend=\"w2\"", "to=\"DRAINING\"")).isEqualTo(1);
        // A back end added at run time shows up at the next scrape; a removed one goes away.
        pool.add(new BackendConfig("w3", "127.0.0.1", 9003, 2));
        pool.remove("w1");
        s = m.scrape();
        assertThat(sample(s, "jtls_proxy_backend_status", "backend=\"w3\"", "status=\"UP\"")).isEqualTo(1);
        assertThat(s).doesNotContain("jtls_proxy_backend_inflight{backend=\"w1\"");
        assertThat(count(s, "jtls_proxy_backend_status\\{backend=\"w1\"")).isZero();
    }

    @Test
    void connectionPoolSizesAreReadAtScrapeTimeUntilClosed() throws Exception {
        ProxyMetrics m = new ProxyMetrics();
        AtomicInteger idle = new AtomicInteger(4);
        AtomicInteger active = new AtomicInteger(1);
        AutoCloseable handle = m.connectionPool("web", "w1", idle::get, active::get);
        assertThat(sample(m.scrape(), "jtls_proxy_backend_connections_idle", "backend=\"w1\"")).isEqualTo(4);
        idle.set(2);
        active.set(7);
        String s = m.scrape();
        assertThat(sample(s, "jtls_proxy_backend_connections_idle", "backend=\"w1\"")).isEqualTo(2);
        assertThat(sample(s, "jtls_proxy_backend_connections_active", "backend=\"w1\"")).isEqualTo(7);
        handle.close();
        assertThat(m.scrape()).doesNotContain("jtls_proxy_backend_connections_idle");
    }

    @Test
    void relayEventsAndDroppedCounters() {
        ProxyMetrics m = new ProxyMetrics();
        RelayEvents e = m.relayEvents();
        e.connected("tcp", "t1");
        e.connectFailed("tcp", "t2", "refused");
        e.closed("tcp", "t1", 100, 2500);
        e.noBackend("tcp");
        AtomicInteger dropped = new AtomicInteger(5);
        m.droppedCounter("access_log", dropped, AtomicInteger::get);
        String s = m.scrape();
        assertThat(sample(s, "jtls_proxy_relay_connections_total", "backend=\"t1\"", "result=\"connected\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_relay_connections_total", "backend=\"t2\"", "result=\"failed\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_relay_bytes_total", "backend=\"t1\"", "direction=\"to_client\"")).isEqualTo(2500);
        assertThat(sample(s, "jtls_proxy_relay_no_backend_total", "pool=\"tcp\"")).isEqualTo(1);
        assertThat(sample(s, "jtls_proxy_dropped_total", "what=\"access_log\"")).isEqualTo(5);
    }

    @Test
    void theHotPathReusesItsMeters() {
        ProxyMetrics m = new ProxyMetrics();
        m.request("web", "w1", 200, 1, 1);
        int meters = m.meters().size();
        for (int i = 0; i < 1000; i++) {
            m.request("web", "w1", 200, 1000, 500);
            m.listener("https").handshakeFull();
        }
        // One listener's meters were added once; the request path added none.
        int listenerMeters = 4; // open, accepted, full, resumed (+ ratio gauge)
        assertThat(m.meters().size()).isBetween(meters + listenerMeters, meters + listenerMeters + 1);
    }

    private static int count(String s, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
