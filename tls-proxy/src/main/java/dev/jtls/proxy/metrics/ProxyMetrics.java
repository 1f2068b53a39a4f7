package dev.jtls.proxy.metrics;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.l4.RelayEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The proxy's metrics, over Micrometer's Prometheus registry; {@link #scrape()} gives the Prometheus
 * text exposition format (version 0.0.4) that the admin listener serves on {@code GET /metrics}.
 *
 * <p>The hot path never builds a meter: listener meters are held by {@link ListenerMetrics} and
 * request meters are cached by (pool, back end, status) on first use, so a request costs a map look-up
 * and three increments. Back-end state (status, in-flight, effective weight) is read from the pools at
 * scrape time, so back ends added, removed or swapped by a reload show up without registration.
 * Latency histograms use a fixed set of buckets (1 ms … 10 s) rather than Micrometer's percentile
 * histogram (≈ 70 buckets per series). Thread-safe.
 */
public final class ProxyMetrics {
    /** Histogram bucket bounds for request and back-end latencies. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };
    private static final String NONE = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, ListenerMetrics> listeners = new ConcurrentHashMap<>();
    private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
    private final Map<BackendKey, RelayMeters> relays = new ConcurrentHashMap<>();
    private final Map<String, Counter> noBackend = new ConcurrentHashMap<>();
    private final Map<StateChangeKey, Counter> stateChanges = new ConcurrentHashMap<>();
    private final MultiGauge backendStatus;
    private final MultiGauge backendInFlight;
    private final MultiGauge backendWeight;
    private volatile Supplier<Map<String, PoolState>> pools = Map::of;

    public ProxyMetrics() {
        backendStatus = MultiGauge.builder("jtls.proxy.backend.status")
                .description("1 for the back end's current status (UP, DOWN, EJECTED, DRAINING), 0 for the others")
                .register(registry);
        backendInFlight = MultiGauge.builder("jtls.proxy.backend.inflight")
                .description("Requests (http) or connections (tcp) in flight on the back end")
                .register(registry);
        backendWeight = MultiGauge.builder("jtls.proxy.backend.weight.effective")
                .description("Configured weight times the slow-start factor")
                .register(registry);
    }

    /** The Prometheus registry, for binders (JVM, process) the server wants to add. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Everything, in the Prometheus text format (0.0.4); back-end state is read from the pools now. */
    public String scrape() {
        refreshBackends();
        return registry.scrape();
    }

    /** The pools whose back ends are reported (status, in-flight, effective weight); a reload may swap the map. */
    public void bindPools(Supplier<Map<String, PoolState>> pools) {
        this.pools = pools;
    }

    /** The meters of one listener, made on first use and kept. */
    public ListenerMetrics listener(String name) {
        return listeners.computeIfAbsent(name, n -> new ListenerMetrics(registry, n));
    }

    /**
     * One proxied HTTP request ended.
     *
     * @param backend null when none served it (503 with no back end)
     * @param totalNanos from the request's first byte to the response's last
     * @param backendNanos from writing to the back end to the response's last byte; negative: none
     */
    public void request(String pool, String backend, int status, long totalNanos, long backendNanos) {
        RequestKey key = new RequestKey(orNone(pool), orNone(backend), status);
        // Looked up first: computeIfAbsent would make its function object on every request.
        RequestMeters m = requests.get(key);
        if (m == null) {
            m = requests.computeIfAbsent(key, RequestMeters::new);
        }
        m.count.increment();
        m.duration.record(totalNanos, TimeUnit.NANOSECONDS);
        if (backendNanos >= 0) {
            m.backendDuration.record(backendNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Reports a back end's keep-alive connection pool sizes, read at each scrape, until the returned
     * handle is closed (the pool went away).
     */
    public AutoCloseable connectionPool(String pool, String backend, IntSupplier idle, IntSupplier active) {
        Gauge i = Gauge.builder("jtls.proxy.backend.connections.idle", idle, IntSupplier::getAsInt)
                .description("Idle pooled keep-alive connections to the back end")
                .tags("pool", pool, "backend", backend)
                .strongReference(true)
                .register(registry);
        Gauge a = Gauge.builder("jtls.proxy.backend.connections.active", active, IntSupplier::getAsInt)
                .description("Back-end connections carrying a request now")
                .tags("pool", pool, "backend", backend)
                .strongReference(true)
                .register(registry);
        return () -> {
            registry.remove(i);
            registry.remove(a);
        };
    }

    /** Counts what {@code source} says it dropped (the access log's full queue). */
    public <T> void droppedCounter(String what, T source, ToLongFunction<T> dropped) {
        FunctionCounter.builder("jtls.proxy.dropped", source, s -> dropped.applyAsLong(s))
                .description("Items dropped instead of blocking an event loop")
                .tag("what", what)
                .register(registry);
    }

    /** A listener for the pools' state changes: counts transitions by target status. */
    public PoolState.StateListener stateListener() {
        return (pool, backend, from, to, reason) -> stateChanges
                .computeIfAbsent(new StateChangeKey(pool, backend, to), k -> Counter.builder("jtls.proxy.backend.state.changes")
                        .description("Back-end status changes, by the status entered")
                        .tags("pool", k.pool(), "backend", k.backend(), "to", k.to().name())
                        .register(registry))
                .increment();
    }

    /** L4 relays (tcp and passthrough modes) report here. */
    public RelayEvents relayEvents() {
        return new RelayEvents() {
            @Override
            public void connected(String pool, String backend) {
                relay(pool, backend).connected.increment();
            }

            @Override
            public void connectFailed(String pool, String backend, String reason) {
                relay(pool, backend).failed.increment();
            }

            @Override
            public void noBackend(String pool) {
                noBackend.computeIfAbsent(orNone(pool), p -> Counter.builder("jtls.proxy.relay.no.backend")
                        .description("TCP connections closed because no back end was eligible")
                        .tag("pool", p)
                        .register(registry)).increment();
            }

            @Override
            public void closed(String pool, String backend, long bytesToBackend, long bytesToClient) {
                RelayMeters m = relay(pool, backend);
                m.toBackend.increment(bytesToBackend);
                m.toClient.increment(bytesToClient);
            }
        };
    }

    private RelayMeters relay(String pool, String backend) {
        return relays.computeIfAbsent(new BackendKey(orNone(pool), orNone(backend)), RelayMeters::new);
    }

    private void refreshBackends() {
        List<MultiGauge.Row<?>> status = new ArrayList<>();
        List<MultiGauge.Row<?>> inFlight = new ArrayList<>();
        List<MultiGauge.Row<?>> weight = new ArrayList<>();
        for (PoolState pool : pools.get().values()) {
            for (BackendState b : pool.backends()) {
                Tags tags = Tags.of("pool", pool.name(), "backend", b.name());
                BackendState.Status now = b.status();
                for (BackendState.Status s : BackendState.Status.values()) {
                    status.add(MultiGauge.Row.of(tags.and("status", s.name()), s == now ? 1 : 0));
                }
                inFlight.add(MultiGauge.Row.of(tags, b.inFlight()));
                weight.add(MultiGauge.Row.of(tags, b.weight()));
            }
        }
        backendStatus.register(status, true);
        backendInFlight.register(inFlight, true);
        backendWeight.register(weight, true);
    }

    static String statusClass(int status) {
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
    }

    private static String orNone(String s) {
        return s == null ? NONE : s;
    }

    private record RequestKey(String pool, String backend, int status) { }

    private record BackendKey(String pool, String backend) { }

    private record StateChangeKey(String pool, String backend, BackendState.Status to) { }

    private final class RequestMeters {
        final Counter count;
        final Timer duration;
        final Timer backendDuration;

        RequestMeters(RequestKey k) {
            String code = k.status() >= 100 && k.status() <= 599 ? Integer.toString(k.status()) : "other";
            count = Counter.builder("jtls.proxy.requests")
                    .description("HTTP requests by pool, back end, status class and code")
                    .tags("pool", k.pool(), "backend", k.backend(), "status_class", statusClass(k.status()), "code", code)
                    .register(registry);
            duration = Timer.builder("jtls.proxy.request.duration")
                    .description("From a request's first byte to its response's last")
                    .tags("pool", k.pool(), "backend", k.backend())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            backendDuration = Timer.builder("jtls.proxy.backend.duration")
                    .description("Time spent on the back end: from writing the request to the response's last byte")
                    .tags("pool", k.pool(), "backend", k.backend())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
        }
    }

    private final class RelayMeters {
        final Counter connected;
        final Counter failed;
        final Counter toBackend;
        final Counter toClient;

        RelayMeters(BackendKey k) {
            connected = relayCounter("jtls.proxy.relay.connections", "TCP relay connections to the back end", k, "result", "connected");
            failed = relayCounter("jtls.proxy.relay.connections", "TCP relay connections to the back end", k, "result", "failed");
            toBackend = relayCounter("jtls.proxy.relay.bytes", "Bytes relayed", k, "direction", "to_backend");
            toClient = relayCounter("jtls.proxy.relay.bytes", "Bytes relayed", k, "direction", "to_client");
        }

        private Counter relayCounter(String name, String description, BackendKey k, String tag, String value) {
            return Counter.builder(name)
                    .description(description)
                    .tags("pool", k.pool(), "backend", k.backend(), tag, value)
                    .register(registry);
        }
    }

    /** For tests: the registered meters. */
    List<Meter> meters() {
        return registry.getMeters();
    }
}
