package dev.jtls.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One listener's meters, registered once and kept by {@link ProxyMetrics#listener(String)}: the hot
 * path (an accepted connection, a finished handshake) only increments what is already there.
 * Thread-safe.
 */
public final class ListenerMetrics {
    static final String HANDSHAKES = "jtls.proxy.tls.handshakes";

    private final MeterRegistry registry;
    private final String listener;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter accepted;
    private final Counter full;
    private final Counter resumed;
    private final Map<String, Counter> failedByAlert = new ConcurrentHashMap<>();

    ListenerMetrics(MeterRegistry registry, String listener) {
        this.registry = registry;
        this.listener = listener;
        Gauge.builder("jtls.proxy.connections.open", open, AtomicInteger::get)
                .description("Client connections open now")
                .tag("listener", listener)
                .register(registry);
        accepted = Counter.builder("jtls.proxy.connections")
                .description("Client connections accepted")
                .tag("listener", listener)
                .register(registry);
        full = handshakes("full", "none");
        resumed = handshakes("resumed", "none");
        Gauge.builder("jtls.proxy.tls.resumption.ratio", this, ListenerMetrics::resumptionRatio)
                .description("Resumed handshakes / (full + resumed) since start")
                .tag("listener", listener)
                .strongReference(true)
                .register(registry);
    }

    private Counter handshakes(String result, String alert) {
        return Counter.builder(HANDSHAKES)
                .description("TLS handshakes by result (full, resumed, failed) and, for failures, the alert")
                .tags("listener", listener, "result", result, "alert", alert)
                .register(registry);
    }

    public String name() {
        return listener;
    }

    /** A client connection was accepted. */
    public void connectionOpened() {
        accepted.increment();
        open.incrementAndGet();
    }

    /** It closed (in any way). */
    public void connectionClosed() {
        open.decrementAndGet();
    }

    public int openConnections() {
        return open.get();
    }

    public void handshakeFull() {
        full.increment();
    }

    public void handshakeResumed() {
        resumed.increment();
    }

    /**
     * A handshake failed with this alert (its RFC name, e.g. {@code handshake_failure}; or a short
     * word such as {@code timeout} or {@code closed} when no alert was involved). The label is
     * normalised to lower case letters, digits and '_' and kept to 40 characters, so a peer cannot
     * blow up the series count with odd names.
     */
    public void handshakeFailed(String alert) {
        failedByAlert.computeIfAbsent(label(alert), a -> handshakes("failed", a)).increment();
    }

    /** Resumed / (full + resumed); 0 before any handshake. */
    public double resumptionRatio() {
        double r = resumed.count();
        double total = r + full.count();
        return total == 0 ? 0 : r / total;
    }

    static String label(String s) {
        if (s == null || s.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = Character.toLowerCase(s.charAt(i)); // ASCII letters are all that survive
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return b.toString();
    }
}
